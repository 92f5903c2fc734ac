-- Surge data set (src/bench/surge.sh): 30,000 members, 1,000 events (100 upcoming) with one sign-up
-- per member, and beside the usual surge, pgbench and warm-up events (1001-1003) five more empty
-- 150-seat events: 1004 and 1005 for the batched surges of 5,000 and 20,000 members, 1006 and 1007
-- for the unbatched ones, 1008 a second warm-up.
\set members 30000
\set events 1000
\set upcoming 100
\set per_member 1
\ir seed.sql
INSERT INTO events (type, title, description, venue, starts_at, ends_at, status, organizer_id, published_at)
SELECT 'READING_SALON', '压测：抢位读书会 ' || i, '150 个名额。', '凤城市工人文化宫 大礼堂',
       now() + interval '30 days', now() + interval '30 days 3 hours', 'PUBLISHED', 1, now()
FROM generate_series(1004, 1008) AS i;
INSERT INTO event_pools (event_id, key, label, capacity, position)
SELECT id, 'main', '名额', 150, 0 FROM events WHERE id BETWEEN 1004 AND 1008;
SELECT count(*) AS surge_events FROM events WHERE id > 1000;
