-- The event list finds the events that have not ended in two index ranges (EventRepository.RECENT
-- and LONG): those that started within the last day on events_published_by_start_idx, and the
-- few published events longer than a day (at most 31 days, EventInput.MAX_DURATION) on this one.
-- The predicate is immutable (timestamptz minus timestamptz), so it can be a partial index.
CREATE INDEX events_published_long_idx ON events (starts_at, id)
  WHERE status = 'PUBLISHED' AND ends_at - starts_at > interval '1 day';
