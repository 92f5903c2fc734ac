package org.queqiao.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/**
 * Batched sign-ups (SIGNUP_BATCH_MS) from three instances on one database at once: every batch of
 * every instance takes the same pool lock, so the capacity, the one sign-up per member and the
 * order of the waitlist hold across them, and each member is told exactly what was stored.
 */
class SurgeAcrossInstancesTest {
  private static final int MEMBERS = 600;
  private static final int CAPACITY = 45;

  private static final List<Application> others = new ArrayList<>();
  private static final List<String> bases = new ArrayList<>();

  @BeforeAll
  static void startTwoMoreInstances() throws Exception {
    bases.add(TestApp.baseUrl());
    for (int i = 0; i < 2; i++) {
      Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "surge-"));
      env.put("DATABASE_URL", TestApp.databaseUrl());
      env.put("SIGNUP_BATCH_MS", "5");
      env.put("SIGNUP_BATCH_MAX", "40");
      env.put("DB_POOL_SIZE", "6");
      Application app = Application.start(AppConfig.fromEnvironment(env));
      others.add(app);
      bases.add("http://127.0.0.1:" + app.port());
    }
  }

  @AfterAll
  static void stopThem() {
    others.forEach(Application::close);
  }

  private record Answer(Members.Member member, int status, JsonObject body) {}

  @Test
  void sixHundredMembersOnThreeInstancesGetExactlyTheSeatsAndAContiguousWaitlist() throws Exception {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long eventId = Events.published(api, organizer.token(), Events.salon("三实例抢票 " + Events.token(), CAPACITY));
    List<Members.Member> members = Members.insert(MEMBERS, "三实例会员");
    // A few members tap twice, on two instances: still one sign-up each.
    List<Members.Member> taps = new ArrayList<>(members);
    taps.addAll(members.subList(0, 30));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();

    List<CompletableFuture<Answer>> pending = new ArrayList<>();
    for (int i = 0; i < taps.size(); i++) {
      Members.Member member = taps.get(i);
      HttpRequest request = HttpRequest.newBuilder(URI.create(bases.get(i % bases.size()) + "/api/events/" + eventId + "/rsvp"))
          .timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + member.token())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{}"))
          .build();
      pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .thenApply(r -> new Answer(member, r.statusCode(), new JsonObject(r.body()))));
    }
    List<Answer> answers = new ArrayList<>();
    for (CompletableFuture<Answer> answer : pending) {
      answers.add(answer.get());
    }

    assertEquals(List.of(), answers.stream().filter(a -> a.status() != 201 && a.status() != 200).toList(),
        "every tap is answered 200 or 201");
    assertEquals(MEMBERS, answers.stream().filter(a -> a.status() == 201).count(), "one created sign-up per member");

    Map<Long, JsonObject> stored = storedByMember(eventId);
    assertEquals(MEMBERS, stored.size(), "each member exactly one row");
    assertEquals(CAPACITY, stored.values().stream().filter(r -> "CONFIRMED".equals(r.getString("status"))).count());
    List<Integer> places = stored.values().stream().filter(r -> "WAITLISTED".equals(r.getString("status")))
        .map(r -> r.getInteger("place")).sorted().toList();
    assertEquals(IntStream.rangeClosed(1, MEMBERS - CAPACITY).boxed().toList(), places, "places 1..555, none twice");

    for (Answer answer : answers) {
      JsonObject row = stored.get(answer.member().id());
      assertEquals(row.getLong("id"), answer.body().getLong("rsvpId"), answer.body().encode());
      assertEquals(row.getString("status"), answer.body().getString("status"), answer.body().encode());
      if ("WAITLISTED".equals(row.getString("status"))) {
        assertEquals(row.getInteger("place"), answer.body().getInteger("waitlistPosition"),
            "the place told is the place stored: " + answer.body().encode());
      } else {
        assertNull(answer.body().getValue("waitlistPosition"));
      }
    }

    JsonObject main = Events.pool(Events.get(api, organizer.token(), eventId), "main");
    assertEquals(CAPACITY, main.getInteger("confirmed"));
    assertEquals(MEMBERS - CAPACITY, main.getInteger("waitlisted"), "the counters agree with the rows");
    Map<String, Integer> notices = notifications(eventId);
    assertEquals(Map.of("RSVP_CONFIRMED", CAPACITY, "RSVP_WAITLISTED", MEMBERS - CAPACITY), notices,
        "one notice per member, written with the sign-up");
    assertTrue(batchedCommits(eventId) < MEMBERS, "sign-ups shared transactions");
  }

  /** Each member's row, with its place in the waitlist by waitlist_seq. */
  private static Map<Long, JsonObject> storedByMember(long eventId) throws Exception {
    Map<Long, JsonObject> rows = new HashMap<>();
    try (Connection db = TestApp.jdbc(); PreparedStatement query = db.prepareStatement(
        "SELECT user_id, id, status, CASE WHEN status = 'WAITLISTED' THEN row_number() OVER"
            + " (PARTITION BY status ORDER BY waitlist_seq) END AS place FROM rsvps WHERE event_id = ?")) {
      query.setLong(1, eventId);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          JsonObject row = new JsonObject().put("id", rs.getLong(2)).put("status", rs.getString(3));
          if (rs.getObject(4) != null) {
            row.put("place", rs.getInt(4));
          }
          assertNull(rows.put(rs.getLong(1), row), "a second row for member " + rs.getLong(1));
        }
      }
    }
    return rows;
  }

  private static Map<String, Integer> notifications(long eventId) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    try (Connection db = TestApp.jdbc(); PreparedStatement query = db.prepareStatement(
        "SELECT kind, count(*), count(DISTINCT user_id) FROM notifications WHERE event_id = ? GROUP BY kind")) {
      query.setLong(1, eventId);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          assertEquals(rs.getInt(2), rs.getInt(3), "no member told twice");
          counts.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return counts;
  }

  /** How many transactions wrote the sign-ups: rows of one transaction share its xmin. */
  private static int batchedCommits(long eventId) throws Exception {
    try (Connection db = TestApp.jdbc(); PreparedStatement query = db.prepareStatement(
        "SELECT count(DISTINCT xmin::text) FROM rsvps WHERE event_id = ?")) {
      query.setLong(1, eventId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
