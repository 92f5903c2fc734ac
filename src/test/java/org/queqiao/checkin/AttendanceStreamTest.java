package org.queqiao.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.EventStream;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/** The organiser's live attendance: server-sent events, from this instance and from another one. */
class AttendanceStreamTest {
  private static final Duration PROMPTLY = Duration.ofSeconds(2);

  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private record Attendee(Members.Member member, long rsvpId) {}

  private static long salon(int capacity) {
    return Events.published(api, organizer.token(), Events.salon("实时签到 " + Events.token(), capacity));
  }

  private static Attendee confirmed(long eventId) {
    Members.Member member = Members.insert(1, "到场" + Events.token().substring(1, 9) + "-").get(0);
    Api.Response rsvp = api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token());
    assertEquals(201, rsvp.status(), rsvp.body());
    assertEquals("CONFIRMED", rsvp.json().getString("status"));
    return new Attendee(member, rsvp.json().getLong("rsvpId"));
  }

  private static Api.Response checkInByQr(Api via, long eventId, Attendee a) {
    Api.Response ticket = via.get("/api/events/" + eventId + "/ticket", a.member().token());
    assertEquals(200, ticket.status(), ticket.body());
    return via.post("/api/events/" + eventId + "/checkins", new JsonObject().put("qr", ticket.json().getString("qr")),
        organizer.token());
  }

  private static EventStream open(String baseUrl, long eventId) throws InterruptedException {
    EventStream stream = EventStream.open(baseUrl, "/api/events/" + eventId + "/attendance/stream", organizer.token());
    assertEquals(200, stream.status());
    assertTrue(stream.header("Content-Type").orElse("").startsWith("text/event-stream"),
        stream.header("Content-Type").toString());
    return stream;
  }

  /** The stream opens with the attendance as it stands. */
  private static void assertOpensWithAttendance(EventStream stream, int confirmed, int checkedIn)
      throws InterruptedException {
    EventStream.Event first = stream.next(PROMPTLY).orElseThrow(() -> new AssertionError("no first event"));
    assertEquals("attendance", first.name(), first.toString());
    assertCounts(first.json(), confirmed, checkedIn);
  }

  private static void assertCounts(JsonObject attendance, int confirmed, int checkedIn) {
    assertEquals(confirmed, attendance.getInteger("confirmed"), attendance.encode());
    assertEquals(checkedIn, attendance.getInteger("checkedIn"), attendance.encode());
    assertEquals(confirmed - checkedIn, attendance.getInteger("notCheckedIn"), attendance.encode());
    assertEquals(0, attendance.getInteger("waitlisted"), attendance.encode());
    JsonObject main = attendance.getJsonArray("pools").getJsonObject(0);
    assertEquals("main", main.getString("key"));
    assertEquals(checkedIn, main.getInteger("checkedIn"), attendance.encode());
  }

  /** A check-in event for this member with these counts arrives within two seconds. */
  private static void assertCheckinArrives(EventStream stream, Attendee a, Api.Response created, int confirmed,
      int checkedIn) throws InterruptedException {
    EventStream.Event event = stream.next("checkin", PROMPTLY)
        .orElseThrow(() -> new AssertionError("no checkin event within " + PROMPTLY + " for " + a.member().displayName()));
    JsonObject data = event.json();
    JsonObject checkin = data.getJsonObject("checkin");
    assertEquals(a.member().displayName(), checkin.getString("displayName"), data.encode());
    assertEquals(a.rsvpId(), checkin.getLong("rsvpId"), data.encode());
    assertEquals("main", checkin.getString("pool"), data.encode());
    Instant at = OffsetDateTime.parse(checkin.getString("checkedInAt")).toInstant();
    Instant answered = OffsetDateTime.parse(created.json().getString("checkedInAt")).toInstant();
    assertTrue(Duration.between(answered, at).abs().getSeconds() < 1, data.encode() + " vs " + created.body());
    assertCounts(data.getJsonObject("attendance"), confirmed, checkedIn);
  }

  @Test
  void theStreamOpensWithTheCountsThenSendsEachCheckInWithinTwoSeconds() throws Exception {
    long id = salon(5);
    long otherEvent = salon(5);
    Attendee first = confirmed(id);
    Attendee second = confirmed(id);
    try (EventStream stream = open(TestApp.baseUrl(), id); EventStream elsewhere = open(TestApp.baseUrl(), otherEvent)) {
      assertOpensWithAttendance(stream, 2, 0);
      assertOpensWithAttendance(elsewhere, 0, 0);

      Api.Response created = checkInByQr(api, id, first);
      assertEquals(201, created.status(), created.body());
      assertCheckinArrives(stream, first, created, 2, 1);

      Api.Response again = checkInByQr(api, id, second);
      assertEquals(201, again.status(), again.body());
      assertCheckinArrives(stream, second, again, 2, 2);

      Optional<EventStream.Event> leaked = elsewhere.next("checkin", Duration.ofMillis(300));
      assertEquals(Optional.empty(), leaked, "another event's dashboard hears nothing of these check-ins");
    }
  }

  @Test
  void aCheckInMadeOnAnotherInstanceReachesEveryInstancesStream() throws Exception {
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "second-"));
    env.put("DATABASE_URL", TestApp.databaseUrl());
    Application secondInstance = Application.start(AppConfig.fromEnvironment(env));
    try {
      String secondUrl = "http://127.0.0.1:" + secondInstance.port();
      Api onSecond = new Api(secondUrl);
      long id = salon(5);
      Attendee viaSecond = confirmed(id);
      Attendee viaFirst = confirmed(id);
      try (EventStream onMain = open(TestApp.baseUrl(), id); EventStream onOther = open(secondUrl, id)) {
        assertOpensWithAttendance(onMain, 2, 0);
        assertOpensWithAttendance(onOther, 2, 0);

        Api.Response created = checkInByQr(onSecond, id, viaSecond);
        assertEquals(201, created.status(), created.body());
        assertCheckinArrives(onMain, viaSecond, created, 2, 1);
        assertCheckinArrives(onOther, viaSecond, created, 2, 1);

        Api.Response back = checkInByQr(api, id, viaFirst);
        assertEquals(201, back.status(), back.body());
        assertCheckinArrives(onOther, viaFirst, back, 2, 2);
        assertCheckinArrives(onMain, viaFirst, back, 2, 2);

        assertEquals(Optional.empty(), onMain.next("checkin", Duration.ofMillis(300)), "each check-in arrives once");
        assertEquals(Optional.empty(), onOther.next("checkin", Duration.ofMillis(100)), "each check-in arrives once");
      }
    } finally {
      secondInstance.close();
    }
  }
}
