package org.queqiao.covers;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** The covers table: one re-encoded pair of images per event. Runs on the client it is given. */
public final class CoverRepository {
  // A new poster replaces the old one in one statement. $9 = keep the stored alt text: an upload
  // that says nothing about it keeps what the organiser wrote before.
  private static final String UPSERT = "INSERT INTO event_covers AS c (event_id, alt, width, height, image,"
      + " small_width, small_height, small_image, etag, updated_by)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10, $11)"
      + " ON CONFLICT (event_id) DO UPDATE SET alt = CASE WHEN $9 THEN c.alt ELSE EXCLUDED.alt END,"
      + " width = EXCLUDED.width, height = EXCLUDED.height, image = EXCLUDED.image,"
      + " small_width = EXCLUDED.small_width, small_height = EXCLUDED.small_height,"
      + " small_image = EXCLUDED.small_image, etag = EXCLUDED.etag, updated_by = EXCLUDED.updated_by,"
      + " updated_at = now()";
  private static final String SET_ALT = "UPDATE event_covers SET alt = $2, updated_by = $3, updated_at = now()"
      + " WHERE event_id = $1";
  private static final String DELETE = "DELETE FROM event_covers WHERE event_id = $1";
  // The bytes and their tag from one row, so the ETag sent always belongs to the bytes sent.
  private static final String IMAGE = "SELECT etag, image AS bytes FROM event_covers WHERE event_id = $1";
  private static final String SMALL_IMAGE = "SELECT etag, small_image AS bytes FROM event_covers WHERE event_id = $1";

  /** Image bytes as stored, with the tag of the row they came from. */
  public record Stored(String etag, Buffer bytes) {}

  /** {@code alt} null with {@code keepAlt}: the stored alt text stays (or none, for a first cover). */
  public Future<Void> put(SqlClient client, long eventId, CoverImages.Processed images, String alt, boolean keepAlt,
      long userId) {
    return client.preparedQuery(UPSERT).execute(Tuple.tuple()
        .addLong(eventId)
        .addString(alt)
        .addInteger(images.large().width())
        .addInteger(images.large().height())
        .addBuffer(Buffer.buffer(images.large().bytes()))
        .addInteger(images.small().width())
        .addInteger(images.small().height())
        .addBuffer(Buffer.buffer(images.small().bytes()))
        .addBoolean(keepAlt)
        .addString(images.etag())
        .addLong(userId)).mapEmpty();
  }

  /** False when the event has no cover. */
  public Future<Boolean> setAlt(SqlClient client, long eventId, String alt, long userId) {
    return client.preparedQuery(SET_ALT).execute(Tuple.of(eventId, alt, userId)).map(rows -> rows.rowCount() == 1);
  }

  /** False when there was none. */
  public Future<Boolean> delete(SqlClient client, long eventId) {
    return client.preparedQuery(DELETE).execute(Tuple.of(eventId)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<Stored>> image(SqlClient client, long eventId, boolean small) {
    return client.preparedQuery(small ? SMALL_IMAGE : IMAGE).execute(Tuple.of(eventId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      var row = it.next();
      return Optional.of(new Stored(row.getString("etag"), row.getBuffer("bytes")));
    });
  }
}
