-- Who may act for an event besides its creator (contract §8), and the union tree that limits
-- organisers to their own union and its descendants (contract §8, §11).

ALTER TABLE unions ADD COLUMN parent_id bigint REFERENCES unions (id);
CREATE INDEX unions_parent_idx ON unions (parent_id);
-- A union is never its own ancestor: a parent must already exist when the child is made, and the
-- parent of an existing union is not changed by the application (so no cycle can form).
ALTER TABLE unions ADD CONSTRAINT unions_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id);

-- One role per person per event. DOOR: checks people in. CO_ORGANIZER: manages the event while
-- holding the ORGANIZER role. JUDGE: enters sports-day results. MATCHMAKER: relays that mixer's
-- introductions while holding the MATCHMAKER role.
CREATE TABLE event_staff (
  event_id   bigint      NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       text        NOT NULL CHECK (role IN ('DOOR', 'CO_ORGANIZER', 'JUDGE', 'MATCHMAKER')),
  added_by   bigint      REFERENCES users (id) ON DELETE SET NULL,
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_staff_user_idx ON event_staff (user_id);
