-- The mixer beyond the evening (contract §14, issue 18): blocks, the colleague firewall,
-- follow-ups after a match, and rounds.

-- A block is per person, not per event: it holds at every mixer until its author removes it.
-- Stored by user ids; nobody but its author ever sees that it exists.
CREATE TABLE mixer_blocks (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  blocker     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  blocked     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- Where it was made, so its author can recognise it in their list (badge and event).
  event_id    bigint REFERENCES events (id) ON DELETE SET NULL,
  badge       integer,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (blocker, blocked),
  CHECK (blocker <> blocked)
);
CREATE INDEX mixer_blocks_blocked_idx ON mixer_blocks (blocked);

-- The colleague firewall: the employer as typed, and the key it is compared by (normalised by
-- the application: trimmed, NFKC, case-folded, common company suffixes removed).
ALTER TABLE users
  ADD COLUMN employer text CHECK (length(employer) <= 100),
  ADD COLUMN employer_key text CHECK (length(employer_key) <= 100),
  ADD COLUMN avoid_same_employer boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT users_employer_key_with_employer CHECK (employer_key IS NULL OR employer IS NOT NULL);

-- Whether two members are hidden from each other at a mixer: a block either way, or the same
-- employer when either of them asked not to be shown to colleagues. Symmetric by construction,
-- so neither side's view can tell which of them hid.
CREATE FUNCTION mixer_hidden(viewer bigint, other bigint) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM mixer_blocks b
                   WHERE (b.blocker = viewer AND b.blocked = other) OR (b.blocker = other AND b.blocked = viewer))
        OR EXISTS (SELECT 1 FROM users v JOIN users o ON o.id = other
                   WHERE v.id = viewer AND v.employer_key IS NOT NULL AND v.employer_key = o.employer_key
                     AND (v.avoid_same_employer OR o.avoid_same_employer))
  $$;

-- Follow-ups: each side of a match is asked once per stage (1: 3 days, 2: 3 weeks, 3: 3 months).
-- The primary key is what makes "once" hold across instances and retries.
CREATE TABLE mixer_follow_ups (
  match_id        bigint NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  user_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  stage           smallint NOT NULL CHECK (stage BETWEEN 1 AND 3),
  event_id        bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  asked_at        timestamptz NOT NULL DEFAULT now(),
  still_in_touch  boolean,
  answered_at     timestamptz,
  PRIMARY KEY (match_id, user_id, stage),
  CHECK ((still_in_touch IS NULL) = (answered_at IS NULL))
);
CREATE INDEX mixer_follow_ups_event_idx ON mixer_follow_ups (event_id);
CREATE INDEX matches_created_idx ON matches (created_at) WHERE ended_at IS NULL;

-- Rounds: the host starts each one; its end time is stored so every screen counts down to it.
CREATE TABLE mixer_rounds (
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  round_no    integer NOT NULL CHECK (round_no > 0),
  started_at  timestamptz NOT NULL DEFAULT now(),
  ends_at     timestamptz NOT NULL,
  PRIMARY KEY (event_id, round_no),
  CHECK (ends_at > started_at)
);

-- One row per attendee per round: a table, or resting (table_no NULL).
CREATE TABLE mixer_round_seats (
  event_id    bigint NOT NULL,
  round_no    integer NOT NULL,
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  table_no    integer CHECK (table_no > 0),
  PRIMARY KEY (event_id, round_no, user_id),
  FOREIGN KEY (event_id, round_no) REFERENCES mixer_rounds (event_id, round_no) ON DELETE CASCADE
);
CREATE UNIQUE INDEX mixer_round_seats_two_a_table ON mixer_round_seats (event_id, round_no, table_no, user_id);

-- Each pair meets at most once per mixer, whatever the pairing code does.
CREATE TABLE mixer_round_pairs (
  event_id    bigint NOT NULL,
  round_no    integer NOT NULL,
  table_no    integer NOT NULL CHECK (table_no > 0),
  user_a      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_b      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  FOREIGN KEY (event_id, round_no) REFERENCES mixer_rounds (event_id, round_no) ON DELETE CASCADE,
  UNIQUE (event_id, user_a, user_b),
  UNIQUE (event_id, round_no, table_no),
  CHECK (user_a < user_b)
);

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('RSVP_CONFIRMED', 'RSVP_WAITLISTED', 'PROMOTED_FROM_WAITLIST', 'EVENT_CHANGED',
    'EVENT_CANCELLED', 'EVENT_REMINDER', 'MATCH', 'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED', 'CARD_UNREADABLE',
    'RSVP_APPROVED', 'RSVP_DECLINED', 'ORGANIZER_MESSAGE', 'SERIES_DATE_OPEN', 'LOTTERY_WON', 'LOTTERY_WAITLISTED',
    'SEAT_OFFERED', 'OFFER_EXPIRED', 'RECONFIRM_REQUESTED', 'SEAT_RELEASED', 'FOLLOW_UP'));
