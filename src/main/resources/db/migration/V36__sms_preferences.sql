-- SMS beside e-mail on the same outbox row (contract §19, docs/notifications.md): queued by the
-- database itself when a notification is inserted, so every path that writes a notification (and
-- every path added later) queues SMS by the same rules, in the same transaction.
ALTER TABLE notifications
  ADD COLUMN sms_to              text,
  ADD COLUMN sms_status          text CHECK (sms_status IN ('PENDING', 'SENT', 'FAILED', 'EXPIRED')),
  ADD COLUMN sms_attempts        integer NOT NULL DEFAULT 0,
  ADD COLUMN sms_next_attempt_at timestamptz,
  ADD COLUMN sms_sent_at         timestamptz,
  ADD COLUMN sms_last_error      text,
  ADD CONSTRAINT notifications_sms_queued
    CHECK ((sms_status IS NULL) = (sms_to IS NULL) AND (sms_status IS NULL OR sms_next_attempt_at IS NOT NULL));

CREATE INDEX notifications_sms_due_idx ON notifications (sms_next_attempt_at) WHERE sms_status = 'PENDING';

-- A member's choice per kind and channel; no row means the defaults (e-mail on, SMS on for the
-- kinds that go by SMS at all). The inbox entry is always written.
CREATE TABLE notification_settings (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind    text NOT NULL,
  email   boolean NOT NULL,
  sms     boolean NOT NULL,
  PRIMARY KEY (user_id, kind)
);

-- Per member: how many SMS a day at most, and the time zone quiet hours are reckoned in.
CREATE TABLE notification_preferences (
  user_id       bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  sms_daily_cap integer NOT NULL DEFAULT 5 CHECK (sms_daily_cap BETWEEN 0 AND 10),
  time_zone     text NOT NULL DEFAULT 'Asia/Shanghai'
);

-- SMS queued per member and local day. Raised by a conditional upsert, so two transactions
-- queueing for the same member at once can never pass the cap together.
CREATE TABLE sms_daily_counts (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day     date NOT NULL,
  queued  integer NOT NULL CHECK (queued >= 0),
  PRIMARY KEY (user_id, day)
);

-- SMS costs money: only what needs action or changes plans goes by SMS.
CREATE FUNCTION sms_kind(kind text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT kind IN ('PROMOTED_FROM_WAITLIST', 'SEAT_OFFERED', 'RECONFIRM_REQUESTED', 'EVENT_CHANGED',
    'EVENT_CANCELLED', 'EVENT_REMINDER')
$$;

-- Whether a moment falls in the quiet hours [qstart, qend) of a time zone; a window whose start
-- is after its end runs over midnight.
CREATE FUNCTION in_quiet_hours(at timestamptz, tz text, qstart time, qend time) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN qstart = qend THEN false
              WHEN qstart < qend THEN (at AT TIME ZONE tz)::time >= qstart AND (at AT TIME ZONE tz)::time < qend
              ELSE (at AT TIME ZONE tz)::time >= qstart OR (at AT TIME ZONE tz)::time < qend END
$$;

-- Opting out of e-mail for a kind: before the row is written, so nothing is queued.
CREATE FUNCTION notifications_email_choice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.email_status IS NOT NULL AND EXISTS (SELECT 1 FROM notification_settings s
      WHERE s.user_id = NEW.user_id AND s.kind = NEW.kind AND NOT s.email) THEN
    NEW.email_to := NULL;
    NEW.email_status := NULL;
    NEW.email_next_attempt_at := NULL;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER notifications_email_choice BEFORE INSERT ON notifications
  FOR EACH ROW EXECUTE FUNCTION notifications_email_choice();

-- Queueing an SMS counts against the daily cap, so it happens after the row is really inserted:
-- an INSERT … ON CONFLICT DO NOTHING that writes nothing (a reminder job run again) uses none.
CREATE FUNCTION notifications_queue_sms() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  member_login text;
  cap integer;
  tz text;
BEGIN
  IF NOT sms_kind(NEW.kind) OR EXISTS (SELECT 1 FROM notification_settings s
      WHERE s.user_id = NEW.user_id AND s.kind = NEW.kind AND NOT s.sms) THEN
    RETURN NULL;
  END IF;
  SELECT u.login INTO member_login FROM users u WHERE u.id = NEW.user_id AND u.deleted_at IS NULL;
  IF member_login IS NULL OR member_login !~ '^1[3-9][0-9]{9}$' THEN
    RETURN NULL;
  END IF;
  SELECT coalesce(p.sms_daily_cap, 5), coalesce(p.time_zone, 'Asia/Shanghai') INTO cap, tz
    FROM (SELECT 1) one LEFT JOIN notification_preferences p ON p.user_id = NEW.user_id;
  INSERT INTO sms_daily_counts AS c (user_id, day, queued)
    SELECT NEW.user_id, (now() AT TIME ZONE tz)::date, 1 WHERE cap > 0
    ON CONFLICT (user_id, day) DO UPDATE SET queued = c.queued + 1 WHERE c.queued < cap;
  IF FOUND THEN
    UPDATE notifications SET sms_to = member_login, sms_status = 'PENDING', sms_next_attempt_at = now()
      WHERE id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER notifications_queue_sms AFTER INSERT ON notifications
  FOR EACH ROW WHEN (sms_kind(NEW.kind)) EXECUTE FUNCTION notifications_queue_sms();
