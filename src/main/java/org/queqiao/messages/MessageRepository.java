package org.queqiao.messages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The log of messages sent to an event's members; stateless, on the client it is given. */
public final class MessageRepository {
  private static final String LOCK_EVENT = "SELECT id FROM events WHERE id = $1 FOR UPDATE";
  // The oldest message of the last hour, and how many there are: the throttle's window.
  private static final String RECENT = "SELECT count(*) AS n,"
      + " ceil(extract(epoch FROM min(sent_at) + interval '1 hour' - now()))::int AS retry"
      + " FROM event_messages WHERE event_id = $1 AND sent_at > now() - interval '1 hour'";
  private static final String INSERT = "INSERT INTO event_messages (event_id, sender_id, subject, body, audience,"
      + " recipients) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
  private static final String FOR_EVENT = "SELECT m.id, m.subject, m.body, m.audience, m.recipients, m.sent_at,"
      + " u.display_name FROM event_messages m LEFT JOIN users u ON u.id = m.sender_id"
      + " WHERE m.event_id = $1 ORDER BY m.sent_at DESC, m.id DESC LIMIT 100";

  public record Sent(long id, String subject, String body, String audience, int recipients, String sentAt,
      String senderName) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("subject", subject).put("body", body).put("to", audience)
          .put("recipients", recipients).put("sentAt", sentAt).put("sender", senderName);
    }
  }

  /** Serialises senders of one event, so the hourly count cannot be overtaken. */
  public Future<Boolean> lockEvent(SqlClient tx, long eventId) {
    return tx.preparedQuery(LOCK_EVENT).execute(Tuple.of(eventId)).map(rows -> rows.size() == 1);
  }

  /** How many were sent in the last hour, and in how many seconds the oldest of them leaves the window. */
  public record Recent(long count, int retryAfterSeconds) {}

  public Future<Recent> recent(SqlClient tx, long eventId) {
    return tx.preparedQuery(RECENT).execute(Tuple.of(eventId)).map(rows -> {
      var row = rows.iterator().next();
      Integer retry = row.getInteger("retry");
      return new Recent(row.getLong("n"), retry == null ? 0 : Math.max(1, retry));
    });
  }

  public Future<Long> insert(SqlClient tx, long eventId, long senderId, String subject, String body, String audience,
      int recipients) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(eventId, senderId, subject, body, audience, recipients))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<List<Sent>> forEvent(SqlClient client, long eventId) {
    return client.preparedQuery(FOR_EVENT).execute(Tuple.of(eventId)).map(rows -> {
      List<Sent> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Sent(row.getLong("id"), row.getString("subject"), row.getString("body"),
          row.getString("audience"), row.getInteger("recipients"),
          row.getOffsetDateTime("sent_at").toInstant().toString(),
          Optional.ofNullable(row.getString("display_name")).orElse(""))));
      return list;
    });
  }
}
