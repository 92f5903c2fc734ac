package org.queqiao.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

/**
 * What the seat-rule tests share: reading sign-ups and inboxes, and moving time behind the app's
 * back (an offer's deadline, an event's start, a confirmation date) so a job finds work now
 * instead of hours from now.
 */
final class SeatFixture {
  private SeatFixture() {}

  static String status(Api api, Api.Member member, long eventId) {
    return myRsvp(api, member.token(), eventId).getString("status");
  }

  static JsonObject myRsvp(Api api, String token, long eventId) {
    Api.Response event = api.get("/api/events/" + eventId, token);
    assertEquals(200, event.status(), event.body());
    return event.json().getJsonObject("myRsvp");
  }

  static long count(Api api, Api.Member member, long eventId, String kind) {
    return countKind(api, member.token(), eventId, kind);
  }

  static long countKind(Api api, String token, long eventId, String kind) {
    Api.Response inbox = api.get("/api/me/notifications?limit=100", token);
    assertEquals(200, inbox.status(), inbox.body());
    return inbox.json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> Long.valueOf(eventId).equals(n.getLong("eventId")) && kind.equals(n.getString("kind"))).count();
  }

  static void sql(String statement, Object... params) {
    try (Connection db = TestApp.jdbc(); var st = db.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The offer to this member at this event is now past its deadline. */
  static void expireOffer(long eventId, long userId) {
    sql("UPDATE rsvps SET offer_expires_at = now() - interval '1 second' WHERE event_id = ? AND user_id = ?"
        + " AND status = 'OFFERED'", eventId, userId);
  }

  /** The event now starts in {@code minutes} minutes (and lasts two hours). */
  static void startsIn(long eventId, int minutes) {
    sql("UPDATE events SET starts_at = now() + make_interval(mins => ?), ends_at = now() + make_interval(mins => ?)"
        + " WHERE id = ?", minutes, minutes + 120, eventId);
  }

  /** The event's confirmed members got their seats a day ago, before any reconfirmation window. */
  static void confirmedLongAgo(long eventId) {
    sql("UPDATE rsvps SET confirmed_at = now() - interval '1 day' WHERE event_id = ? AND status = 'CONFIRMED'", eventId);
  }

  /** Counts of the event's sign-ups by status, and the pool counters, read straight from the database. */
  static Map<String, Integer> statuses(long eventId) {
    try (Connection db = TestApp.jdbc();
        var st = db.prepareStatement("SELECT status, count(*) FROM rsvps WHERE event_id = ? GROUP BY status")) {
      st.setLong(1, eventId);
      try (ResultSet rows = st.executeQuery()) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getInt(2));
        }
        return counts;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every pool's counters agree with its sign-ups, and no pool holds more seats than it has. */
  static void assertPoolsHold(long eventId) {
    try (Connection db = TestApp.jdbc(); var st = db.prepareStatement(
        "SELECT p.key, p.capacity, p.confirmed, p.offered, p.waitlisted,"
            + " (SELECT count(*) FROM rsvps r WHERE r.event_id = p.event_id AND r.pool_key = p.key AND r.status = 'CONFIRMED'),"
            + " (SELECT count(*) FROM rsvps r WHERE r.event_id = p.event_id AND r.pool_key = p.key AND r.status = 'OFFERED'),"
            + " (SELECT count(*) FROM rsvps r WHERE r.event_id = p.event_id AND r.pool_key = p.key AND r.status = 'WAITLISTED')"
            + " FROM event_pools p WHERE p.event_id = ?")) {
      st.setLong(1, eventId);
      try (ResultSet rows = st.executeQuery()) {
        while (rows.next()) {
          String pool = rows.getString(1);
          assertEquals(rows.getInt(6), rows.getInt(3), "confirmed counter of " + pool);
          assertEquals(rows.getInt(7), rows.getInt(4), "offered counter of " + pool);
          assertEquals(rows.getInt(8), rows.getInt(5), "waitlisted counter of " + pool);
          if (rows.getInt(3) + rows.getInt(4) > rows.getInt(2)) {
            throw new AssertionError("pool " + pool + " holds more seats than it has");
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes the job due and waits until {@code done} holds (jobs are looked at every second in tests). */
  static void runJobUntil(String job, BooleanSupplier done) {
    long deadline = System.currentTimeMillis() + 15_000;
    TestApp.makeJobDue(job);
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("job " + job + " did not do its work in time");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Makes the job due and waits until it has finished a run that started after now. */
  static void runJobOnce(String job) {
    java.sql.Timestamp[] before = {finishedAt(job)};
    TestApp.makeJobDue(job);
    long deadline = System.currentTimeMillis() + 15_000;
    while (java.util.Objects.equals(before[0], finishedAt(job))) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("job " + job + " did not run");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static java.sql.Timestamp finishedAt(String job) {
    try (Connection db = TestApp.jdbc();
        var st = db.prepareStatement("SELECT last_finished_at FROM scheduled_jobs WHERE name = ?")) {
      st.setString(1, job);
      try (ResultSet rows = st.executeQuery()) {
        return rows.next() ? rows.getTimestamp(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String describe(Map<String, Integer> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }
}
