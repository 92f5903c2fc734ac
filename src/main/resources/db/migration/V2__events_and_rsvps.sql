-- Events, their seat pools and sign-ups. The capacity invariant lives here: a pool's counters
-- are changed only by conditional updates on its row, and CHECK (confirmed <= capacity) refuses
-- anything else. The pool row is also the lock every seat-changing transaction takes first.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE events (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type                    text NOT NULL CHECK (type IN ('READING_SALON', 'SPORTS_DAY', 'MIXER', 'OTHER')),
  title                   text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 120),
  description             text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
  venue                   text NOT NULL CHECK (length(btrim(venue)) BETWEEN 1 AND 200),
  starts_at               timestamptz NOT NULL,
  ends_at                 timestamptz NOT NULL,
  time_zone               text NOT NULL DEFAULT 'Asia/Shanghai',
  registration_opens_at   timestamptz,
  registration_closes_at  timestamptz,
  audience_union_id       bigint REFERENCES unions (id),
  min_age                 smallint CHECK (min_age BETWEEN 16 AND 120),
  max_age                 smallint CHECK (max_age BETWEEN 16 AND 120),
  status                  text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'CANCELLED')),
  cancel_reason           text CHECK (cancel_reason IS NULL OR length(cancel_reason) <= 500),
  organizer_id            bigint NOT NULL REFERENCES users (id),
  published_at            timestamptz,
  cancelled_at            timestamptz,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  -- Bounded length lets "not yet ended" be an index range on starts_at (see the list query).
  CHECK (ends_at <= starts_at + interval '31 days'),
  CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age),
  CHECK (registration_opens_at IS NULL OR registration_closes_at IS NULL
         OR registration_opens_at < registration_closes_at),
  CHECK (registration_closes_at IS NULL OR registration_closes_at <= ends_at)
);

-- The home page: published events that have not ended, soonest first.
CREATE INDEX events_published_by_start_idx ON events (starts_at, id) WHERE status = 'PUBLISHED';
CREATE INDEX events_published_by_type_idx ON events (type, starts_at, id) WHERE status = 'PUBLISHED';
CREATE INDEX events_organizer_idx ON events (organizer_id, starts_at DESC);
-- Substring search that works for Chinese (pg_trgm makes trigrams of CJK text too).
CREATE INDEX events_search_trgm_idx ON events
  USING gin ((title || ' ' || venue || ' ' || description) gin_trgm_ops);

CREATE TABLE event_pools (
  event_id    bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  key         text NOT NULL CHECK (key ~ '^[A-Za-z0-9_-]{1,40}$'),
  label       text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 60),
  capacity    integer NOT NULL CHECK (capacity BETWEEN 0 AND 100000),
  confirmed   integer NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
  waitlisted  integer NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
  position    smallint NOT NULL,
  PRIMARY KEY (event_id, key),
  CONSTRAINT pool_not_oversold CHECK (confirmed <= capacity)
);

-- First come, first served: the waitlist orders by this sequence's value at the time of joining.
CREATE SEQUENCE rsvp_waitlist_seq;

CREATE TABLE rsvps (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id         bigint NOT NULL,
  user_id          bigint NOT NULL REFERENCES users (id),
  pool_key         text NOT NULL,
  status           text NOT NULL CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'CANCELLED')),
  waitlist_seq     bigint,
  declares_single  boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  confirmed_at     timestamptz,
  cancelled_at     timestamptz,
  FOREIGN KEY (event_id, pool_key) REFERENCES event_pools (event_id, key),
  UNIQUE (event_id, user_id),
  CHECK ((status = 'WAITLISTED') = (waitlist_seq IS NOT NULL))
);

CREATE INDEX rsvps_waitlist_idx ON rsvps (event_id, pool_key, waitlist_seq) WHERE status = 'WAITLISTED';
CREATE INDEX rsvps_by_user_idx ON rsvps (user_id, event_id);
CREATE INDEX rsvps_by_event_idx ON rsvps (event_id, status);

-- The pool counters follow the sign-ups they count, whatever statement changes them; with
-- pool_not_oversold above, no code path can confirm more people than there are seats.
CREATE FUNCTION rsvps_count_in_pool() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.pool_key = NEW.pool_key THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE event_pools
       SET confirmed = confirmed - (OLD.status = 'CONFIRMED')::int,
           waitlisted = waitlisted - (OLD.status = 'WAITLISTED')::int
     WHERE event_id = OLD.event_id AND key = OLD.pool_key;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE event_pools
       SET confirmed = confirmed + (NEW.status = 'CONFIRMED')::int,
           waitlisted = waitlisted + (NEW.status = 'WAITLISTED')::int
     WHERE event_id = NEW.event_id AND key = NEW.pool_key;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER rsvps_count_in_pool
  AFTER INSERT OR UPDATE OF status, pool_key OR DELETE ON rsvps
  FOR EACH ROW EXECUTE FUNCTION rsvps_count_in_pool();
