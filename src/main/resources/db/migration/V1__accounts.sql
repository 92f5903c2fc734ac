-- Accounts, roles, unions and the shared session state (revoked tokens, login throttling).
-- Everything another app instance needs lives here, so instances stay interchangeable.

CREATE TABLE unions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX unions_name_key ON unions (btrim(name));

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  login         text NOT NULL UNIQUE CHECK (length(login) BETWEEN 3 AND 254),
  password_hash text NOT NULL,
  display_name  text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 50),
  nickname      text CHECK (nickname IS NULL OR length(btrim(nickname)) BETWEEN 1 AND 30),
  gender        text CHECK (gender IN ('FEMALE', 'MALE')),
  birth_year    smallint CHECK (birth_year BETWEEN 1900 AND 2100),
  union_id      bigint REFERENCES unions (id),
  member_no     text CHECK (member_no IS NULL OR length(member_no) BETWEEN 1 AND 40),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_union_idx ON users (union_id);

-- MEMBER is every user's role and is not stored.
CREATE TABLE user_roles (
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('ORGANIZER', 'MATCHMAKER', 'ADMIN')),
  granted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, role)
);

-- A token id stays here until the token would have expired anyway.
CREATE TABLE revoked_tokens (
  jti         uuid PRIMARY KEY,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX revoked_tokens_expires_idx ON revoked_tokens (expires_at);

-- Failed sign-ins per key ('login:<login>' or 'addr:<address>') in a fixed window.
CREATE TABLE login_failures (
  key               text PRIMARY KEY,
  failures          integer NOT NULL CHECK (failures > 0),
  window_started_at timestamptz NOT NULL
);
