-- The home page's list and count queries (EventRepository.LIST/COUNT) on the large data set, as
-- prepared statements run more than five times so PostgreSQL uses its generic plan, as the app's
-- cached prepared statements do. Run by src/bench/run.sh; output in
-- docs/benchmarks/results/home-plans-large.txt.
\set QUIET on
PREPARE list(timestamptz, text, timestamptz, timestamptz, text, int, int) AS
SELECT e.id AS event_row_id, e.type, e.title, e.description, e.venue, e.starts_at, e.ends_at, e.time_zone,
       e.registration_opens_at, e.registration_closes_at, e.audience_union_id, e.min_age, e.max_age,
       e.status AS event_status, e.cancel_reason, e.organizer_id, e.matching_closes_at,
       (SELECT json_agg(json_build_object('key', p.key, 'label', p.label, 'capacity', p.capacity,
         'confirmed', p.confirmed, 'waitlisted', p.waitlisted) ORDER BY p.position)
        FROM event_pools p WHERE p.event_id = e.id) AS pools
  FROM events e WHERE e.status = 'PUBLISHED' AND e.ends_at >= $1 AND e.starts_at >= $1 - interval '31 days'
   AND ($2::text IS NULL OR e.type = $2) AND ($3::timestamptz IS NULL OR e.starts_at >= $3)
   AND ($4::timestamptz IS NULL OR e.starts_at < $4)
   AND ($5::text IS NULL OR (e.title || ' ' || e.venue || ' ' || e.description) ILIKE $5)
 ORDER BY e.starts_at, e.id LIMIT $6 OFFSET $7;
PREPARE total(timestamptz, text, timestamptz, timestamptz, text) AS
SELECT count(*) FROM events e WHERE e.status = 'PUBLISHED' AND e.ends_at >= $1
   AND e.starts_at >= $1 - interval '31 days'
   AND ($2::text IS NULL OR e.type = $2) AND ($3::timestamptz IS NULL OR e.starts_at >= $3)
   AND ($4::timestamptz IS NULL OR e.starts_at < $4)
   AND ($5::text IS NULL OR (e.title || ' ' || e.venue || ' ' || e.description) ILIKE $5);
\o /dev/null
EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0);
EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0);
EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0);
EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0);
EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0);
EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0);
EXECUTE total(now(), NULL, NULL, NULL, NULL);
EXECUTE total(now(), NULL, NULL, NULL, NULL);
EXECUTE total(now(), NULL, NULL, NULL, NULL);
EXECUTE total(now(), NULL, NULL, NULL, NULL);
EXECUTE total(now(), NULL, NULL, NULL, NULL);
EXECUTE total(now(), NULL, NULL, NULL, NULL);
\o
\echo -- list
EXPLAIN (ANALYZE, BUFFERS) EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0);
\echo -- count
EXPLAIN (ANALYZE, BUFFERS) EXECUTE total(now(), NULL, NULL, NULL, NULL);
SELECT count(*) AS upcoming FROM events WHERE status = 'PUBLISHED' AND ends_at >= now();
BEGIN;
CREATE INDEX bench_published_cover_idx ON events (starts_at, id) INCLUDE (ends_at) WHERE status = 'PUBLISHED';
DEALLOCATE total;
PREPARE total(timestamptz) AS
SELECT count(*) FROM events e WHERE e.status = 'PUBLISHED' AND e.ends_at >= $1 AND e.starts_at >= $1 - interval '31 days';
\o /dev/null
EXECUTE total(now());
\o
\echo -- count-covering-index
EXPLAIN (ANALYZE, BUFFERS) EXECUTE total(now());
ROLLBACK;
