-- The home page's list and capped count (EventRepository.LIST and COUNT_UP_TO, as there) and the API's
-- exact count (COUNT) on the large data set, as prepared statements run more than five times so
-- PostgreSQL uses its generic plan, as the app's cached prepared statements do. "Not ended" is two
-- index ranges: events that started within the last day, and the few longer than a day (V37).
-- Run by src/bench/run.sh; output in docs/benchmarks/results/home-plans-large.txt.
\set QUIET on
\set where 'FROM events e WHERE e.status = ''PUBLISHED'' AND e.ends_at >= $1 AND ($2::text IS NULL OR e.type = $2) AND ($3::timestamptz IS NULL OR e.starts_at >= $3) AND ($4::timestamptz IS NULL OR e.starts_at < $4) AND ($5::text IS NULL OR (e.title || '' '' || e.venue || '' '' || e.description) ILIKE $5)'
\set recent ' AND e.starts_at >= $1 - interval ''1 day'''
\set long ' AND e.ends_at - e.starts_at > interval ''1 day'' AND e.starts_at >= $1 - interval ''31 days'' AND e.starts_at < $1 - interval ''1 day'''
\set columns 'e.id AS event_row_id, e.type, e.title, e.starts_at, e.ends_at, e.venue, (SELECT json_agg(json_build_object(''key'', p.key, ''capacity'', p.capacity, ''confirmed'', p.confirmed) ORDER BY p.position) FROM event_pools p WHERE p.event_id = e.id) AS pools'
PREPARE list(timestamptz, text, timestamptz, timestamptz, text, int, int) AS
WITH listed AS ((SELECT e.id, e.starts_at :where :recent ORDER BY e.starts_at, e.id LIMIT $6::int + $7::int)
 UNION ALL (SELECT e.id, e.starts_at :where :long ORDER BY e.starts_at, e.id LIMIT $6::int + $7::int)
 ORDER BY starts_at, id LIMIT $6 OFFSET $7)
SELECT :columns FROM listed JOIN events e ON e.id = listed.id ORDER BY listed.starts_at, listed.id;
PREPARE upto(timestamptz, text, timestamptz, timestamptz, text, bigint) AS
SELECT (SELECT count(*) FROM (SELECT 1 :where :recent ORDER BY e.starts_at, e.id LIMIT $6) AS r)
 + (SELECT count(*) FROM (SELECT 1 :where :long ORDER BY e.starts_at, e.id LIMIT $6) AS l);
PREPARE total(timestamptz, text, timestamptz, timestamptz, text) AS
SELECT (SELECT count(*) :where :recent) + (SELECT count(*) :where :long);
\o /dev/null
EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0); EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0);
EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0); EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0);
EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0); EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0);
EXECUTE upto(now(), NULL, NULL, NULL, NULL, 1001); EXECUTE upto(now(), NULL, NULL, NULL, NULL, 1001);
EXECUTE upto(now(), NULL, NULL, NULL, NULL, 1001); EXECUTE upto(now(), NULL, NULL, NULL, NULL, 1001);
EXECUTE upto(now(), NULL, NULL, NULL, NULL, 1001); EXECUTE upto(now(), NULL, NULL, NULL, NULL, 1001);
EXECUTE total(now(), NULL, NULL, NULL, NULL); EXECUTE total(now(), NULL, NULL, NULL, NULL);
EXECUTE total(now(), NULL, NULL, NULL, NULL); EXECUTE total(now(), NULL, NULL, NULL, NULL);
EXECUTE total(now(), NULL, NULL, NULL, NULL); EXECUTE total(now(), NULL, NULL, NULL, NULL);
\o
\echo -- list
EXPLAIN (ANALYZE, BUFFERS) EXECUTE list(now(), NULL, NULL, NULL, NULL, 20, 0);
\echo -- count-up-to-1001
EXPLAIN (ANALYZE, BUFFERS) EXECUTE upto(now(), NULL, NULL, NULL, NULL, 1001);
\echo -- exact-count
EXPLAIN (ANALYZE, BUFFERS) EXECUTE total(now(), NULL, NULL, NULL, NULL);
SELECT count(*) AS upcoming FROM events WHERE status = 'PUBLISHED' AND ends_at >= now();
