-- Sports day (contract §13): a sports day's games, who plays them for each team, and every result
-- sheet judges entered. A team is one of the event's pools. Standings are computed from the
-- current sheets, never stored, so a correction can never leave a stale total behind.

-- Per-event rules of the day; no row means no per-person limit.
CREATE TABLE sports_settings (
  event_id              bigint PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  max_games_per_person  smallint CHECK (max_games_per_person BETWEEN 1 AND 50)
);

CREATE TABLE sports_games (
  event_id        bigint   NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  key             text     NOT NULL CHECK (key ~ '^[A-Za-z0-9_-]{1,40}$'),
  name            text     NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 60),
  scoring         text     NOT NULL CHECK (scoring IN ('TIME_ASC', 'SCORE_DESC', 'PLACE')),
  team_size       smallint CHECK (team_size BETWEEN 1 AND 500),
  points          integer[] NOT NULL CHECK (cardinality(points) BETWEEN 1 AND 20 AND 0 <= ALL (points)
                                            AND 1000 >= ALL (points)),
  min_female      smallint NOT NULL DEFAULT 0 CHECK (min_female BETWEEN 0 AND 500),
  min_male        smallint NOT NULL DEFAULT 0 CHECK (min_male BETWEEN 0 AND 500),
  starts_at       timestamptz,
  place           text     CHECK (place IS NULL OR length(place) <= 100),
  position        smallint NOT NULL,
  -- The version of the current result sheet (0: none yet). A sheet is accepted only by moving it
  -- from the version its judge saw, so two phones can never both "first-enter" a game.
  result_version  integer  NOT NULL DEFAULT 0 CHECK (result_version >= 0),
  PRIMARY KEY (event_id, key),
  CHECK (team_size IS NULL OR min_female + min_male <= team_size)
);

-- Captains pick their team's players; one team per captain.
CREATE TABLE sports_captains (
  event_id  bigint NOT NULL,
  team_key  text   NOT NULL,
  user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (event_id, user_id),
  FOREIGN KEY (event_id, team_key) REFERENCES event_pools (event_id, key) ON DELETE CASCADE
);

-- Who plays a game for a team. A person plays a game once (the key), for the team they signed up
-- to; team size, gender quota and the per-person limit are checked under the team's pool lock.
CREATE TABLE sports_entries (
  event_id    bigint NOT NULL,
  game_key    text   NOT NULL,
  team_key    text   NOT NULL,
  user_id     bigint NOT NULL REFERENCES users (id),
  entered_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  entered_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, game_key, user_id),
  FOREIGN KEY (event_id, game_key) REFERENCES sports_games (event_id, key) ON DELETE CASCADE,
  FOREIGN KEY (event_id, team_key) REFERENCES event_pools (event_id, key)
);
CREATE INDEX sports_entries_by_user_idx ON sports_entries (user_id, event_id);
CREATE INDEX sports_entries_by_team_idx ON sports_entries (event_id, team_key, game_key);

-- Every accepted result sheet of a game, first entry and each correction, with who entered it.
-- The current results are the sheet whose version is the game's result_version. A game with
-- sheets cannot be deleted (RESTRICT): results are history.
CREATE TABLE sports_result_sheets (
  id             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id       bigint  NOT NULL,
  game_key       text    NOT NULL,
  version        integer NOT NULL CHECK (version >= 1),
  submission_id  text    CHECK (submission_id ~ '^[A-Za-z0-9_-]{8,64}$'),
  results        jsonb   NOT NULL CHECK (jsonb_typeof(results) = 'array'),
  entered_by     bigint  REFERENCES users (id) ON DELETE SET NULL,
  entered_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, game_key, version),
  UNIQUE (event_id, game_key, submission_id),
  FOREIGN KEY (event_id, game_key) REFERENCES sports_games (event_id, key) ON DELETE RESTRICT
);
