package org.queqiao.checkin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.Rsvps;
import org.queqiao.support.TestApp;

/** Tickets and door check-in, contract §5, over real HTTP against the real database. */
class CheckinApiTest {
  private static final String CHINA_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00";

  private static Api api;
  private static String admin;
  private static Api.Member organizer;
  private static Api.Member otherOrganizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    admin = api.adminToken();
    organizer = Events.organizer(api, admin);
    otherOrganizer = Events.organizer(api, admin);
  }

  /** A member with a sign-up for one event. */
  private record Attendee(Members.Member member, long eventId, long rsvpId, String status) {
    String token() {
      return member.token();
    }

    String name() {
      return member.displayName();
    }
  }

  // --- events and members ---

  private static long salon(int capacity) {
    return Events.published(api, organizer.token(), Events.salon("签到测试 " + Events.token(), capacity));
  }

  /** A salon starting within the hour: its venue code works (from two hours before the start). */
  static long salonStartingSoon(Api api, String token, int capacity) {
    OffsetDateTime soon = OffsetDateTime.now(Events.CHINA).plusHours(1).withNano(0);
    return Events.published(api, token, Events.body("READING_SALON", "即将开始 " + Events.token(), soon)
        .put("capacity", capacity));
  }

  private static long sportsDay(int red, int blue) {
    return Events.published(api, organizer.token(), Events.body("SPORTS_DAY", "签到运动会 " + Events.token(),
        Events.evening(10)).put("pools", Events.pools("RED", "红队", red, "BLUE", "蓝队", blue)));
  }

  /** A mixer whose capacity is split evenly between the FEMALE and MALE pools. */
  private static long mixer(int capacity) {
    return Events.published(api, organizer.token(), Events.body("MIXER", "联谊签到 " + Events.token(),
        Events.evening(10)).put("capacity", capacity));
  }

  private static String uniqueName() {
    return "会员" + Events.token().substring(1, 9) + "-";
  }

  private static Attendee signUp(Members.Member member, long eventId, JsonObject body) {
    Api.Response response = api.post("/api/events/" + eventId + "/rsvp", body, member.token());
    assertEquals(201, response.status(), response.body());
    return new Attendee(member, eventId, response.json().getLong("rsvpId"), response.json().getString("status"));
  }

  private static Attendee confirmed(long eventId) {
    return confirmed(eventId, new JsonObject());
  }

  private static Attendee confirmed(long eventId, JsonObject body) {
    Attendee a = signUp(Members.insert(1, uniqueName()).get(0), eventId, body);
    assertEquals("CONFIRMED", a.status(), "test premise: a seat was free");
    return a;
  }

  private static Attendee waitlisted(long eventId) {
    Attendee a = signUp(Members.insert(1, uniqueName()).get(0), eventId, new JsonObject());
    assertEquals("WAITLISTED", a.status(), "test premise: the event is full");
    return a;
  }

  // --- the API calls under test ---

  private static Api.Response ticketResponse(Attendee a) {
    return api.get("/api/events/" + a.eventId() + "/ticket", a.token());
  }

  private static JsonObject ticket(Attendee a) {
    Api.Response response = ticketResponse(a);
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  private static Api.Response checkIn(long eventId, JsonObject body) {
    return checkIn(eventId, body, organizer.token());
  }

  private static Api.Response checkIn(long eventId, JsonObject body, String token) {
    return api.post("/api/events/" + eventId + "/checkins", body, token);
  }

  private static Api.Response checkInByQr(Attendee a) {
    return checkIn(a.eventId(), new JsonObject().put("qr", ticket(a).getString("qr")));
  }

  private static JsonObject attendance(long eventId) {
    Api.Response response = api.get("/api/events/" + eventId + "/attendance", organizer.token());
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  private static Api.Response withdraw(Attendee a) {
    return api.send("/api/events/" + a.eventId() + "/rsvp", "DELETE", null, a.token(), Map.of());
  }

  private static void assertError(Api.Response response, int status, String code) {
    assertEquals(status, response.status(), response.body());
    JsonObject error = response.json().getJsonObject("error");
    assertNotNull(error, response.body());
    assertEquals(code, error.getString("code"), response.body());
    assertFalse(error.getString("message", "").isBlank(), response.body());
  }

  private static String isoChina(Instant at) {
    return Events.iso(OffsetDateTime.ofInstant(at, Events.CHINA));
  }

  private static TicketCodes serverCodes() {
    return new TicketCodes(TestApp.JWT_SECRET.getBytes(UTF_8));
  }

  // --- the database, to see what was written ---

  /** A check-in row as stored. */
  private record Row(long rsvpId, Instant checkedInAt, String method, Integer badge) {}

  private static List<Row> checkinRows(long eventId) {
    try (Connection db = TestApp.jdbc();
        PreparedStatement st = db.prepareStatement(
            "SELECT rsvp_id, checked_in_at, method, badge FROM checkins WHERE event_id = ? ORDER BY rsvp_id")) {
      st.setLong(1, eventId);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
              (Integer) rs.getObject(4)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Row> checkinOf(long eventId, long rsvpId) {
    return checkinRows(eventId).stream().filter(r -> r.rsvpId() == rsvpId).findFirst();
  }

  private static int rsvpRows(long eventId, long userId) {
    try (Connection db = TestApp.jdbc();
        PreparedStatement st = db.prepareStatement("SELECT count(*) FROM rsvps WHERE event_id = ? AND user_id = ?")) {
      st.setLong(1, eventId);
      st.setLong(2, userId);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Mixers need gender and birth year on the profile; bulk members have neither. */
  private static void setProfile(List<Members.Member> members, String gender, int birthYear) {
    try (Connection db = TestApp.jdbc();
        PreparedStatement st = db.prepareStatement("UPDATE users SET gender = ?, birth_year = ? WHERE id = ANY (?)")) {
      Array ids = db.createArrayOf("bigint", members.stream().map(Members.Member::id).toArray());
      st.setString(1, gender);
      st.setInt(2, birthYear);
      st.setArray(3, ids);
      assertEquals(members.size(), st.executeUpdate());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs every call at once: all threads wait at a gate that opens when they are all ready. */
  private static List<Api.Response> concurrently(List<Supplier<Api.Response>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch ready = new CountDownLatch(calls.size());
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<Api.Response>> futures = new ArrayList<>();
      for (Supplier<Api.Response> call : calls) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          gate.await();
          return call.get();
        }));
      }
      assertTrue(ready.await(10, TimeUnit.SECONDS));
      gate.countDown();
      List<Api.Response> responses = new ArrayList<>();
      for (Future<Api.Response> f : futures) {
        responses.add(f.get(30, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  // --- tickets ---

  @Test
  void aConfirmedMembersTicketHasASixDigitCodeASignedQrAndWhenToRefresh() {
    Attendee a = confirmed(salon(5));

    JsonObject ticket = ticket(a);

    assertTrue(ticket.getString("code").matches("\\d{6}"), ticket.encode());
    String qr = ticket.getString("qr");
    assertNotNull(qr, ticket.encode());
    assertTrue(qr.length() > 10, qr);
    Optional<Long> named = serverCodes().verifyTicket(qr, a.eventId(), Instant.now());
    assertEquals(Optional.of(a.rsvpId()), named, "the qr is a ticket of this sign-up, signed by the server");
    assertTrue(serverCodes().ticketDigitsMatch(ticket.getString("code"), a.eventId(), a.rsvpId(), Instant.now()),
        "the code is the same sign-up's spoken form");
    int refresh = ticket.getInteger("refreshSeconds");
    assertTrue(refresh >= 1 && refresh <= 30, "refreshSeconds " + refresh);
  }

  @Test
  void aWaitlistedMemberHasNoTicketYet() {
    long id = salon(1);
    confirmed(id);
    Attendee waiting = waitlisted(id);

    assertError(ticketResponse(waiting), 409, "NOT_CONFIRMED");
  }

  @Test
  void withoutASignUpThereIsNoTicket() {
    long id = salon(5);
    Members.Member stranger = Members.insert(1, uniqueName()).get(0);

    Api.Response response = api.get("/api/events/" + id + "/ticket", stranger.token());

    assertEquals(404, response.status(), response.body());
    assertNotNull(response.json().getJsonObject("error"), response.body());
    assertEquals(401, api.get("/api/events/" + id + "/ticket").status(), "anonymous");
  }

  @Test
  void aCancelledSignUpHasNoTicket() {
    Attendee a = confirmed(salon(5));
    assertEquals(200, withdraw(a).status());

    assertEquals(404, ticketResponse(a).status());
  }

  // --- checking in ---

  @Test
  void checkingInByQrAnswers201WithTheSignUpNamePoolAndTimeInChinaTime() {
    long id = salon(5);
    Attendee a = confirmed(id);
    Instant before = Instant.now().minusSeconds(5);

    Api.Response response = checkInByQr(a);

    assertEquals(201, response.status(), response.body());
    JsonObject body = response.json();
    assertEquals(a.rsvpId(), body.getLong("rsvpId"));
    assertEquals(a.name(), body.getString("displayName"));
    assertEquals("main", body.getString("pool"));
    String at = body.getString("checkedInAt");
    assertTrue(at.matches(CHINA_TIME), at);
    Instant when = OffsetDateTime.parse(at).toInstant();
    assertTrue(!when.isBefore(before) && !when.isAfter(Instant.now().plusSeconds(5)), at);
    assertNull(body.getValue("badge"), "a reading salon hands out no badges");
    Row row = checkinOf(id, a.rsvpId()).orElseThrow();
    assertEquals("QR", row.method());
    assertNull(row.badge());
  }

  @Test
  void checkingInTheSameTicketAgainIs409AlreadyCheckedInWithTheFirstTimeUnchanged() {
    long id = salon(5);
    Attendee a = confirmed(id);
    JsonObject ticket = ticket(a);
    Api.Response first = checkIn(id, new JsonObject().put("qr", ticket.getString("qr")));
    assertEquals(201, first.status(), first.body());
    Instant storedFirst = checkinOf(id, a.rsvpId()).orElseThrow().checkedInAt();

    Api.Response again = checkIn(id, new JsonObject().put("qr", ticket(a).getString("qr")));
    Api.Response byCode = checkIn(id, new JsonObject().put("code", ticket(a).getString("code")));

    for (Api.Response repeat : List.of(again, byCode)) {
      assertError(repeat, 409, "ALREADY_CHECKED_IN");
      JsonObject error = repeat.json().getJsonObject("error");
      assertEquals(first.json().getString("checkedInAt"), error.getString("checkedInAt"), repeat.body());
      assertEquals(a.name(), error.getString("displayName"), repeat.body());
    }
    List<Row> rows = checkinRows(id);
    assertEquals(1, rows.size(), rows.toString());
    assertEquals(storedFirst, rows.get(0).checkedInAt(), "the first check-in's time stays");
    assertEquals(1, attendance(id).getInteger("checkedIn"));
  }

  @Test
  void checkingInByTheSpokenCodeFindsTheSignUp() {
    long id = salon(5);
    Attendee first = confirmed(id);
    Attendee second = confirmed(id);
    String code = ticket(second).getString("code");

    Api.Response response = checkIn(id, new JsonObject().put("code", code));

    assertEquals(201, response.status(), response.body());
    assertEquals(second.rsvpId(), response.json().getLong("rsvpId"));
    assertEquals(second.name(), response.json().getString("displayName"));
    assertEquals("CODE", checkinOf(id, second.rsvpId()).orElseThrow().method());
    assertTrue(checkinOf(id, first.rsvpId()).isEmpty(), "only the member whose code was read");

    String spokenInTwoGroups = ticket(first).getString("code");
    spokenInTwoGroups = spokenInTwoGroups.substring(0, 3) + " " + spokenInTwoGroups.substring(3);
    Api.Response spaced = checkIn(id, new JsonObject().put("code", spokenInTwoGroups));
    assertEquals(201, spaced.status(), spaced.body());
    assertEquals(first.rsvpId(), spaced.json().getLong("rsvpId"));
  }

  @Test
  void checkingInAMemberChosenFromTheSearchByRsvpId() {
    long id = salon(5);
    Attendee a = confirmed(id);

    Api.Response response = checkIn(id, new JsonObject().put("rsvpId", a.rsvpId()));

    assertEquals(201, response.status(), response.body());
    assertEquals(a.rsvpId(), response.json().getLong("rsvpId"));
    assertEquals(a.name(), response.json().getString("displayName"));
    assertEquals("SEARCH", checkinOf(id, a.rsvpId()).orElseThrow().method());
  }

  @Test
  void aTicketOfAnotherEventIsAnInvalidTicket() {
    long here = salon(5);
    long elsewhere = salon(5);
    Attendee a = confirmed(elsewhere);
    JsonObject theirTicket = ticket(a);

    assertError(checkIn(here, new JsonObject().put("qr", theirTicket.getString("qr"))), 400, "INVALID_TICKET");
    assertError(checkIn(here, new JsonObject().put("rsvpId", a.rsvpId())), 400, "INVALID_TICKET");

    assertEquals(List.of(), checkinRows(here));
    assertEquals(List.of(), checkinRows(elsewhere));
  }

  @Test
  void aForgedOrGarbageQrIsAnInvalidTicket() {
    long id = salon(5);
    Attendee holder = confirmed(id);
    Attendee victim = confirmed(id);
    String qr = ticket(holder).getString("qr");
    String[] parts = qr.split("\\.");
    assertEquals(5, parts.length, "test premise: the token's shape is " + qr);
    String signature = parts[4];
    String flipped = (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);

    List<String> forged = List.of(
        parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3] + "." + flipped,
        parts[0] + "." + parts[1] + "." + victim.rsvpId() + "." + parts[3] + "." + signature,
        new TicketCodes("some-other-secret-that-is-long-enough!!".getBytes(UTF_8))
            .ticketToken(id, victim.rsvpId(), TicketCodes.step(Instant.now())),
        "hello",
        "{\"rsvpId\":" + victim.rsvpId() + "}",
        "T1." + id + "." + victim.rsvpId());
    for (String fake : forged) {
      assertError(checkIn(id, new JsonObject().put("qr", fake)), 400, "INVALID_TICKET");
    }
    assertError(checkIn(id, new JsonObject().put("code", "000000x")), 400, "INVALID_TICKET");
    assertEquals(List.of(), checkinRows(id), "nothing was checked in");
  }

  @Test
  void anExpiredTicketIsRefusedUnlessAnOfflineScanSaysItWasCurrentWithinFifteenMinutes() {
    long id = salon(5);
    Attendee queued = confirmed(id);
    Attendee tooOld = confirmed(id);
    TicketCodes codes = serverCodes();
    long oldStep = TicketCodes.step(Instant.now()) - 3;
    String old = codes.ticketToken(id, queued.rsvpId(), oldStep);
    Instant whenCurrent = Instant.ofEpochSecond(oldStep * TicketCodes.STEP_SECONDS + 5);

    assertError(checkIn(id, new JsonObject().put("qr", old)), 400, "INVALID_TICKET");
    assertTrue(checkinRows(id).isEmpty());

    Api.Response offline = checkIn(id, new JsonObject().put("qr", old).put("scannedAt", isoChina(whenCurrent)));
    assertEquals(201, offline.status(), offline.body());
    assertEquals(queued.rsvpId(), offline.json().getLong("rsvpId"));

    long ancientStep = TicketCodes.step(Instant.now().minus(Duration.ofMinutes(16)));
    String ancient = codes.ticketToken(id, tooOld.rsvpId(), ancientStep);
    Api.Response stale = checkIn(id, new JsonObject().put("qr", ancient)
        .put("scannedAt", isoChina(Instant.ofEpochSecond(ancientStep * TicketCodes.STEP_SECONDS + 5))));
    assertEquals(400, stale.status(), stale.body());
    assertNotNull(stale.json().getJsonObject("error"), stale.body());
    assertTrue(checkinOf(id, tooOld.rsvpId()).isEmpty(), "a scan queued too long ago is not counted");
    assertEquals(1, checkinRows(id).size());
  }

  /**
   * The scanner page sends its own clock as {@code scannedAt} with every scan, online or queued
   * (webroot/js/checkin.js, enqueue). A ticket that is current by the server's clock must not be
   * refused because the scanning phone's clock is a little behind.
   */
  @Test
  void aTicketCurrentByTheServersClockIsAcceptedWhenTheScannersClockIsSlightlyBehind() {
    long id = salon(5);
    Attendee byQr = confirmed(id);
    Attendee byCode = confirmed(id);
    JsonObject qrTicket = ticket(byQr);
    long step = Long.parseLong(qrTicket.getString("qr").split("\\.")[3]);
    Instant scannerClock = Instant.ofEpochSecond(step * TicketCodes.STEP_SECONDS - 5);
    long behind = Duration.between(scannerClock, Instant.now()).getSeconds();
    assertTrue(behind < 40, "test premise: the scanner's clock is under 40 s slow (" + behind + " s)");

    Api.Response scanned = checkIn(id, new JsonObject().put("qr", qrTicket.getString("qr"))
        .put("scannedAt", isoChina(scannerClock)));
    assertEquals(201, scanned.status(), "a fresh ticket, scanner clock " + behind + " s slow: " + scanned.body());

    JsonObject codeTicket = ticket(byCode);
    long codeStep = Long.parseLong(codeTicket.getString("qr").split("\\.")[3]);
    Instant codeScannerClock = Instant.ofEpochSecond(codeStep * TicketCodes.STEP_SECONDS - 5);
    Api.Response spoken = checkIn(id, new JsonObject().put("code", codeTicket.getString("code"))
        .put("scannedAt", isoChina(codeScannerClock)));
    assertEquals(201, spoken.status(), "a fresh spoken code, scanner clock slightly slow: " + spoken.body());
    // A phone clock far off either way is not used at all: the server's clock still accepts a fresh ticket.
    Attendee fast = confirmed(id);
    Api.Response farAhead = checkIn(id, new JsonObject().put("qr", ticket(fast).getString("qr"))
        .put("scannedAt", isoChina(Instant.now().plus(Duration.ofMinutes(5)))));
    assertEquals(201, farAhead.status(), "scanner clock 5 min fast: " + farAhead.body());
    Attendee slow = confirmed(id);
    Api.Response farBehind = checkIn(id, new JsonObject().put("code", ticket(slow).getString("code"))
        .put("scannedAt", isoChina(Instant.now().minus(Duration.ofMinutes(20)))));
    assertEquals(201, farBehind.status(), "scanner clock 20 min slow: " + farBehind.body());
    assertError(checkIn(id, new JsonObject().put("qr", ticket(confirmed(id)).getString("qr")).put("scannedAt", "soon")),
        400, "VALIDATION_FAILED");
  }

  @Test
  void aWaitlistedSignUpCannotBeCheckedIn() {
    long id = salon(1);
    confirmed(id);
    Attendee waiting = waitlisted(id);

    assertError(checkIn(id, new JsonObject().put("rsvpId", waiting.rsvpId())), 409, "NOT_CONFIRMED");
    assertTrue(checkinOf(id, waiting.rsvpId()).isEmpty());
  }

  @Test
  void aCancelledSignUpsStillCurrentTicketIsNotConfirmed() {
    long id = salon(5);
    Attendee a = confirmed(id);
    String qr = ticket(a).getString("qr");
    assertEquals(200, withdraw(a).status());

    assertError(checkIn(id, new JsonObject().put("qr", qr)), 409, "NOT_CONFIRMED");
    assertTrue(checkinRows(id).isEmpty());
  }

  @Test
  void thirtyScannersSendingOneTicketAtOnceCheckItInExactlyOnce() throws Exception {
    long id = salon(5);
    Attendee a = confirmed(id);
    JsonObject body = new JsonObject().put("qr", ticket(a).getString("qr"));

    List<Api.Response> responses = concurrently(
        IntStream.range(0, 30).<Supplier<Api.Response>>mapToObj(i -> () -> checkIn(id, body)).toList());

    List<Api.Response> created = responses.stream().filter(r -> r.status() == 201).toList();
    assertEquals(1, created.size(), responses.toString());
    List<Api.Response> repeats = responses.stream().filter(r -> r.status() == 409).toList();
    assertEquals(29, repeats.size(), responses.toString());
    String firstTime = created.get(0).json().getString("checkedInAt");
    for (Api.Response repeat : repeats) {
      assertEquals("ALREADY_CHECKED_IN", repeat.errorCode(), repeat.body());
      assertEquals(firstTime, repeat.json().getJsonObject("error").getString("checkedInAt"));
    }
    assertEquals(1, checkinRows(id).size());
  }

  // --- who may do what ---

  @Test
  void onlyTheEventsOrganizerOrAnAdminMayRunTheDoor() {
    long id = salon(5);
    Attendee a = confirmed(id);
    String qr = ticket(a).getString("qr");
    Api.Member walker = api.registerAndLogin();
    String base = "/api/events/" + id;
    Map<String, String> callers = Map.of(
        "the member", a.token(),
        "another organizer", otherOrganizer.token());

    for (var caller : callers.entrySet()) {
      String token = caller.getValue();
      Map<String, Api.Response> answers = new LinkedHashMap<>();
      answers.put("check in", api.post(base + "/checkins", new JsonObject().put("qr", qr), token));
      answers.put("attendance", api.get(base + "/attendance", token));
      answers.put("csv", api.get(base + "/attendance.csv", token));
      answers.put("stream", api.get(base + "/attendance/stream", token));
      answers.put("search", api.get(base + "/checkins/search?q=" + a.name().substring(0, 4), token));
      answers.put("walk-in", api.post(base + "/walk-ins", new JsonObject().put("login", walker.login()), token));
      answers.put("venue code", api.get(base + "/venue-code", token));
      answers.forEach((what, response) -> assertEquals(403, response.status(), caller.getKey() + " / " + what + ": "
          + response.body()));
    }
    Map<String, Api.Response> anonymous = new LinkedHashMap<>();
    anonymous.put("check in", api.post(base + "/checkins", new JsonObject().put("qr", qr), null));
    anonymous.put("attendance", api.get(base + "/attendance"));
    anonymous.put("csv", api.get(base + "/attendance.csv"));
    anonymous.put("stream", api.get(base + "/attendance/stream"));
    anonymous.put("search", api.get(base + "/checkins/search?q=x"));
    anonymous.put("walk-in", api.post(base + "/walk-ins", new JsonObject().put("login", walker.login()), null));
    anonymous.put("venue code", api.get(base + "/venue-code"));
    anonymous.put("self check-in", api.post(base + "/self-checkin", new JsonObject().put("venueCode", "123456"), null));
    anonymous.put("my attendance", api.get("/api/me/attendance"));
    anonymous.forEach((what, response) -> assertEquals(401, response.status(), "anonymous / " + what + ": "
        + response.body()));

    assertEquals(List.of(), checkinRows(id), "no refused request checked anyone in");
    assertEquals(0, rsvpRows(id, walker.id()), "no refused walk-in signed anyone up");

    assertEquals(200, api.get(base + "/attendance", admin).status());
    assertEquals(200, api.get(base + "/venue-code", admin).status());
    assertEquals(200, api.get(base + "/attendance.csv", admin).status());
    assertEquals(200, api.get(base + "/checkins/search?q=x", admin).status());
    Api.Response byAdmin = api.post(base + "/checkins", new JsonObject().put("qr", qr), admin);
    assertEquals(201, byAdmin.status(), "an admin may run any door: " + byAdmin.body());
  }

  @Test
  void aMemberCannotCancelTheirSignUpAfterCheckingIn() {
    long id = salon(5);
    Attendee checkedIn = confirmed(id);
    Attendee notYet = confirmed(id);
    assertEquals(201, checkInByQr(checkedIn).status());

    Api.Response refused = withdraw(checkedIn);

    assertEquals(409, refused.status(), refused.body());
    assertNotNull(refused.json().getJsonObject("error"));
    assertEquals("CONFIRMED", Rsvps.find(api, checkedIn.token(), id).orElseThrow().getString("status"));
    assertTrue(checkinOf(id, checkedIn.rsvpId()).isPresent());
    assertEquals(200, withdraw(notYet).status(), "positive control: one not yet checked in may still cancel");
  }

  // --- mixers: badges ---

  @Test
  void twentyMixerGuestsCheckedInAtOnceGetBadgesOneToTwentyWithoutDuplicates() throws Exception {
    long id = mixer(20);
    int birthYear = OffsetDateTime.now(Events.CHINA).getYear() - 30;
    List<Members.Member> women = Members.insert(10, uniqueName());
    List<Members.Member> men = Members.insert(10, uniqueName());
    setProfile(women, "FEMALE", birthYear);
    setProfile(men, "MALE", birthYear);
    List<Attendee> guests = new ArrayList<>();
    for (Members.Member m : concat(women, men)) {
      Attendee a = signUp(m, id, new JsonObject().put("declaresSingle", true));
      assertEquals("CONFIRMED", a.status());
      guests.add(a);
    }
    List<JsonObject> bodies = guests.stream().map(g -> new JsonObject().put("qr", ticket(g).getString("qr"))).toList();

    List<Api.Response> responses = concurrently(
        bodies.stream().<Supplier<Api.Response>>map(b -> () -> checkIn(id, b)).toList());

    responses.forEach(r -> assertEquals(201, r.status(), r.body()));
    List<Integer> badges = responses.stream().map(r -> r.json().getInteger("badge")).toList();
    assertEquals(IntStream.rangeClosed(1, 20).boxed().collect(Collectors.toCollection(TreeSet::new)),
        new TreeSet<>(badges), badges.toString());
    assertEquals(20, badges.size());
    List<Row> rows = checkinRows(id);
    assertEquals(20, rows.size());
    assertEquals(20, rows.stream().map(Row::badge).distinct().count(), rows.toString());
    Map<Long, Integer> answered = new HashMap<>();
    responses.forEach(r -> answered.put(r.json().getLong("rsvpId"), r.json().getInteger("badge")));
    rows.forEach(row -> assertEquals(answered.get(row.rsvpId()), row.badge(), "stored badge is the one answered"));
    Set<String> pools = responses.stream().map(r -> r.json().getString("pool")).collect(Collectors.toSet());
    assertEquals(Set.of("FEMALE", "MALE"), pools);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  // --- attendance, its CSV and the search ---

  @Test
  void attendanceCountsConfirmedCheckedInNotCheckedInAndWaitlistedOverallAndPerPool() {
    long id = sportsDay(2, 1);
    JsonObject red = new JsonObject().put("pool", "RED");
    JsonObject blue = new JsonObject().put("pool", "BLUE");
    Attendee red1 = confirmed(id, red);
    confirmed(id, red);
    Attendee blue1 = confirmed(id, blue);
    assertEquals("WAITLISTED", signUp(Members.insert(1, uniqueName()).get(0), id, red).status());
    assertEquals("WAITLISTED", signUp(Members.insert(1, uniqueName()).get(0), id, blue).status());
    assertEquals(201, checkInByQr(red1).status());
    assertEquals(201, checkInByQr(blue1).status());

    JsonObject attendance = attendance(id);

    assertEquals(3, attendance.getInteger("confirmed"), attendance.encode());
    assertEquals(2, attendance.getInteger("checkedIn"), attendance.encode());
    assertEquals(1, attendance.getInteger("notCheckedIn"), attendance.encode());
    assertEquals(2, attendance.getInteger("waitlisted"), attendance.encode());
    JsonArray pools = attendance.getJsonArray("pools");
    assertEquals(2, pools.size(), attendance.encode());
    Map<String, JsonObject> byKey = new HashMap<>();
    pools.forEach(p -> byKey.put(((JsonObject) p).getString("key"), (JsonObject) p));
    assertCounts(byKey.get("RED"), 2, 1, 1, 1);
    assertCounts(byKey.get("BLUE"), 1, 1, 0, 1);
  }

  private static void assertCounts(JsonObject pool, int confirmed, int checkedIn, int notCheckedIn, int waitlisted) {
    assertNotNull(pool);
    assertEquals(confirmed, pool.getInteger("confirmed"), pool.encode());
    assertEquals(checkedIn, pool.getInteger("checkedIn"), pool.encode());
    assertEquals(notCheckedIn, pool.getInteger("notCheckedIn"), pool.encode());
    assertEquals(waitlisted, pool.getInteger("waitlisted"), pool.encode());
  }

  @Test
  void theAttendanceCsvHasABomAHeaderAndOneRowPerConfirmedSignUpWithFormulasDefused() throws IOException {
    long id = salon(5);
    Attendee here = confirmed(id);
    Attendee absent = confirmed(id);
    Attendee formula = signUp(Members.insert(1, "=HYPERLINK(\"http://evil.example\",\"x\")").get(0), id,
        new JsonObject());
    Attendee plus = signUp(Members.insert(1, "+1+cmd|' /C calc'!A").get(0), id, new JsonObject());
    Attendee at = signUp(Members.insert(1, "@SUM(1,2)").get(0), id, new JsonObject());
    assertEquals("CONFIRMED", formula.status());
    Attendee waiting = waitlisted(id);
    assertEquals(201, checkInByQr(here).status());

    Api.Response csv = api.send(api.request("/api/events/" + id + "/attendance.csv", organizer.token())
        .header("Accept-Language", "en").GET().build());

    assertEquals(200, csv.status(), csv.body());
    assertTrue(csv.header("Content-Type").orElse("").startsWith("text/csv"), csv.headers().map().toString());
    assertTrue(csv.body().startsWith("\uFEFF"), "a UTF-8 byte-order mark first, for Excel");
    List<CSVRecord> records;
    try (CSVParser parser = CSVParser.parse(new StringReader(csv.body().substring(1)), CSVFormat.EXCEL)) {
      records = parser.getRecords();
    }
    assertEquals(6, records.size(), "a header and five confirmed sign-ups:\n" + csv.body());
    List<String> header = records.get(0).toList();
    assertTrue(header.contains("Name") && header.contains("Checked in at"), header.toString());
    int name = header.indexOf("Name");
    int time = header.indexOf("Checked in at");
    Map<String, CSVRecord> byName = new HashMap<>();
    records.subList(1, records.size()).forEach(r -> {
      assertEquals(header.size(), r.size(), r.toString());
      byName.put(r.get(name), r);
    });
    String defused = "'" + formula.name();
    assertEquals(Set.of(here.name(), absent.name(), defused, "'" + plus.name(), "'" + at.name()), byName.keySet(),
        csv.body());
    assertFalse(byName.containsKey(waiting.name()), "waitlisted sign-ups are not on the list");
    String checkedInAt = byName.get(here.name()).get(time);
    assertTrue(checkedInAt.matches(CHINA_TIME), checkedInAt);
    assertEquals("", byName.get(absent.name()).get(time));
    assertEquals("", byName.get(defused).get(time));
    assertTrue(byName.values().stream().flatMap(r -> r.toList().stream())
            .noneMatch(cell -> !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0),
        "no cell a spreadsheet would run as a formula");
  }

  @Test
  void theSearchFindsConfirmedMembersByPartOfTheirName() {
    long id = salon(2);
    String tag = Events.token().substring(1, 9);
    List<Members.Member> named = Members.insert(3, "李" + tag + "号");
    Attendee one = signUp(named.get(0), id, new JsonObject());
    Attendee two = signUp(named.get(1), id, new JsonObject());
    Attendee waiting = signUp(named.get(2), id, new JsonObject());
    assertEquals("WAITLISTED", waiting.status());
    assertEquals(201, checkInByQr(one).status());

    Api.Response found = api.get("/api/events/" + id + "/checkins/search?q=" + tag.substring(2, 7), organizer.token());

    assertEquals(200, found.status(), found.body());
    JsonArray items = found.json().getJsonArray("items");
    Map<Long, JsonObject> byRsvp = new HashMap<>();
    items.forEach(i -> byRsvp.put(((JsonObject) i).getLong("rsvpId"), (JsonObject) i));
    assertEquals(Set.of(one.rsvpId(), two.rsvpId()), byRsvp.keySet(), items.encode());
    assertEquals(one.name(), byRsvp.get(one.rsvpId()).getString("displayName"));
    assertTrue(byRsvp.get(one.rsvpId()).getString("checkedInAt").matches(CHINA_TIME), items.encode());
    assertNull(byRsvp.get(two.rsvpId()).getValue("checkedInAt"), items.encode());

    Api.Response nobody = api.get("/api/events/" + id + "/checkins/search?q=" + "zz" + Events.token(), organizer.token());
    assertEquals(200, nobody.status());
    assertEquals(0, nobody.json().getJsonArray("items").size(), nobody.body());
  }

  // --- self check-in with the venue code ---

  @Test
  void theVenueCodeLetsConfirmedMembersCheckThemselvesInByDigitsOrByTheLinkInItsQr() {
    long id = salonStartingSoon(api, organizer.token(), 2);
    Attendee byDigits = confirmed(id);
    Attendee byLink = confirmed(id);
    Attendee waiting = waitlisted(id);
    Api.Response venue = api.get("/api/events/" + id + "/venue-code", organizer.token());
    assertEquals(200, venue.status(), venue.body());
    String code = venue.json().getString("code");
    String qr = venue.json().getString("qr");
    int refresh = venue.json().getInteger("refreshSeconds");
    assertTrue(code.matches("\\d{6}"), venue.body());
    assertTrue(refresh >= 1 && refresh <= 30, venue.body());
    assertTrue(qr.contains("/events/" + id + "/self-checkin?code="), qr);
    String token = URLDecoder.decode(URI.create(qr).getRawQuery().substring("code=".length()), UTF_8);

    Api.Response wrong = selfCheckIn(byDigits, wrongDigits(code));
    assertError(wrong, 400, "INVALID_TICKET");
    assertTrue(checkinRows(id).isEmpty(), "a wrong code checks no one in");

    Api.Response first = selfCheckIn(byDigits, code);
    assertEquals(201, first.status(), first.body());
    assertEquals(byDigits.rsvpId(), first.json().getLong("rsvpId"));
    assertEquals(byDigits.name(), first.json().getString("displayName"));
    assertTrue(first.json().getString("checkedInAt").matches(CHINA_TIME), first.body());
    assertEquals("SELF", checkinOf(id, byDigits.rsvpId()).orElseThrow().method());

    Api.Response second = selfCheckIn(byLink, token);
    assertEquals(201, second.status(), second.body());
    assertEquals(byLink.rsvpId(), second.json().getLong("rsvpId"));

    // The same answer as a wrong code: a refusal never confirms that a guessed code was right.
    assertError(selfCheckIn(waiting, code), 400, "INVALID_TICKET");
    assertTrue(checkinOf(id, waiting.rsvpId()).isEmpty());
    assertEquals(2, checkinRows(id).size());
  }

  @Test
  void theVenueCodeOfAnotherEventDoesNotCheckAnyoneIn() {
    long here = salonStartingSoon(api, organizer.token(), 5);
    long elsewhere = salonStartingSoon(api, organizer.token(), 5);
    Attendee a = confirmed(here);
    String theirs = api.get("/api/events/" + elsewhere + "/venue-code", organizer.token()).json().getString("code");
    String ours = api.get("/api/events/" + here + "/venue-code", organizer.token()).json().getString("code");

    assertFalse(theirs.equals(ours), "two events' venue codes differ");
    assertError(selfCheckIn(a, theirs), 400, "INVALID_TICKET");
    assertError(selfCheckIn(a, serverCodes().venueToken(elsewhere, TicketCodes.step(Instant.now()))), 400,
        "INVALID_TICKET");
    assertTrue(checkinRows(here).isEmpty());
  }

  private static Api.Response selfCheckIn(Attendee a, String venueCode) {
    return api.post("/api/events/" + a.eventId() + "/self-checkin", new JsonObject().put("venueCode", venueCode), a.token());
  }

  private static String wrongDigits(String code) {
    char last = code.charAt(5);
    return code.substring(0, 5) + (char) ('0' + (last - '0' + 1) % 10);
  }

  // --- walk-ins ---

  @Test
  void aWalkInWhileAPlaceIsFreeIsSignedUpConfirmedAndCheckedIn() {
    long id = salon(2);
    confirmed(id);
    Api.Member walker = api.registerAndLogin(new JsonObject().put("displayName", "临时来宾"));

    Api.Response response = api.post("/api/events/" + id + "/walk-ins", new JsonObject().put("login", walker.login()),
        organizer.token());

    assertEquals(201, response.status(), response.body());
    assertEquals("临时来宾", response.json().getString("displayName"));
    assertTrue(response.json().getString("checkedInAt").matches(CHINA_TIME), response.body());
    JsonObject rsvp = Rsvps.find(api, walker.token(), id).orElseThrow(() -> new AssertionError("the walk-in has no sign-up"));
    assertEquals("CONFIRMED", rsvp.getString("status"));
    assertEquals(rsvp.getLong("rsvpId"), response.json().getLong("rsvpId"));
    assertEquals("WALK_IN", checkinOf(id, rsvp.getLong("rsvpId")).orElseThrow().method());
    JsonObject attendance = attendance(id);
    assertEquals(2, attendance.getInteger("confirmed"));
    assertEquals(1, attendance.getInteger("checkedIn"));
  }

  @Test
  void aMixerWalkInTakesTheEventLockBeforeThePoolSoAnEditCannotDeadlockWithIt() throws Exception {
    long id = mixer(4);
    Api.Member walker = api.registerAndLogin(new JsonObject().put("displayName", "门口来宾")
        .put("gender", "FEMALE").put("birthYear", OffsetDateTime.now(Events.CHINA).getYear() - 30));
    // Only the member declares themselves single, on their own phone (contract §9).
    assertEquals(204, api.post("/api/events/" + id + "/mixer/declaration", new JsonObject().put("declaresSingle", true),
        walker.token()).status());
    try (Connection edit = TestApp.jdbc()) {
      // An organiser's edit takes the event row first, then the pools (EventService.update).
      edit.setAutoCommit(false);
      try (Statement st = edit.createStatement()) {
        st.execute("SET LOCAL lock_timeout = '5s'");
        st.executeQuery("SELECT id FROM events WHERE id = " + id + " FOR UPDATE").close();
      }
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<Api.Response> walkIn = pool.submit(() -> api.post("/api/events/" + id + "/walk-ins",
            new JsonObject().put("login", walker.login()).put("declaresSingle", true), organizer.token()));
        assertTrue(waitForLockWaiter(), "the walk-in waits for the event row");
        try (Statement st = edit.createStatement()) {
          // With pools locked before the event the walk-in would hold this lock: a deadlock.
          st.executeQuery("SELECT key FROM event_pools WHERE event_id = " + id + " ORDER BY key FOR UPDATE").close();
        }
        edit.commit();
        Api.Response answered = walkIn.get(20, TimeUnit.SECONDS);
        assertEquals(201, answered.status(), answered.body());
        assertEquals(1, answered.json().getInteger("badge"));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static boolean waitForLockWaiter() throws Exception {
    try (Connection db = TestApp.jdbc(); Statement st = db.createStatement()) {
      for (int i = 0; i < 100; i++) {
        try (ResultSet rows = st.executeQuery(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()")) {
          rows.next();
          if (rows.getInt(1) > 0) {
            return true;
          }
        }
        Thread.sleep(50);
      }
    }
    return false;
  }

  @Test
  void aWalkInWhenTheEventIsFullIsRefusedAndNothingIsWritten() {
    long id = salon(1);
    confirmed(id);
    Api.Member walker = api.registerAndLogin();
    JsonObject before = attendance(id);

    Api.Response response = api.post("/api/events/" + id + "/walk-ins", new JsonObject().put("login", walker.login()),
        organizer.token());

    assertError(response, 409, "NO_FREE_SEAT");
    assertEquals(Optional.empty(), Rsvps.find(api, walker.token(), id));
    assertEquals(0, rsvpRows(id, walker.id()));
    assertEquals(before, attendance(id));
    assertTrue(checkinRows(id).isEmpty());
  }

  @Test
  void aWalkInWithAnUnknownLoginIsNotFound() {
    long id = salon(2);

    Api.Response response = api.post("/api/events/" + id + "/walk-ins",
        new JsonObject().put("login", "nobody-" + Events.token() + "@test.example"), organizer.token());

    assertEquals(404, response.status(), response.body());
    assertNotNull(response.json().getJsonObject("error"));
    assertEquals(0, attendance(id).getInteger("confirmed"));
  }

  // --- my attendance ---

  @Test
  void myAttendanceListsTheEventsICheckedInTo() {
    long first = salon(5);
    long second = salon(5);
    long skipped = salon(5);
    Members.Member member = Members.insert(1, uniqueName()).get(0);
    Attendee atFirst = signUp(member, first, new JsonObject());
    Attendee atSecond = signUp(member, second, new JsonObject());
    signUp(member, skipped, new JsonObject());
    assertEquals(201, checkInByQr(atFirst).status());
    assertEquals(201, checkIn(second, new JsonObject().put("rsvpId", atSecond.rsvpId())).status());

    Api.Response mine = api.get("/api/me/attendance", member.token());

    assertEquals(200, mine.status(), mine.body());
    JsonArray items = mine.json().getJsonArray("items");
    Set<Long> events = new HashSet<>();
    items.forEach(i -> {
      JsonObject item = (JsonObject) i;
      events.add(item.getLong("eventId"));
      assertTrue(item.getString("checkedInAt").matches(CHINA_TIME), item.encode());
      assertNotNull(item.getString("title"), item.encode());
    });
    assertEquals(Set.of(first, second), events, items.encode());
  }
}
