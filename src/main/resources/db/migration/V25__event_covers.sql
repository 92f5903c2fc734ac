-- An event's poster as the server re-encoded it (JPEG, metadata gone): the large image (long side
-- at most 1600 px) and the phone-sized one (at most 640 px wide) live in one row, so a reader
-- always gets a matching pair and one ETag. A new upload replaces the row.
CREATE TABLE event_covers (
  event_id     bigint PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  -- NULL: the event's title serves as the alt text (and follows a renamed title).
  alt          text CHECK (alt IS NULL OR length(btrim(alt)) BETWEEN 1 AND 300),
  width        integer NOT NULL CHECK (width BETWEEN 1 AND 1600),
  height       integer NOT NULL CHECK (height BETWEEN 1 AND 1600),
  image        bytea NOT NULL CHECK (octet_length(image) BETWEEN 1 AND 5242880),
  small_width  integer NOT NULL CHECK (small_width BETWEEN 1 AND 640 AND small_width <= width),
  small_height integer NOT NULL CHECK (small_height BETWEEN 1 AND 1600 AND small_height <= height),
  small_image  bytea NOT NULL CHECK (octet_length(small_image) BETWEEN 1 AND 5242880),
  etag         text NOT NULL CHECK (etag ~ '^[0-9a-f]{32}$'),
  updated_by   bigint REFERENCES users (id) ON DELETE SET NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- JPEG does not compress further: store it out of line without trying.
ALTER TABLE event_covers ALTER COLUMN image SET STORAGE EXTERNAL;
ALTER TABLE event_covers ALTER COLUMN small_image SET STORAGE EXTERNAL;
