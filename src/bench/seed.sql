-- Benchmark data, written straight into the tables (set members, events, upcoming, per_member first;
-- see seed-small.sql and seed-large.sql). Replaces everything in the database.
-- Ids are fixed: user 1 is the organiser, members are users 2 .. members+1; events 1 .. events are
-- the data set; events+1 is the surge event, events+2 the pgbench event and events+3 the warm-up
-- event (150 seats each, nobody signed up).
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';
-- Bulk load only: skips the pool-counter trigger and the foreign-key checks (the rows below are
-- built consistent); the counters are recomputed with one UPDATE at the end.
SET session_replication_role = replica;

TRUNCATE users, unions, events, event_pools, rsvps, notifications, revoked_tokens, login_failures
  RESTART IDENTITY CASCADE;

INSERT INTO unions (name) VALUES ('凤城市总工会');

INSERT INTO users (login, password_hash, display_name) OVERRIDING SYSTEM VALUE
  VALUES ('organizer@bench.example', 'not-a-password-hash', '压测组织者');
INSERT INTO user_roles (user_id, role) VALUES (1, 'ORGANIZER');

INSERT INTO users (login, password_hash, display_name, gender, birth_year, union_id, member_no)
SELECT 'm' || i || '@bench.example', 'not-a-password-hash', '会员' || i,
       CASE WHEN i % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END, 1970 + i % 35, 1, 'FC' || lpad(i::text, 8, '0')
FROM generate_series(1, :members) AS i;

-- Past events end before now; the last :upcoming ones start over the next 180 days.
INSERT INTO events (type, title, description, venue, starts_at, ends_at, status, organizer_id, published_at)
SELECT (ARRAY['READING_SALON', 'SPORTS_DAY', 'OTHER'])[1 + i % 3],
       (ARRAY['工友读书会', '趣味运动会', '周末观影会'])[1 + i % 3] || ' 第' || i || '期',
       '欢迎各单位工会会员报名参加。活动提供茶水，请准时到场，凭手机票入场。本期主题与往期不同，详见现场安排。',
       '凤城市工人文化宫 ' || (1 + i % 12) || ' 号厅',
       s, s + interval '3 hours', 'PUBLISHED', 1, s - interval '30 days'
FROM (SELECT i, CASE WHEN i > :events - :upcoming
                     THEN date_trunc('hour', now()) + ((i - (:events - :upcoming)) * (180.0 / :upcoming)) * interval '1 day'
                     ELSE date_trunc('hour', now()) - (i * (1800.0 / :events) + 1) * interval '1 day' END AS s
      FROM generate_series(1, :events) AS i) AS g;

INSERT INTO events (type, title, description, venue, starts_at, ends_at, status, organizer_id, published_at)
VALUES ('READING_SALON', '压测：抢位读书会', '150 个名额。', '凤城市工人文化宫 大礼堂',
        now() + interval '30 days', now() + interval '30 days 3 hours', 'PUBLISHED', 1, now()),
       ('READING_SALON', '压测：pgbench 读书会', '150 个名额。', '凤城市工人文化宫 小礼堂',
        now() + interval '31 days', now() + interval '31 days 3 hours', 'PUBLISHED', 1, now()),
       ('READING_SALON', '压测：预热读书会', '150 个名额。', '凤城市工人文化宫 小礼堂',
        now() + interval '32 days', now() + interval '32 days 3 hours', 'PUBLISHED', 1, now());

INSERT INTO event_pools (event_id, key, label, capacity, position)
SELECT id, 'main', '名额', CASE WHEN id > :events THEN 150 ELSE 60 + id % 100 END, 0 FROM events;

-- Each member signs up for :per_member events spread over the whole set; every tenth is cancelled.
DROP INDEX rsvps_waitlist_idx, rsvps_by_user_idx, rsvps_by_event_idx;
INSERT INTO rsvps (event_id, user_id, pool_key, status, created_at, confirmed_at, cancelled_at)
SELECT e, u + 1, 'main', CASE WHEN (u + j) % 10 = 0 THEN 'CANCELLED' ELSE 'CONFIRMED' END,
       now() - interval '40 days', now() - interval '40 days',
       CASE WHEN (u + j) % 10 = 0 THEN now() - interval '39 days' END
FROM generate_series(1, :members) AS u, generate_series(0, :per_member - 1) AS j,
     LATERAL (SELECT 1 + ((u::bigint * 7919 + j * (:events / :per_member)) % :events) AS e) AS pick;
CREATE INDEX rsvps_waitlist_idx ON rsvps (event_id, pool_key, waitlist_seq) WHERE status = 'WAITLISTED';
CREATE INDEX rsvps_by_user_idx ON rsvps (user_id, event_id);
CREATE INDEX rsvps_by_event_idx ON rsvps (event_id, status);

UPDATE event_pools p SET confirmed = c.confirmed, waitlisted = c.waitlisted
FROM (SELECT event_id, pool_key, count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed,
             count(*) FILTER (WHERE status = 'WAITLISTED') AS waitlisted
      FROM rsvps GROUP BY event_id, pool_key) AS c
WHERE p.event_id = c.event_id AND p.key = c.pool_key;

SET session_replication_role = origin;
VACUUM ANALYZE users;
VACUUM ANALYZE events;
VACUUM ANALYZE event_pools;
VACUUM ANALYZE rsvps;
VACUUM ANALYZE notifications;
SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM rsvps) AS rsvps,
       (SELECT count(*) FROM events WHERE ends_at >= now()) AS upcoming;
