-- Consent you can prove (contract §9): a receipt for every consent, one match per pair, contact
-- snapshots disclosed exactly as consented, key ids on every sealed card, deleted accounts.

-- Every consent a member gave: what they were shown (the text and its hash), to whom, which fields.
CREATE TABLE consents (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id             bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind                text NOT NULL CHECK (kind IN ('MARK', 'INTRO_REQUEST', 'INTRO_ACCEPT')),
  event_id            bigint REFERENCES events (id) ON DELETE SET NULL,
  recipient_id        bigint REFERENCES users (id) ON DELETE SET NULL,
  recipient_nickname  text NOT NULL,
  fields              text[] NOT NULL,
  text_version        text NOT NULL,
  lang                text NOT NULL,
  text                text NOT NULL,
  text_sha256         text NOT NULL CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
  created_at          timestamptz NOT NULL DEFAULT now(),
  withdrawn_at        timestamptz
);
CREATE INDEX consents_user_idx ON consents (user_id, created_at DESC);

ALTER TABLE mixer_likes ADD COLUMN consent_id bigint REFERENCES consents (id) ON DELETE SET NULL;
ALTER TABLE intro_requests ADD COLUMN request_consent_id bigint REFERENCES consents (id) ON DELETE SET NULL;
ALTER TABLE intro_requests ADD COLUMN answer_consent_id bigint REFERENCES consents (id) ON DELETE SET NULL;

-- One match per pair per event, with every route that led to it; ending it stops both cards.
CREATE TABLE matches (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_a      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_b      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  via         text[] NOT NULL CHECK (via <@ ARRAY['MUTUAL_LIKE', 'INTRO_REQUEST']::text[] AND cardinality(via) >= 1),
  created_at  timestamptz NOT NULL DEFAULT now(),
  ended_at    timestamptz,
  ended_by    bigint REFERENCES users (id) ON DELETE SET NULL,
  UNIQUE (event_id, user_a, user_b),
  CHECK (user_a < user_b)
);
INSERT INTO matches (event_id, user_a, user_b, via, created_at)
  SELECT event_id, user_a, user_b, array_agg(DISTINCT via ORDER BY via), min(created_at)
  FROM mixer_matches GROUP BY event_id, user_a, user_b;
DROP TABLE mixer_matches;

-- A disclosure is a snapshot: the consented fields with their values at that moment, sealed with
-- the contact key (key_id names it). A disclosure that could not be made (the owner's card was
-- unreadable) is kept as FAILED and made when the owner saves their card again.
ALTER TABLE disclosures ADD COLUMN match_id bigint REFERENCES matches (id) ON DELETE SET NULL;
ALTER TABLE disclosures ADD COLUMN consent_id bigint REFERENCES consents (id) ON DELETE SET NULL;
ALTER TABLE disclosures ADD COLUMN status text NOT NULL DEFAULT 'DISCLOSED'
  CHECK (status IN ('DISCLOSED', 'FAILED', 'DONE_LATER'));
ALTER TABLE disclosures ADD COLUMN snapshot_key_id text;
ALTER TABLE disclosures ADD COLUMN snapshot_nonce bytea;
ALTER TABLE disclosures ADD COLUMN snapshot_ciphertext bytea;
ALTER TABLE disclosures DROP CONSTRAINT disclosures_via_check;
ALTER TABLE disclosures ADD CONSTRAINT disclosures_via_check
  CHECK (via IN ('MUTUAL_LIKE', 'INTRO_REQUEST', 'RESENT', 'MATCH_ENDED'));
ALTER TABLE disclosures ALTER COLUMN consent_version DROP NOT NULL;
ALTER TABLE disclosures ALTER COLUMN recipient_nickname DROP NOT NULL;
CREATE INDEX disclosures_match_idx ON disclosures (match_id, owner_id, disclosed_at DESC);
-- Existing disclosures belong to the match of their pair.
UPDATE disclosures d SET match_id = m.id FROM matches m
  WHERE m.event_id = d.event_id AND m.user_a = least(d.owner_id, d.recipient_id)
    AND m.user_b = greatest(d.owner_id, d.recipient_id);

-- Which key sealed a card: a key that does not match refuses start-up instead of losing cards.
ALTER TABLE contact_cards ADD COLUMN key_id text;

-- A member's own single declaration at the door of a mixer (a walk-in never declares for them).
CREATE TABLE mixer_declarations (
  event_id     bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  declared_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, user_id)
);

-- A deleted account keeps only an anonymous row, so sign-up counts and others' logs still add up.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('RSVP_CONFIRMED', 'RSVP_WAITLISTED', 'PROMOTED_FROM_WAITLIST', 'EVENT_CHANGED',
    'EVENT_CANCELLED', 'EVENT_REMINDER', 'MATCH', 'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED', 'CARD_UNREADABLE'));
