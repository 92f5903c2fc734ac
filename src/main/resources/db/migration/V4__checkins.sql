-- Door check-in. One row per checked-in sign-up (the primary key is the invariant "one check-in
-- per sign-up"); mixers hand out badge numbers unique within the event.

ALTER TABLE events ADD COLUMN last_badge integer NOT NULL DEFAULT 0;

CREATE TABLE checkins (
  rsvp_id        bigint PRIMARY KEY REFERENCES rsvps (id),
  event_id       bigint NOT NULL REFERENCES events (id),
  user_id        bigint NOT NULL REFERENCES users (id),
  checked_in_at  timestamptz NOT NULL DEFAULT now(),
  method         text NOT NULL CHECK (method IN ('QR', 'CODE', 'SEARCH', 'SELF', 'WALK_IN')),
  checked_in_by  bigint REFERENCES users (id),
  badge          integer CHECK (badge > 0),
  UNIQUE (event_id, badge)
);

CREATE INDEX checkins_event_idx ON checkins (event_id, checked_in_at);
CREATE INDEX checkins_user_idx ON checkins (user_id, checked_in_at DESC);
