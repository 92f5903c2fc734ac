-- Lottery allocation with a public draw (contract §12; docs/lottery.md says how to check a draw).
-- In a LOTTERY event a sign-up in the window is APPLIED: it holds no seat and no waitlist place
-- (the V2 counter trigger counts only CONFIRMED and WAITLISTED, and an APPLIED row has no
-- waitlist_seq, as the V2 CHECK wants). The draw turns every APPLIED row of the event into
-- CONFIRMED or WAITLISTED at once, under all the event's pool locks.

ALTER TABLE events ADD COLUMN allocation text NOT NULL DEFAULT 'FIRST_COME'
  CHECK (allocation IN ('FIRST_COME', 'LOTTERY'));
-- The draw happens when registration closes, so a lottery must say when that is; approval would
-- let a manager pick winners by hand, which a lottery exists to prevent.
ALTER TABLE events ADD CONSTRAINT lottery_needs_closing_time
  CHECK (allocation <> 'LOTTERY' OR registration_closes_at IS NOT NULL);
ALTER TABLE events ADD CONSTRAINT lottery_without_approval CHECK (allocation <> 'LOTTERY' OR NOT approval);

-- One lottery per lottery event. The secret is made by the database when the event becomes a
-- lottery, before anyone can apply; only its SHA-256 (the commitment) is shown until the draw,
-- which reveals it. The seed then mixes it with the hash of the applicant list, which nobody
-- knew when the commitment was published.
CREATE TABLE lotteries (
  event_id           bigint PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  secret             text NOT NULL CHECK (secret ~ '^[0-9a-f]{64}$'),
  commitment         text NOT NULL CHECK (commitment ~ '^[0-9a-f]{64}$'),
  -- The last applicant number given; numbers are given in order and never reused (gaps are fine).
  last_number        integer NOT NULL DEFAULT 0 CHECK (last_number >= 0),
  applicants_sha256  text CHECK (applicants_sha256 ~ '^[0-9a-f]{64}$'),
  seed               text CHECK (seed ~ '^[0-9a-f]{64}$'),
  -- Free seats of each pool when the draw filled them: {"main": 20} — part of what a checker needs.
  seats              jsonb,
  drawn_at           timestamptz,
  drawn_by           bigint REFERENCES users (id) ON DELETE SET NULL,
  CHECK ((drawn_at IS NULL) = (seed IS NULL) AND (seed IS NULL) = (applicants_sha256 IS NULL)
    AND (seed IS NULL) = (seats IS NULL))
);

-- The published result: every applicant of the draw exactly once (the primary key), each pool's
-- places given once.
CREATE TABLE lottery_results (
  event_id   bigint NOT NULL REFERENCES lotteries (event_id) ON DELETE CASCADE,
  number     integer NOT NULL,
  rsvp_id    bigint NOT NULL REFERENCES rsvps (id) ON DELETE CASCADE,
  pool_key   text NOT NULL,
  draw_rank  integer NOT NULL CHECK (draw_rank >= 1),
  position   integer NOT NULL CHECK (position >= 1),
  status     text NOT NULL CHECK (status IN ('CONFIRMED', 'WAITLISTED')),
  PRIMARY KEY (event_id, number),
  UNIQUE (event_id, draw_rank),
  UNIQUE (event_id, pool_key, position),
  UNIQUE (rsvp_id)
);

ALTER TABLE rsvps ADD COLUMN applicant_no integer CHECK (applicant_no >= 1);
ALTER TABLE rsvps ADD CONSTRAINT rsvps_applicant_no_unique UNIQUE (event_id, applicant_no);
ALTER TABLE rsvps ADD CONSTRAINT applied_has_number CHECK (status <> 'APPLIED' OR applicant_no IS NOT NULL);

ALTER TABLE rsvps DROP CONSTRAINT rsvps_status_check;
ALTER TABLE rsvps ADD CONSTRAINT rsvps_status_check
  CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'CANCELLED', 'PENDING_APPROVAL', 'DECLINED', 'APPLIED'));

CREATE INDEX rsvps_applied_idx ON rsvps (event_id, applicant_no) WHERE status = 'APPLIED';

CREATE FUNCTION lottery_for_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
BEGIN
  IF NEW.allocation = 'LOTTERY' THEN
    INSERT INTO lotteries (event_id, secret, commitment)
    VALUES (NEW.id, s, encode(sha256(convert_to(s, 'UTF8')), 'hex'))
    ON CONFLICT (event_id) DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER lottery_for_event AFTER INSERT OR UPDATE OF allocation ON events
  FOR EACH ROW EXECUTE FUNCTION lottery_for_event();

-- Who applied under one rule must not end up under another: the allocation stays as it is while
-- anyone holds or waits for a place (or has applied).
CREATE FUNCTION allocation_fixed_after_signups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.allocation IS DISTINCT FROM OLD.allocation AND EXISTS (SELECT 1 FROM rsvps
       WHERE event_id = NEW.id AND status NOT IN ('CANCELLED', 'DECLINED')) THEN
    RAISE EXCEPTION 'event % has sign-ups: its allocation is fixed', NEW.id
      USING ERRCODE = '23514', CONSTRAINT = 'allocation_fixed_after_signups';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER allocation_fixed_after_signups BEFORE UPDATE OF allocation ON events
  FOR EACH ROW EXECUTE FUNCTION allocation_fixed_after_signups();

-- An application takes the lottery's next number, and only while the lottery is not drawn: the
-- lottery row is the lock the draw takes too, so no application slips in after the list is hashed.
CREATE FUNCTION rsvps_applicant_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'APPLIED' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'APPLIED') THEN
    UPDATE lotteries l SET last_number = l.last_number + 1
      FROM events e
     WHERE l.event_id = NEW.event_id AND e.id = l.event_id AND e.allocation = 'LOTTERY' AND l.drawn_at IS NULL
    RETURNING l.last_number INTO NEW.applicant_no;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % takes no applications', NEW.event_id
        USING ERRCODE = '23514', CONSTRAINT = 'applied_before_draw';
    END IF;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER rsvps_applicant_number BEFORE INSERT OR UPDATE OF status ON rsvps
  FOR EACH ROW EXECUTE FUNCTION rsvps_applicant_number();

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('RSVP_CONFIRMED', 'RSVP_WAITLISTED', 'PROMOTED_FROM_WAITLIST', 'EVENT_CHANGED',
    'EVENT_CANCELLED', 'EVENT_REMINDER', 'MATCH', 'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED', 'CARD_UNREADABLE',
    'RSVP_APPROVED', 'RSVP_DECLINED', 'ORGANIZER_MESSAGE', 'SERIES_DATE_OPEN', 'LOTTERY_WON', 'LOTTERY_WAITLISTED'));
