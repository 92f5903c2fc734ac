-- Messages from an event's managers to its members (contract §11). The log is what the event
-- page lists, and what the throttle (10 per event per hour) counts; each recipient's copy is an
-- ORGANIZER_MESSAGE notification written in the same transaction (and mailed from the outbox).
CREATE TABLE event_messages (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  sender_id   bigint REFERENCES users (id) ON DELETE SET NULL,
  subject     text NOT NULL CHECK (length(subject) BETWEEN 1 AND 400),
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 8000),
  audience    text NOT NULL CHECK (audience IN ('CONFIRMED', 'WAITLISTED', 'ALL')),
  recipients  integer NOT NULL CHECK (recipients >= 0),
  sent_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX event_messages_by_event_idx ON event_messages (event_id, sent_at DESC);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('RSVP_CONFIRMED', 'RSVP_WAITLISTED', 'PROMOTED_FROM_WAITLIST', 'EVENT_CHANGED',
    'EVENT_CANCELLED', 'EVENT_REMINDER', 'MATCH', 'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED', 'CARD_UNREADABLE',
    'RSVP_APPROVED', 'RSVP_DECLINED', 'ORGANIZER_MESSAGE'));
