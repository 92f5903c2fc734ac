-- Series (contract §11): a monthly reading salon is one series with many dates, each date an
-- ordinary event (its own capacity, sign-ups, check-ins) that points at its series. Members may
-- follow a series; they are told (SERIES_DATE_OPEN) when one of its dates is published, written
-- in the publishing transaction and keyed by date and member, so never twice.
CREATE TABLE event_series (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title         text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 120),
  description   text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
  organizer_id  bigint NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE events ADD COLUMN series_id bigint REFERENCES event_series (id);
CREATE INDEX events_series_idx ON events (series_id, starts_at) WHERE series_id IS NOT NULL;

-- One follow per member and series: following twice is the same follow.
CREATE TABLE series_follows (
  series_id    bigint NOT NULL REFERENCES event_series (id) ON DELETE CASCADE,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  followed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (series_id, user_id)
);
CREATE INDEX series_follows_user_idx ON series_follows (user_id);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('RSVP_CONFIRMED', 'RSVP_WAITLISTED', 'PROMOTED_FROM_WAITLIST', 'EVENT_CHANGED',
    'EVENT_CANCELLED', 'EVENT_REMINDER', 'MATCH', 'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED', 'CARD_UNREADABLE',
    'RSVP_APPROVED', 'RSVP_DECLINED', 'ORGANIZER_MESSAGE', 'SERIES_DATE_OPEN'));
