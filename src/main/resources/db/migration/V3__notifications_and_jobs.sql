-- The in-app inbox doubles as the e-mail outbox: a notification is inserted in the same
-- transaction as the change that causes it, and its e-mail (if any) is sent from this row.

CREATE TABLE notifications (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id                bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind                   text NOT NULL CHECK (kind IN ('RSVP_CONFIRMED', 'RSVP_WAITLISTED', 'PROMOTED_FROM_WAITLIST',
                           'EVENT_CHANGED', 'EVENT_CANCELLED', 'EVENT_REMINDER', 'MATCH',
                           'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED')),
  event_id               bigint REFERENCES events (id) ON DELETE SET NULL,
  -- What the texts are made from, rendered in the reader's language when read or mailed.
  params                 jsonb NOT NULL DEFAULT '{}',
  created_at             timestamptz NOT NULL DEFAULT now(),
  read_at                timestamptz,
  -- A cause that may fire more than once (a reminder job on several instances) names itself here.
  dedupe_key             text UNIQUE,
  email_to               text,
  email_status           text CHECK (email_status IN ('PENDING', 'SENT', 'FAILED')),
  email_attempts         integer NOT NULL DEFAULT 0,
  email_next_attempt_at  timestamptz,
  email_sent_at          timestamptz,
  email_last_error       text,
  CHECK ((email_to IS NULL) = (email_status IS NULL))
);

CREATE INDEX notifications_inbox_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_email_due_idx ON notifications (email_next_attempt_at) WHERE email_status = 'PENDING';

-- Periodic jobs: whichever instance moves next_run_at forward runs the job for that period.
CREATE TABLE scheduled_jobs (
  name              text PRIMARY KEY,
  next_run_at       timestamptz NOT NULL DEFAULT now(),
  last_started_at   timestamptz,
  last_finished_at  timestamptz,
  last_error        text
);
