-- The union dashboard's data set (issue 19), on top of seed-large.sql: a tree of 1 city union,
-- 20 district unions and 10,000 grassroots unions (500 under each district); every event's
-- audience is one grassroots union; about 70% of the confirmed seats of past events are checked
-- in; a third of the check-ins left a survey answer. User 1 (the organiser) is made an admin.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET session_replication_role = replica;

INSERT INTO unions (name, parent_id) SELECT '凤城市第' || d || '区总工会', 1 FROM generate_series(1, 20) AS d;
INSERT INTO unions (name, parent_id)
SELECT '凤城市第' || (1 + (g - 1) / 500) || '区基层工会' || g, 1 + (1 + (g - 1) / 500) FROM generate_series(1, 10000) AS g;

UPDATE events SET audience_union_id = 22 + (id % 10000) WHERE id <= 100000;

INSERT INTO checkins (rsvp_id, event_id, user_id, checked_in_at, method)
SELECT r.id, r.event_id, r.user_id, e.starts_at - interval '20 minutes' + (r.id % 50) * interval '1 minute', 'QR'
FROM rsvps r JOIN events e ON e.id = r.event_id
WHERE r.status = 'CONFIRMED' AND e.ends_at < now() AND r.id % 10 < 7;

INSERT INTO survey_answers (event_id, user_id, rating, comment)
SELECT c.event_id, CASE WHEN c.rsvp_id % 2 = 0 THEN NULL ELSE c.user_id END, 1 + (c.rsvp_id % 5),
       CASE WHEN c.rsvp_id % 7 = 0 THEN '活动组织得很好，希望多办几期。' END
FROM checkins c WHERE c.rsvp_id % 3 = 0;
INSERT INTO survey_answered (event_id, user_id) SELECT event_id, user_id FROM checkins WHERE rsvp_id % 3 = 0;

INSERT INTO user_roles (user_id, role) VALUES (1, 'ADMIN') ON CONFLICT DO NOTHING;
SET session_replication_role = origin;
VACUUM ANALYZE unions;
VACUUM ANALYZE events;
VACUUM ANALYZE checkins;
VACUUM ANALYZE survey_answers;
SELECT (SELECT count(*) FROM unions) AS unions, (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM checkins) AS checkins, (SELECT count(*) FROM survey_answers) AS answers;
