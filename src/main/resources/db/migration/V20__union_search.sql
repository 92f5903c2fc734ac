-- Unions are found by typing part of a name (registration, profile, event audience, the admin's
-- tree page); with ten thousand and more of them a list to scroll is no longer usable. pg_trgm
-- (installed in V2) answers substring searches, Chinese included, from this index.
CREATE INDEX unions_name_trgm_idx ON unions USING gin (name gin_trgm_ops);
