-- Small data set: 10,000 members, 1,000 events (100 upcoming), 30,000 sign-ups.
\set members 10000
\set events 1000
\set upcoming 100
\set per_member 3
\ir seed.sql
