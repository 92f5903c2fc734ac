package org.queqiao.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/**
 * Issue 14, defect 1 (contract §10): venue and ticket codes cannot be guessed. Wrong codes are
 * throttled (429) per member and event at self check-in and per scanning session at the door;
 * every refusal of self check-in is the same 400; venue codes work only from two hours before the
 * start until the end.
 */
class CodeGuessingTest {
  /** CHECKIN_CODE_MAX_FAILURES's default. */
  private static final int LIMIT = 10;

  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static Members.Member confirmed(long eventId) {
    Members.Member member = Members.insert(1, "猜码" + Events.token().substring(1, 7) + "-").get(0);
    Api.Response rsvp = api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token());
    assertEquals("CONFIRMED", rsvp.json().getString("status"), rsvp.body());
    return member;
  }

  private static Api.Response selfCheckIn(long eventId, String token, String code) {
    return api.post("/api/events/" + eventId + "/self-checkin", new JsonObject().put("venueCode", code), token);
  }

  private static String venueCode(long eventId) {
    return api.get("/api/events/" + eventId + "/venue-code", organizer.token()).json().getString("code");
  }

  private static String wrong(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 500_000) % 1_000_000);
  }

  private static boolean checkedIn(long eventId, long userId) {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement(
        "SELECT count(*) FROM checkins c JOIN rsvps r ON r.id = c.rsvp_id WHERE c.event_id = ? AND r.user_id = ?")) {
      st.setLong(1, eventId);
      st.setLong(2, userId);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void wrongVenueCodesAreThrottledPerMemberAndEventAndThenEvenTheRightCodeWaits() {
    long id = CheckinApiTest.salonStartingSoon(api, organizer.token(), 5);
    Members.Member guesser = confirmed(id);
    Members.Member neighbour = confirmed(id);
    String code = venueCode(id);
    for (int i = 0; i < LIMIT; i++) {
      Api.Response refused = selfCheckIn(id, guesser.token(), wrong(code));
      assertEquals(400, refused.status(), "guess " + (i + 1) + ": " + refused);
    }
    Api.Response throttled = selfCheckIn(id, guesser.token(), wrong(code));
    assertEquals(429, throttled.status(), throttled.toString());
    assertEquals("TOO_MANY_ATTEMPTS", throttled.errorCode());
    assertTrue(throttled.header("Retry-After").isPresent(), throttled.headers().map().toString());
    Api.Response rightButLate = selfCheckIn(id, guesser.token(), venueCode(id));
    assertEquals(429, rightButLate.status(), "past the limit no code is tried at all: " + rightButLate);
    assertTrue(!checkedIn(id, guesser.id()));

    Api.Response other = selfCheckIn(id, neighbour.token(), venueCode(id));
    assertEquals(201, other.status(), "another member at the same event is not held up: " + other);
  }

  @Test
  void aValidVenueCodeWithoutAConfirmedSignUpGetsTheSameAnswerAsAWrongOne() {
    long id = CheckinApiTest.salonStartingSoon(api, organizer.token(), 5);
    Members.Member stranger = Members.insert(1, "路人").get(0);
    String code = venueCode(id);
    Api.Response wrongCode = selfCheckIn(id, stranger.token(), wrong(code));
    Api.Response rightCode = selfCheckIn(id, stranger.token(), code);
    assertEquals(400, rightCode.status(), rightCode.toString());
    assertEquals(wrongCode.body(), rightCode.body(), "nothing tells a right guess from a wrong one");
    assertTrue(!checkedIn(id, stranger.id()));
  }

  @Test
  void venueCodesWorkOnlyFromTwoHoursBeforeTheStart() {
    long later = Events.published(api, organizer.token(), Events.salon("下周的读书会 " + Events.token(), 5));
    Members.Member early = confirmed(later);
    Api.Response refused = selfCheckIn(later, early.token(), venueCode(later));
    assertEquals(400, refused.status(), "a week ahead the genuine code checks no one in: " + refused);
    assertEquals("INVALID_TICKET", refused.errorCode());
    assertTrue(!checkedIn(later, early.id()));
  }

  @Test
  void wrongTicketCodesAreThrottledPerScanningSessionNotPerOrganizer() {
    long id = Events.published(api, organizer.token(), Events.salon("门口猜码 " + Events.token(), 5));
    Members.Member member = confirmed(id);
    String ticketCode = api.get("/api/events/" + id + "/ticket", member.token()).json().getString("code");
    String scanner = api.login(organizer.login(), organizer.password());
    for (int i = 0; i < LIMIT; i++) {
      Api.Response refused = api.post("/api/events/" + id + "/checkins", new JsonObject().put("code", wrong(ticketCode)), scanner);
      assertEquals(400, refused.status(), "wrong code " + (i + 1) + ": " + refused);
    }
    Api.Response throttled = api.post("/api/events/" + id + "/checkins", new JsonObject().put("code", ticketCode), scanner);
    assertEquals(429, throttled.status(), throttled.toString());
    assertEquals("TOO_MANY_ATTEMPTS", throttled.errorCode());

    Api.Response otherDevice = api.post("/api/events/" + id + "/checkins", new JsonObject().put("code", ticketCode),
        organizer.token());
    assertEquals(201, otherDevice.status(), "another scanning session goes on: " + otherDevice);
  }

  @Test
  void countersOfWindowsLongPastArePurged() throws Exception {
    String key = "venue:purge-test-" + Events.token();
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement(
        "INSERT INTO login_failures (key, failures, window_started_at) VALUES (?, 3, now() - interval '2 days')")) {
      st.setString(1, key);
      st.executeUpdate();
    }
    TestApp.makeJobDue("purge-attempt-counters");
    long deadline = System.currentTimeMillis() + 15_000;
    while (counterExists(key) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(!counterExists(key), "the hourly job deletes counters whose window ended");
  }

  private static boolean counterExists(String key) throws SQLException {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement("SELECT 1 FROM login_failures WHERE key = ?")) {
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Test
  void rightTicketCodesDoNotUseUpTheLimitAtABusyDoor() {
    long id = Events.published(api, organizer.token(), Events.salon("繁忙的门口 " + Events.token(), LIMIT + 3));
    String scanner = api.login(organizer.login(), organizer.password());
    for (int i = 0; i < LIMIT + 2; i++) {
      Members.Member member = confirmed(id);
      String code = api.get("/api/events/" + id + "/ticket", member.token()).json().getString("code");
      Api.Response admitted = api.post("/api/events/" + id + "/checkins", new JsonObject().put("code", code), scanner);
      assertEquals(201, admitted.status(), "attendee " + (i + 1) + ": " + admitted);
    }
  }
}
