-- The home page's list and capped count and the API's exact count (EventRepository.ListSql with no
-- filter given, as the app writes them) on the large data set, as prepared statements run more than five times so
-- PostgreSQL uses its generic plan, as the app's cached prepared statements do. "Not ended" is two
-- index ranges: events that started within the last day, and the few longer than a day (V37). The
-- list reads the time, limit and offset through subqueries (one generic plan, kept); the counts not.
-- Run by src/bench/run.sh; output in docs/benchmarks/results/home-plans-large.txt.
\set QUIET on
\set where 'FROM events e WHERE e.status = ''PUBLISHED'' AND e.ends_at >= (SELECT $1::timestamptz)'
\set recent ' AND e.starts_at >= (SELECT $1::timestamptz - interval ''1 day'')'
\set long ' AND e.ends_at - e.starts_at > interval ''1 day'' AND e.starts_at >= (SELECT $1::timestamptz - interval ''31 days'') AND e.starts_at < (SELECT $1::timestamptz - interval ''1 day'')'
\set columns 'e.id AS event_row_id, e.type, e.title, e.starts_at, e.ends_at, e.venue, (SELECT json_agg(json_build_object(''key'', p.key, ''capacity'', p.capacity, ''confirmed'', p.confirmed) ORDER BY p.position) FROM event_pools p WHERE p.event_id = e.id) AS pools'
PREPARE list(timestamptz, int, int) AS
WITH listed AS ((SELECT e.id, e.starts_at :where :recent ORDER BY e.starts_at, e.id LIMIT (SELECT $2::int + $3::int))
 UNION ALL (SELECT e.id, e.starts_at :where :long ORDER BY e.starts_at, e.id LIMIT (SELECT $2::int + $3::int))
 ORDER BY starts_at, id LIMIT (SELECT $2::int) OFFSET (SELECT $3::int))
SELECT :columns FROM listed JOIN events e ON e.id = listed.id ORDER BY listed.starts_at, listed.id;
\set where 'FROM events e WHERE e.status = ''PUBLISHED'' AND e.ends_at >= $1'
\set recent ' AND e.starts_at >= $1 - interval ''1 day'''
\set long ' AND e.ends_at - e.starts_at > interval ''1 day'' AND e.starts_at >= $1 - interval ''31 days'' AND e.starts_at < $1 - interval ''1 day'''
PREPARE upto(timestamptz, bigint) AS
SELECT (SELECT count(*) FROM (SELECT 1 :where :recent ORDER BY e.starts_at, e.id LIMIT $2) AS r)
 + (SELECT count(*) FROM (SELECT 1 :where :long ORDER BY e.starts_at, e.id LIMIT $2) AS l);
PREPARE total(timestamptz) AS
SELECT (SELECT count(*) :where :recent) + (SELECT count(*) :where :long);
\o /dev/null
EXECUTE list(now(), 20, 0); EXECUTE list(now(), 20, 0);
EXECUTE list(now(), 20, 0); EXECUTE list(now(), 20, 0);
EXECUTE list(now(), 20, 0); EXECUTE list(now(), 20, 0);
EXECUTE upto(now(), 201); EXECUTE upto(now(), 201);
EXECUTE upto(now(), 201); EXECUTE upto(now(), 201);
EXECUTE upto(now(), 201); EXECUTE upto(now(), 201);
EXECUTE total(now()); EXECUTE total(now());
EXECUTE total(now()); EXECUTE total(now());
EXECUTE total(now()); EXECUTE total(now());
\o
\echo -- list
EXPLAIN (ANALYZE, BUFFERS) EXECUTE list(now(), 20, 0);
\echo -- count-up-to-201
EXPLAIN (ANALYZE, BUFFERS) EXECUTE upto(now(), 201);
\echo -- exact-count
EXPLAIN (ANALYZE, BUFFERS) EXECUTE total(now());
SELECT count(*) AS upcoming FROM events WHERE status = 'PUBLISHED' AND ends_at >= now();
