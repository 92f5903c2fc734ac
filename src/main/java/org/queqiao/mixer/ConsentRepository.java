package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Consent receipts: every consent a member gave, with the exact text they were shown. */
public final class ConsentRepository {
  private static final String INSERT = "INSERT INTO consents (user_id, kind, event_id, recipient_id, recipient_nickname,"
      + " fields, text_version, lang, text, text_sha256)"
      + " SELECT $1, $2, $3, $4, coalesce(u.nickname, ''), $5, $6, $7, $8, $9 FROM users u WHERE u.id = $4"
      + " RETURNING id";
  private static final String WITHDRAW = "UPDATE consents SET withdrawn_at = now() WHERE id = $1 AND withdrawn_at IS NULL";
  private static final String WITHDRAW_TOWARD = "UPDATE consents SET withdrawn_at = now()"
      + " WHERE user_id = $1 AND event_id = $2 AND recipient_id = $3 AND withdrawn_at IS NULL";
  private static final String WITHDRAW_AT_EVENT = "UPDATE consents SET withdrawn_at = now()"
      + " WHERE user_id = $1 AND event_id = $2 AND withdrawn_at IS NULL";
  // The consent that stands behind what I disclose to this person at this event: the latest one.
  private static final String STANDING_TOWARD = "SELECT id, fields FROM consents"
      + " WHERE user_id = $1 AND event_id = $2 AND recipient_id = $3 AND withdrawn_at IS NULL"
      + " ORDER BY created_at DESC, id DESC LIMIT 1";
  private static final String FIELDS = "SELECT fields FROM consents WHERE id = $1";
  private static final String MINE = "SELECT id, kind, event_id, recipient_nickname, fields, text, text_sha256, created_at,"
      + " withdrawn_at FROM consents WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1000";

  public record Receipt(long id, String kind, Long eventId, String recipientNickname, List<String> fields, String text,
      String textSha256, Instant at, Instant withdrawnAt) {
    /** The contract's shape (§9), for the receipts list and the member's export alike. */
    public io.vertx.core.json.JsonObject toJson() {
      return new io.vertx.core.json.JsonObject()
          .put("id", id).put("kind", kind).put("eventId", eventId)
          .put("recipientNickname", recipientNickname).put("fields", new io.vertx.core.json.JsonArray(fields))
          .put("text", text).put("textSha256", textSha256)
          .put("at", org.queqiao.web.Times.iso(at, org.queqiao.web.Times.DEFAULT_ZONE))
          .put("withdrawnAt", withdrawnAt == null ? null
              : org.queqiao.web.Times.iso(withdrawnAt, org.queqiao.web.Times.DEFAULT_ZONE));
    }

    static Receipt from(Row row) {
      OffsetDateTime withdrawn = row.getOffsetDateTime("withdrawn_at");
      return new Receipt(row.getLong("id"), row.getString("kind"), row.getLong("event_id"),
          row.getString("recipient_nickname"), Arrays.asList(row.getArrayOfStrings("fields")), row.getString("text"),
          row.getString("text_sha256"), row.getOffsetDateTime("created_at").toInstant(),
          withdrawn == null ? null : withdrawn.toInstant());
    }
  }

  public record Standing(long id, List<String> fields) {}

  /** Stores the receipt within the caller's transaction; returns its id. */
  public Future<Long> insert(SqlClient client, long userId, long eventId, long recipientId, ConsentTexts.Shown shown) {
    return client.preparedQuery(INSERT).execute(Tuple.tuple().addLong(userId).addString(shown.kind().name())
            .addLong(eventId).addLong(recipientId).addArrayOfString(shown.fields().toArray(String[]::new))
            .addString(shown.version()).addString(shown.lang()).addString(shown.text()).addString(shown.sha256()))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Void> withdraw(SqlClient client, Long consentId) {
    return consentId == null ? Future.succeededFuture()
        : client.preparedQuery(WITHDRAW).execute(Tuple.of(consentId)).mapEmpty();
  }

  public Future<Void> withdrawToward(SqlClient client, long userId, long eventId, long recipientId) {
    return client.preparedQuery(WITHDRAW_TOWARD).execute(Tuple.of(userId, eventId, recipientId)).mapEmpty();
  }

  public Future<Void> withdrawAtEvent(SqlClient client, long userId, long eventId) {
    return client.preparedQuery(WITHDRAW_AT_EVENT).execute(Tuple.of(userId, eventId)).mapEmpty();
  }

  public Future<java.util.Optional<Standing>> standingToward(SqlClient client, long userId, long eventId,
      long recipientId) {
    return client.preparedQuery(STANDING_TOWARD).execute(Tuple.of(userId, eventId, recipientId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return java.util.Optional.empty();
      }
      Row row = it.next();
      return java.util.Optional.of(new Standing(row.getLong("id"), Arrays.asList(row.getArrayOfStrings("fields"))));
    });
  }

  public Future<List<String>> fields(SqlClient client, long consentId) {
    return client.preparedQuery(FIELDS).execute(Tuple.of(consentId)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Arrays.asList(it.next().getArrayOfStrings("fields")) : List.of();
    });
  }

  public Future<List<Receipt>> mine(SqlClient client, long userId) {
    return client.preparedQuery(MINE).execute(Tuple.of(userId)).map(rows -> {
      List<Receipt> list = new ArrayList<>();
      rows.forEach(row -> list.add(Receipt.from(row)));
      return list;
    });
  }
}
