-- Post-event surveys and the reports built on them (contract §15, issue 19).
--
-- A survey answer may be anonymous: then nothing in the database says whose it is. "One answer
-- per attendee" is therefore kept by a separate marker, survey_answered (member, event), which
-- holds no answer, no time and no order, and survey_answers holds no time and a random id, so no
-- column of one can be joined to the other. Both are written in one transaction (the marker's
-- primary key refuses a second answer, and an answer never exists without its marker).
-- docs/reports.md says what a database superuser could still infer (the rows' transaction ids).

CREATE TABLE survey_answered (
  event_id  bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (event_id, user_id)
);

CREATE TABLE survey_answers (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id  bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  -- NULL for an anonymous answer (and for one whose author deleted their account).
  user_id   bigint REFERENCES users (id) ON DELETE SET NULL,
  rating    smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment   text CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 1000)
);

CREATE INDEX survey_answers_event_idx ON survey_answers (event_id) INCLUDE (rating);
CREATE INDEX survey_answers_user_idx ON survey_answers (user_id) WHERE user_id IS NOT NULL;

-- Set once, by the one job run that asks the event's attendees: a second run finds nothing to do.
ALTER TABLE events ADD COLUMN survey_requested_at timestamptz;
-- Events that ended before surveys existed are not surveyed: their attendees have gone home long ago.
UPDATE events SET survey_requested_at = ends_at WHERE ends_at <= now();
CREATE INDEX events_survey_due_idx ON events (ends_at) WHERE survey_requested_at IS NULL;

-- The union dashboard picks the published events of a union subtree within a date range.
CREATE INDEX events_audience_start_idx ON events (audience_union_id, starts_at) WHERE status = 'PUBLISHED';

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('RSVP_CONFIRMED', 'RSVP_WAITLISTED', 'PROMOTED_FROM_WAITLIST', 'EVENT_CHANGED',
    'EVENT_CANCELLED', 'EVENT_REMINDER', 'MATCH', 'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED', 'CARD_UNREADABLE',
    'RSVP_APPROVED', 'RSVP_DECLINED', 'ORGANIZER_MESSAGE', 'SERIES_DATE_OPEN', 'LOTTERY_WON', 'LOTTERY_WAITLISTED',
    'SEAT_OFFERED', 'OFFER_EXPIRED', 'RECONFIRM_REQUESTED', 'SEAT_RELEASED', 'FOLLOW_UP', 'SURVEY'));
