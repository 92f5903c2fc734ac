-- The offline door (issue 22): kits that let a door phone verify tickets offline, check-ins synced
-- from such phones (and the duplicates two phones made of one ticket), gates, exits and re-entry.

-- A door kit is issued to one door staff member for one event; its id is the phone's device id.
-- Revoking it (or its expiry) makes the server refuse what that phone syncs.
CREATE TABLE door_kits (
  id          uuid PRIMARY KEY,
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  issued_at   timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  CHECK (expires_at > issued_at)
);
CREATE INDEX door_kits_event_idx ON door_kits (event_id, issued_at);

ALTER TABLE events ADD COLUMN reentry boolean NOT NULL DEFAULT false;

-- Where a check-in came through, from which phone, and whether the person is inside now
-- (an exit scan sets inside false, a re-entry true again, at the gate of that passage).
ALTER TABLE checkins
  ADD COLUMN device_id   uuid REFERENCES door_kits (id) ON DELETE SET NULL,
  ADD COLUMN gate        text CHECK (gate IS NULL OR char_length(gate) BETWEEN 1 AND 40),
  ADD COLUMN inside      boolean NOT NULL DEFAULT true,
  ADD COLUMN inside_gate text CHECK (inside_gate IS NULL OR char_length(inside_gate) BETWEEN 1 AND 40);
CREATE INDEX checkins_inside_idx ON checkins (event_id, inside_gate) WHERE inside;

-- A second admission of a ticket already checked in, made offline by another phone: kept, with
-- its own time, so the door sees both. The key makes a replayed sync batch change nothing.
CREATE TABLE checkin_duplicates (
  rsvp_id     bigint NOT NULL REFERENCES rsvps (id) ON DELETE CASCADE,
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  device_id   uuid NOT NULL REFERENCES door_kits (id) ON DELETE CASCADE,
  scanned_at  timestamptz NOT NULL,
  gate        text,
  PRIMARY KEY (rsvp_id, device_id, scanned_at)
);

-- Exits and re-entries after the check-in; the key makes a replayed passage change nothing.
CREATE TABLE gate_passages (
  rsvp_id     bigint NOT NULL REFERENCES rsvps (id) ON DELETE CASCADE,
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  direction   text NOT NULL CHECK (direction IN ('IN', 'OUT')),
  gate        text CHECK (gate IS NULL OR char_length(gate) BETWEEN 1 AND 40),
  passed_at   timestamptz NOT NULL,
  device_id   uuid REFERENCES door_kits (id) ON DELETE CASCADE,
  PRIMARY KEY (rsvp_id, direction, passed_at)
);
