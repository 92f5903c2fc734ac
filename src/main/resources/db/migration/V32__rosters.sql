-- Union rosters (会员名册) and the verified membership they give (contract §17, docs/rosters.md).
-- Roster rows are personal data of people who may never sign up: kept only to verify members,
-- read only by organisers of the union or above, deleted some time after a newer roster drops them.

-- One upload. PREVIEW: uploaded from the page, columns not yet confirmed (not an import yet, the
-- API does not show it). RUNNING: waiting for or being read by one runner (claim + heartbeat; a
-- runner that stops beating is replaced). The file is kept only until the import ends.
CREATE TABLE roster_imports (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  union_id     bigint NOT NULL REFERENCES unions (id),
  uploaded_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  file_name    text CHECK (file_name IS NULL OR length(file_name) <= 200),
  file         bytea,
  mapping      jsonb,
  status       text NOT NULL CHECK (status IN ('PREVIEW', 'RUNNING', 'DONE', 'FAILED')),
  rows         integer NOT NULL DEFAULT 0 CHECK (rows >= 0),
  done         integer NOT NULL DEFAULT 0,
  accepted     integer NOT NULL DEFAULT 0,
  refused      integer NOT NULL DEFAULT 0,
  dropped      integer NOT NULL DEFAULT 0,
  error        text,
  claim        uuid,
  heartbeat_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  CONSTRAINT roster_import_counts CHECK (done >= 0 AND done <= rows AND accepted >= 0 AND refused >= 0
    AND accepted + refused = done),
  CONSTRAINT roster_import_file_while_pending CHECK (status IN ('PREVIEW', 'RUNNING') OR file IS NULL)
);
CREATE INDEX roster_imports_pending_idx ON roster_imports (union_id, id) WHERE status = 'RUNNING';
CREATE INDEX roster_imports_union_idx ON roster_imports (union_id, id DESC);

-- The union's current roster, one row per person. roster_union_id: whose roster (the union it was
-- uploaded to); union_id: the person's own union, that union or one below it. entry_key: the member
-- number, or the mobile number for a row without one, so a newer roster updates the same row.
CREATE TABLE roster_entries (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  roster_union_id bigint NOT NULL REFERENCES unions (id),
  entry_key       text NOT NULL,
  union_id        bigint NOT NULL REFERENCES unions (id),
  name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 50),
  mobile          text CHECK (mobile IS NULL OR mobile ~ '^1[3-9][0-9]{9}$'),
  member_no       text CHECK (member_no IS NULL OR length(member_no) BETWEEN 1 AND 40),
  -- Set when a newer roster of the same union no longer lists the person: from then on the row
  -- verifies nobody, and the retention job deletes it after the documented period.
  removed_at      timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT roster_entry_identifiable CHECK (mobile IS NOT NULL OR member_no IS NOT NULL),
  UNIQUE (roster_union_id, entry_key)
);
CREATE INDEX roster_entries_mobile_idx ON roster_entries (mobile) WHERE removed_at IS NULL;
CREATE INDEX roster_entries_member_idx ON roster_entries (member_no, name) WHERE removed_at IS NULL;
CREATE INDEX roster_entries_removed_idx ON roster_entries (removed_at) WHERE removed_at IS NOT NULL;

-- The rows an import refused, with why, for the organiser's refused.csv.
CREATE TABLE roster_refusals (
  import_id  bigint NOT NULL REFERENCES roster_imports (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  reason     text NOT NULL CHECK (reason IN ('EMPTY_NAME', 'BAD_MOBILE', 'DUPLICATE_MEMBER_NO', 'DUPLICATE_MOBILE',
                                             'UNKNOWN_UNION', 'NO_IDENTIFIER', 'TOO_LONG')),
  name       text,
  mobile     text,
  member_no  text,
  union_name text,
  PRIMARY KEY (import_id, row_number)
);

-- A member who says a matching roster row is not them: that row no longer verifies them, and the
-- union's organisers see the dispute.
CREATE TABLE roster_disputes (
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  entry_id   bigint NOT NULL REFERENCES roster_entries (id) ON DELETE CASCADE,
  reason     text CHECK (reason IS NULL OR length(reason) <= 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, entry_id)
);
CREATE INDEX roster_disputes_entry_idx ON roster_disputes (entry_id);

-- An event whose audience must be verified members of its union (or of a union below it).
ALTER TABLE events ADD COLUMN verified_only boolean NOT NULL DEFAULT false;
