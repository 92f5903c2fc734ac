-- Mixer introductions. Contact cards are stored encrypted (AES-GCM, key outside the database).
-- A mark or a request is visible to its author only, until it is returned or accepted.

ALTER TABLE events ADD COLUMN matching_closes_at timestamptz;
ALTER TABLE checkins ADD COLUMN mixer_left_at timestamptz;

CREATE TABLE contact_cards (
  user_id     bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  nonce       bytea NOT NULL,
  ciphertext  bytea NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mixer_likes (
  event_id         bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  from_user        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  to_user          bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  consent_version  text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, from_user, to_user),
  CHECK (from_user <> to_user)
);
CREATE INDEX mixer_likes_to_idx ON mixer_likes (event_id, to_user);

-- A pair matched once (by mutual marks or an accepted introduction): disclosed and notified once.
CREATE TABLE mixer_matches (
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_a      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_b      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  via         text NOT NULL CHECK (via IN ('MUTUAL_LIKE', 'INTRO_REQUEST')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, user_a, user_b, via),
  CHECK (user_a < user_b)
);

CREATE TABLE intro_requests (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id                bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  from_user               bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  to_user                 bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  message                 text NOT NULL CHECK (length(message) <= 500),
  status                  text NOT NULL CHECK (status IN ('PENDING', 'FORWARDED', 'ACCEPTED', 'DECLINED', 'REJECTED',
                            'WITHDRAWN')),
  request_consent_version text NOT NULL,
  answer_consent_version  text,
  matchmaker_id           bigint REFERENCES users (id),
  matchmaker_note         text CHECK (length(matchmaker_note) <= 500),
  reject_reason           text CHECK (length(reject_reason) <= 500),
  created_at              timestamptz NOT NULL DEFAULT now(),
  forwarded_at            timestamptz,
  answered_at             timestamptz,
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (from_user <> to_user)
);
CREATE UNIQUE INDEX intro_requests_one_open_per_pair ON intro_requests (event_id, from_user, to_user)
  WHERE status IN ('PENDING', 'FORWARDED');
CREATE INDEX intro_requests_from_idx ON intro_requests (from_user, event_id);
CREATE INDEX intro_requests_to_idx ON intro_requests (to_user, status);
CREATE INDEX intro_requests_queue_idx ON intro_requests (status, created_at);

-- Every time a card went to someone: the owner's record of what left, to whom, how and when.
CREATE TABLE disclosures (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id            bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  recipient_id        bigint REFERENCES users (id) ON DELETE SET NULL,
  recipient_nickname  text NOT NULL,
  event_id            bigint REFERENCES events (id) ON DELETE SET NULL,
  via                 text NOT NULL CHECK (via IN ('MUTUAL_LIKE', 'INTRO_REQUEST')),
  fields              text[] NOT NULL,
  consent_version     text NOT NULL,
  disclosed_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disclosures_owner_idx ON disclosures (owner_id, disclosed_at DESC);
CREATE INDEX disclosures_pair_idx ON disclosures (event_id, owner_id, recipient_id);
