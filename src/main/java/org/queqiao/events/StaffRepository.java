package org.queqiao.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.queqiao.web.Times;

/** The people an event's managers added: door staff, co-organisers, judges, matchmakers. */
public final class StaffRepository {
  private static final String COLUMNS = "s.user_id, u.display_name, u.login, s.role, s.added_at";
  private static final String LIST = "SELECT " + COLUMNS + " FROM event_staff s JOIN users u ON u.id = s.user_id"
      + " WHERE s.event_id = $1 ORDER BY s.role, u.display_name, s.user_id";
  private static final String PUT = "INSERT INTO event_staff AS s (event_id, user_id, role, added_by) VALUES ($1, $2, $3, $4)"
      + " ON CONFLICT (event_id, user_id) DO UPDATE SET role = EXCLUDED.role, added_by = EXCLUDED.added_by,"
      + "  added_at = CASE WHEN s.role = EXCLUDED.role THEN s.added_at ELSE now() END"
      + " RETURNING s.user_id, s.role, s.added_at,"
      + "  (SELECT display_name FROM users WHERE id = s.user_id) AS display_name,"
      + "  (SELECT login FROM users WHERE id = s.user_id) AS login";
  private static final String REMOVE = "DELETE FROM event_staff WHERE event_id = $1 AND user_id = $2";

  public record Staff(long userId, String displayName, String login, String role, Instant addedAt) {
    static Staff from(Row row) {
      return new Staff(row.getLong("user_id"), row.getString("display_name"), row.getString("login"),
          row.getString("role"), row.getOffsetDateTime("added_at").toInstant());
    }

    public JsonObject toJson(Event event) {
      return new JsonObject().put("userId", userId).put("displayName", displayName).put("login", login)
          .put("role", role).put("addedAt", Times.iso(addedAt, event.zone()));
    }
  }

  public Future<List<Staff>> list(SqlClient client, long eventId) {
    return client.preparedQuery(LIST).execute(Tuple.of(eventId)).map(rows -> {
      List<Staff> list = new ArrayList<>();
      rows.forEach(row -> list.add(Staff.from(row)));
      return list;
    });
  }

  /** Adds the person or changes their role; keeps the time they were first given this role. */
  public Future<Staff> put(SqlClient client, long eventId, long userId, String role, long addedBy) {
    return client.preparedQuery(PUT).execute(Tuple.of(eventId, userId, role, addedBy))
        .map(rows -> Staff.from(rows.iterator().next()));
  }

  public Future<Boolean> remove(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(REMOVE).execute(Tuple.of(eventId, userId)).map(rows -> rows.rowCount() == 1);
  }

  public static Optional<String> role(Object value) {
    return value instanceof String s && List.of("DOOR", "CO_ORGANIZER", "JUDGE", "MATCHMAKER").contains(s)
        ? Optional.of(s) : Optional.empty();
  }
}
