package org.queqiao.lottery;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** Lottery events for the tests, and closing their registration behind the app's back. */
final class Lotteries {
  private Lotteries() {}

  /** A lottery salon body: registration closes in five days, the event is in ten. */
  static JsonObject salon(String title, int capacity) {
    return Events.salon(title, capacity).put("allocation", "LOTTERY")
        .put("registrationClosesAt", Events.iso(Events.evening(5)));
  }

  /** Registration closed a moment ago, as if the closing time had passed. */
  static void closeRegistration(long eventId) {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement(
        "UPDATE events SET registration_closes_at = now() - interval '1 second' WHERE id = ?")) {
      st.setLong(1, eventId);
      if (st.executeUpdate() != 1) {
        throw new AssertionError("no event " + eventId);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(String sql, long eventId) {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement(sql)) {
      st.setLong(1, eventId);
      try (var rows = st.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Api.Response apply(Api api, String token, long eventId, JsonObject body) {
    return api.post("/api/events/" + eventId + "/rsvp", body, token);
  }
}
