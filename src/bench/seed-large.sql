-- Large data set: 1,000,000 members, 100,000 events (95,000 past, 5,000 upcoming), 3,000,000 sign-ups.
\set members 1000000
\set events 100000
\set upcoming 5000
\set per_member 3
\ir seed.sql
