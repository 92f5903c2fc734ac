package org.queqiao.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

/** Data for the report tests: unions, sign-ups, check-ins and event times set behind the app's back. */
final class ReportFixture {
  private ReportFixture() {}

  static long union(Api api, String name, Long parentId) {
    JsonObject body = new JsonObject().put("name", name);
    if (parentId != null) {
      body.put("parentId", parentId);
    }
    Api.Response r = api.post("/api/admin/unions", body, api.adminToken());
    assertEquals(201, r.status(), r.body());
    return r.json().getLong("id");
  }

  static JsonObject signUp(Api api, Api.Member member, long eventId) {
    Api.Response r = api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token());
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  /** A check-in as the door records it (written directly: the door only opens near the start). */
  static void checkIn(JsonObject rsvp) {
    sql("INSERT INTO checkins (rsvp_id, event_id, user_id, method) SELECT id, event_id, user_id, 'SEARCH'"
        + " FROM rsvps WHERE id = ?", rsvp.getLong("rsvpId"));
  }

  /** Moves the event (and its check-ins) to start at {@code startsAt} (ISO, with offset), lasting 3 hours. */
  static void heldAt(long eventId, String startsAt) {
    sql("UPDATE events SET starts_at = ?::timestamptz, ends_at = ?::timestamptz + interval '3 hours',"
        + " registration_opens_at = NULL, registration_closes_at = NULL WHERE id = ?", startsAt, startsAt, eventId);
    sql("UPDATE checkins SET checked_in_at = ?::timestamptz - interval '10 minutes' WHERE event_id = ?", startsAt, eventId);
  }

  static void audience(long eventId, long unionId) {
    sql("UPDATE events SET audience_union_id = ? WHERE id = ?", unionId, eventId);
  }

  static void sql(String statement, Object... params) {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      st.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(String query, Object... params) {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = st.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
