package org.queqiao.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/**
 * The capacity invariant of contract §4 under concurrency: confirmed ≤ capacity in every pool,
 * one sign-up per member per event, and the waitlist is first come, first served.
 */
class SignUpRaceTest {
  private static final int MEMBERS = 200;
  private static final int CAPACITY = 20;
  private static final int THREADS = 64;

  private static Api api;
  private static Api.Member organizer;
  private static List<Members.Member> members;
  private static HttpClient http;
  private static ExecutorService threads;

  @BeforeAll
  static void prepare() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
    members = Members.insert(MEMBERS, "抢票会员");
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    threads = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void stopThreads() {
    threads.shutdownNow();
  }

  /** One member's answer; status -1 when the request failed without an HTTP answer. */
  private record Answer(Members.Member member, int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private static HttpRequest signUpRequest(Members.Member member, long eventId) {
    return HttpRequest.newBuilder(URI.create(TestApp.baseUrl() + "/api/events/" + eventId + "/rsvp"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + member.token())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build();
  }

  private static HttpRequest cancelRequest(Members.Member member, long eventId) {
    return HttpRequest.newBuilder(URI.create(TestApp.baseUrl() + "/api/events/" + eventId + "/rsvp"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + member.token())
        .DELETE()
        .build();
  }

  private record Call(Members.Member member, HttpRequest request) {}

  private static List<Answer> race(List<Members.Member> who, Function<Members.Member, HttpRequest> request)
      throws Exception {
    return race(who.stream().map(m -> new Call(m, request.apply(m))).toList());
  }

  /** Sends every request at once: the threads wait at a start gate that opens when all are ready. */
  private static List<Answer> race(List<Call> calls) throws Exception {
    CountDownLatch ready = new CountDownLatch(Math.min(THREADS, calls.size()));
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<Answer>> pending = new ArrayList<>();
    for (Call call : calls) {
      pending.add(threads.submit(() -> {
        ready.countDown();
        gate.await();
        try {
          HttpResponse<String> response = http.send(call.request(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
          return new Answer(call.member(), response.statusCode(), response.body());
        } catch (java.io.IOException e) {
          return new Answer(call.member(), -1, e.toString());
        }
      }));
    }
    assertTrue(ready.await(10, TimeUnit.SECONDS), "the threads did not get ready");
    gate.countDown();
    List<Answer> answers = new ArrayList<>();
    for (Future<Answer> answer : pending) {
      answers.add(answer.get(60, TimeUnit.SECONDS));
    }
    return answers;
  }

  private static void assertAllSucceeded(List<Answer> answers) {
    List<Answer> failed = answers.stream().filter(a -> !a.ok()).toList();
    assertEquals(List.of(), failed, "every request under load gets a 2xx answer");
  }

  private static long newEvent(int capacity) {
    return Events.published(api, organizer.token(), Events.salon("抢票 " + Events.token(), capacity));
  }

  private static Map<String, Integer> statusCounts(long eventId) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    try (Connection db = TestApp.jdbc();
        PreparedStatement query = db.prepareStatement(
            "SELECT status, count(*) FROM rsvps WHERE event_id = ? GROUP BY status")) {
      query.setLong(1, eventId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getInt(2));
        }
      }
    }
    return counts;
  }

  /** User ids of the waitlisted sign-ups in waitlist_seq order: the order the server gave them places. */
  private static List<Long> waitlistBySeq(long eventId) throws Exception {
    return userIds(eventId, "SELECT user_id FROM rsvps WHERE event_id = ? AND status = 'WAITLISTED' ORDER BY waitlist_seq");
  }

  private static Set<Long> confirmedUsers(long eventId) throws Exception {
    return new HashSet<>(userIds(eventId, "SELECT user_id FROM rsvps WHERE event_id = ? AND status = 'CONFIRMED'"));
  }

  private static List<Long> userIds(long eventId, String sql) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection db = TestApp.jdbc(); PreparedStatement query = db.prepareStatement(sql)) {
      query.setLong(1, eventId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }

  private static void assertPoolCounters(long eventId, int confirmed, int waitlisted) throws Exception {
    JsonObject main = Events.pool(Events.get(api, organizer.token(), eventId), "main");
    assertEquals(CAPACITY, main.getInteger("capacity"));
    assertEquals(confirmed, main.getInteger("confirmed"), main.encode());
    assertEquals(waitlisted, main.getInteger("waitlisted"), main.encode());
    Map<String, Integer> expected = new HashMap<>();
    if (confirmed > 0) {
      expected.put("CONFIRMED", confirmed);
    }
    if (waitlisted > 0) {
      expected.put("WAITLISTED", waitlisted);
    }
    Map<String, Integer> actual = statusCounts(eventId);
    actual.remove("CANCELLED");
    assertEquals(expected, actual, "the database agrees with the pool's counters");
  }

  /** Waitlist positions as the organizer's sign-up list shows them, by user id. */
  private static Map<Long, Integer> rosterPositions(long eventId) {
    Api.Response roster = api.get("/api/events/" + eventId + "/rsvps", organizer.token());
    assertEquals(200, roster.status(), roster.body());
    Map<Long, Integer> positions = new HashMap<>();
    roster.json().getJsonArray("items").forEach(item -> {
      JsonObject rsvp = (JsonObject) item;
      if ("WAITLISTED".equals(rsvp.getString("status"))) {
        positions.put(rsvp.getLong("userId"), rsvp.getInteger("waitlistPosition"));
      }
    });
    return positions;
  }

  private static Map<Long, Integer> positionsInOrder(List<Long> userIds) {
    Map<Long, Integer> positions = new HashMap<>();
    for (int i = 0; i < userIds.size(); i++) {
      positions.put(userIds.get(i), i + 1);
    }
    return positions;
  }

  /** 200 members at once for 20 seats; checks every part of the invariant and returns the answers. */
  private static List<Answer> fill(long eventId) throws Exception {
    List<Answer> answers = race(members, m -> signUpRequest(m, eventId));

    assertAllSucceeded(answers);
    assertEquals(MEMBERS, answers.stream().filter(a -> a.status() == 201).count(), "each member's first sign-up is created");
    List<Answer> confirmed = answers.stream().filter(a -> "CONFIRMED".equals(a.json().getString("status"))).toList();
    List<Answer> waitlisted = answers.stream().filter(a -> "WAITLISTED".equals(a.json().getString("status"))).toList();
    assertEquals(CAPACITY, confirmed.size(), "exactly as many confirmed as there are seats");
    assertEquals(MEMBERS - CAPACITY, waitlisted.size());
    confirmed.forEach(a -> assertNull(a.json().getValue("waitlistPosition"), a.body()));
    assertEquals(MEMBERS, answers.stream().map(a -> a.json().getValue("rsvpId")).distinct().count());

    List<Integer> positions = waitlisted.stream().map(a -> a.json().getInteger("waitlistPosition")).sorted().toList();
    assertEquals(IntStream.rangeClosed(1, MEMBERS - CAPACITY).boxed().toList(), positions,
        "waitlist positions are exactly 1..180, none twice");

    assertPoolCounters(eventId, CAPACITY, MEMBERS - CAPACITY);
    assertEquals(0, Events.get(api, null, eventId).getInteger("seatsLeft"));

    List<Long> bySeq = waitlistBySeq(eventId);
    Map<Long, Integer> answered = waitlisted.stream()
        .collect(Collectors.toMap(a -> a.member().id(), a -> a.json().getInteger("waitlistPosition")));
    assertEquals(positionsInOrder(bySeq), answered, "the position each member was told is their place by waitlist_seq");
    assertEquals(answered, rosterPositions(eventId), "the organizer's list shows the same places");
    return answers;
  }

  @RepeatedTest(3)
  void twoHundredMembersRacingForTwentySeatsGetTwentyConfirmedAndAnOrderedWaitlist() throws Exception {
    long eventId = newEvent(CAPACITY);

    fill(eventId);

    try (Connection db = TestApp.jdbc();
        PreparedStatement query = db.prepareStatement(
            "SELECT count(*), count(DISTINCT user_id) FROM rsvps WHERE event_id = ?")) {
      query.setLong(1, eventId);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        assertEquals(MEMBERS, rows.getInt(1));
        assertEquals(MEMBERS, rows.getInt(2), "one sign-up per member");
      }
    }
  }

  @RepeatedTest(3)
  void twentyConfirmedMembersCancellingAtOncePromoteExactlyTheFirstTwentyOfTheWaitlist() throws Exception {
    long eventId = newEvent(CAPACITY);
    List<Answer> signUps = fill(eventId);
    List<Long> waitlistBefore = waitlistBySeq(eventId);
    List<Members.Member> leaving = signUps.stream()
        .filter(a -> "CONFIRMED".equals(a.json().getString("status"))).map(Answer::member).toList();

    List<Answer> cancels = race(leaving, m -> cancelRequest(m, eventId));

    assertAllSucceeded(cancels);
    cancels.forEach(a -> assertEquals(new JsonObject().put("status", "CANCELLED"), a.json()));
    assertEquals(new HashSet<>(waitlistBefore.subList(0, CAPACITY)), confirmedUsers(eventId),
        "the first twenty in line, and only they, got the freed seats");
    List<Long> stillWaiting = waitlistBefore.subList(CAPACITY, waitlistBefore.size());
    assertEquals(stillWaiting, waitlistBySeq(eventId), "the rest keep their order");
    assertEquals(positionsInOrder(stillWaiting), rosterPositions(eventId), "and move up to positions 1..160");
    assertPoolCounters(eventId, CAPACITY, MEMBERS - 2 * CAPACITY);
    assertEquals(CAPACITY, statusCounts(eventId).get("CANCELLED"));
  }

  @RepeatedTest(3)
  void confirmedAndWaitlistedMembersCancellingAtOnceLeaveNoSeatEmptyWhileOthersWait() throws Exception {
    long eventId = newEvent(CAPACITY);
    List<Answer> signUps = fill(eventId);
    List<Long> waitlistBefore = waitlistBySeq(eventId);
    // The twenty seated members and the twenty at the head of the line all leave at once: each
    // seat freed goes to the head of the line, which may be someone who is leaving right then.
    Set<Long> headOfLine = new HashSet<>(waitlistBefore.subList(0, CAPACITY));
    List<Members.Member> leaving = signUps.stream()
        .filter(a -> "CONFIRMED".equals(a.json().getString("status")) || headOfLine.contains(a.member().id()))
        .map(Answer::member).toList();
    assertEquals(2 * CAPACITY, leaving.size());

    List<Answer> cancels = race(leaving, m -> cancelRequest(m, eventId));

    assertAllSucceeded(cancels);
    cancels.forEach(a -> assertEquals(new JsonObject().put("status", "CANCELLED"), a.json()));
    List<Long> remaining = waitlistBefore.subList(CAPACITY, waitlistBefore.size());
    assertEquals(new HashSet<>(remaining.subList(0, CAPACITY)), confirmedUsers(eventId),
        "every freed seat went to the next member still waiting, in order");
    assertEquals(remaining.subList(CAPACITY, remaining.size()), waitlistBySeq(eventId));
    assertPoolCounters(eventId, CAPACITY, MEMBERS - 3 * CAPACITY);
  }

  @Test
  void aSeatFreedWhileTheNextInLineIsAlsoLeavingGoesToTheOneAfter() throws Exception {
    // On each of many one-seat events: A is seated, B is first in line, C second. A and B cancel
    // at the same moment. Whatever the order, C must end up with the seat.
    int rounds = 30;
    Members.Member a = members.get(10);
    Members.Member b = members.get(11);
    Members.Member c = members.get(12);
    List<Long> eventIds = new ArrayList<>();
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long eventId = Events.published(api, organizer.token(), Events.salon("让位 " + Events.token(), 1));
      for (Members.Member m : List.of(a, b, c)) {
        assertEquals(201, http.send(signUpRequest(m, eventId), HttpResponse.BodyHandlers.ofString()).statusCode());
      }
      eventIds.add(eventId);
      calls.add(new Call(a, cancelRequest(a, eventId)));
      calls.add(new Call(b, cancelRequest(b, eventId)));
    }

    assertAllSucceeded(race(calls));

    List<Long> seatLeftEmpty = new ArrayList<>();
    for (long eventId : eventIds) {
      if (!confirmedUsers(eventId).equals(Set.of(c.id()))) {
        seatLeftEmpty.add(eventId);
      }
    }
    assertEquals(List.of(), seatLeftEmpty,
        "events where C was still waiting behind an empty seat (confirmed ≠ {C}) out of " + rounds
            + (seatLeftEmpty.isEmpty() ? "" : "; the first one's pool: "
                + Events.get(api, organizer.token(), seatLeftEmpty.get(0)).getJsonArray("pools").encode()));
  }

  @Test
  void newSignUpsArrivingWhileSeatsAreFreedDoNotJumpTheWaitlist() throws Exception {
    long eventId = newEvent(CAPACITY);
    List<Members.Member> early = members.subList(0, 50);
    List<Members.Member> late = members.subList(50, 100);
    assertAllSucceeded(race(early, m -> signUpRequest(m, eventId)));
    List<Long> waitlistBefore = waitlistBySeq(eventId);
    assertEquals(30, waitlistBefore.size());
    Set<Long> leavingIds = confirmedUsers(eventId);
    List<Members.Member> leaving = early.stream().filter(m -> leavingIds.contains(m.id())).toList();
    List<Members.Member> everyone = new ArrayList<>(leaving);
    everyone.addAll(late);
    Map<Long, Members.Member> byId = everyone.stream().collect(Collectors.toMap(Members.Member::id, m -> m));

    List<Answer> answers = race(everyone, m -> leavingIds.contains(m.id())
        ? cancelRequest(byId.get(m.id()), eventId) : signUpRequest(m, eventId));

    assertAllSucceeded(answers);
    answers.stream().filter(a -> !leavingIds.contains(a.member().id()))
        .forEach(a -> assertEquals("WAITLISTED", a.json().getString("status"),
            "a seat freed by a cancellation goes to the waitlist, never to a newcomer: " + a.body()));
    assertEquals(new HashSet<>(waitlistBefore.subList(0, CAPACITY)), confirmedUsers(eventId));
    List<Long> waitlistAfter = waitlistBySeq(eventId);
    assertEquals(waitlistBefore.subList(CAPACITY, 30), waitlistAfter.subList(0, 10), "who waited keeps the head of the line");
    assertEquals(positionsInOrder(waitlistAfter), rosterPositions(eventId));
    assertPoolCounters(eventId, CAPACITY, 60);
  }

  @RepeatedTest(3)
  void oneMemberSendingTenSignUpsAtOnceGetsOneSignUp() throws Exception {
    long eventId = newEvent(CAPACITY);
    Members.Member member = members.get(0);

    List<Answer> answers = race(java.util.Collections.nCopies(10, member), m -> signUpRequest(m, eventId));

    assertAllSucceeded(answers);
    assertEquals(1, answers.stream().filter(a -> a.status() == 201).count(), answers.toString());
    assertEquals(9, answers.stream().filter(a -> a.status() == 200).count(), answers.toString());
    assertEquals(1, answers.stream().map(a -> a.json().getValue("rsvpId")).distinct().count(), answers.toString());
    answers.forEach(a -> assertEquals("CONFIRMED", a.json().getString("status")));
    assertPoolCounters(eventId, 1, 0);
  }

  @Test
  void aMemberRenewingACancelledSignUpTenTimesAtOnceGetsOneSignUp() throws Exception {
    long eventId = newEvent(1);
    Members.Member seated = members.get(1);
    Members.Member returning = members.get(2);
    assertEquals(201, race(List.of(seated), m -> signUpRequest(m, eventId)).get(0).status());
    assertEquals(201, race(List.of(returning), m -> signUpRequest(m, eventId)).get(0).status());
    assertEquals(200, race(List.of(returning), m -> cancelRequest(m, eventId)).get(0).status());

    List<Answer> answers = race(java.util.Collections.nCopies(10, returning), m -> signUpRequest(m, eventId));

    assertAllSucceeded(answers);
    assertEquals(1, answers.stream().filter(a -> a.status() == 201).count(), answers.toString());
    assertEquals(1, answers.stream().map(a -> a.json().getValue("rsvpId")).distinct().count(), answers.toString());
    answers.forEach(a -> assertEquals(1, a.json().getInteger("waitlistPosition"), a.body()));
    JsonObject main = Events.pool(Events.get(api, organizer.token(), eventId), "main");
    assertEquals(1, main.getInteger("confirmed"));
    assertEquals(1, main.getInteger("waitlisted"));
  }
}
