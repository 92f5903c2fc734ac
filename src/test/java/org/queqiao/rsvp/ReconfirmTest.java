package org.queqiao.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.queqiao.rsvp.SeatFixture.count;
import static org.queqiao.rsvp.SeatFixture.status;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** Reconfirmation (contract §12): asked once n hours before; unreconfirmed seats released at n/2 hours. */
class ReconfirmTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void setUp() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static long eventWith(int capacity, JsonObject rules, Api.Member... members) {
    long id = Events.published(api, organizer.token(), Events.salon("再确认 " + Events.token(), capacity).mergeIn(rules));
    for (Api.Member m : members) {
      assertEquals(201, api.post("/api/events/" + id + "/rsvp", null, m.token()).status());
    }
    SeatFixture.confirmedLongAgo(id);
    return id;
  }

  private static Api.Response reconfirm(long id, String token) {
    return api.post("/api/events/" + id + "/rsvp/reconfirm", null, token);
  }

  @Test
  void confirmedMembersAreAskedOnceAndReconfirmWithOneTap() {
    Api.Member first = api.registerAndLogin();
    Api.Member second = api.registerAndLogin();
    Api.Member waiting = api.registerAndLogin();
    long id = eventWith(2, new JsonObject().put("reconfirmHours", 2), first, second, waiting);
    SeatFixture.startsIn(id, 90);

    SeatFixture.runJobUntil("reconfirm-requests", () -> count(api, second, id, "RECONFIRM_REQUESTED") == 1);
    SeatFixture.runJobOnce("reconfirm-requests");
    SeatFixture.runJobOnce("reconfirm-requests");
    assertEquals(1, count(api, first, id, "RECONFIRM_REQUESTED"), "asked once");
    assertEquals(1, count(api, second, id, "RECONFIRM_REQUESTED"));
    assertEquals(0, count(api, waiting, id, "RECONFIRM_REQUESTED"), "the waitlist is not asked");
    assertTrue(SeatFixture.myRsvp(api, first.token(), id).getBoolean("reconfirmRequested"));

    Api.Response kept = reconfirm(id, first.token());
    assertEquals(200, kept.status(), kept.body());
    assertTrue(kept.json().getBoolean("reconfirmed"));
    assertEquals(200, reconfirm(id, first.token()).status(), "reconfirming again is harmless");
    Api.Response refused = reconfirm(id, waiting.token());
    assertEquals(409, refused.status());
    assertEquals("NOT_CONFIRMED", refused.errorCode());

    Api browser = TestApp.browser();
    Pages.signIn(browser, second);
    String page = browser.get("/events/" + id).body();
    assertTrue(page.contains("请确认你会参加") && page.contains("/events/" + id + "/rsvp/reconfirm"), page);
    assertTrue(browser.get("/events/" + id + "?lang=en").body().contains("I will come"));
    Api.Response tapped = browser.form("/events/" + id + "/rsvp/reconfirm", Map.of("_csrf", Pages.csrfOf(page)));
    assertEquals(303, tapped.status(), tapped.body());
    assertTrue(SeatFixture.myRsvp(api, second.token(), id).getBoolean("reconfirmed"));
  }

  @Test
  void seatsNotReconfirmedInTimeGoToTheWaitlistAsOffers() {
    Api.Member keeps = api.registerAndLogin();
    Api.Member forgets = api.registerAndLogin();
    Api.Member waiting = api.registerAndLogin();
    long id = eventWith(2, new JsonObject().put("reconfirmHours", 2).put("offerHours", 1), keeps, forgets, waiting);
    SeatFixture.startsIn(id, 90);
    SeatFixture.runJobUntil("reconfirm-requests", () -> count(api, forgets, id, "RECONFIRM_REQUESTED") == 1);
    assertEquals(200, reconfirm(id, keeps.token()).status());

    SeatFixture.startsIn(id, 50);
    SeatFixture.runJobUntil("reconfirm-releases", () -> "RELEASED".equals(status(api, forgets, id)));
    SeatFixture.runJobOnce("reconfirm-releases");

    assertEquals("CONFIRMED", status(api, keeps, id));
    assertEquals(1, count(api, forgets, id, "SEAT_RELEASED"));
    assertEquals("OFFERED", status(api, waiting, id), "with offerHours the freed seat is offered");
    assertEquals(1, count(api, waiting, id, "SEAT_OFFERED"));
    SeatFixture.assertPoolsHold(id);
    assertEquals(409, reconfirm(id, forgets.token()).status(), "too late to keep a released seat");
    Api.Response renewed = api.post("/api/events/" + id + "/rsvp", null, forgets.token());
    assertEquals(201, renewed.status());
    assertEquals("WAITLISTED", renewed.json().getString("status"));
  }

  @Test
  void releaseRacingReconfirmationAndCancellationFreesEachSeatOnce() throws Exception {
    int capacity = 10;
    List<Members.Member> seated = Members.insert(capacity, "确认");
    List<Members.Member> waiting = Members.insert(15, "候补");
    long id = Events.published(api, organizer.token(), Events.salon("赛跑 " + Events.token(), capacity)
        .put("reconfirmHours", 2));
    for (Members.Member m : seated) {
      assertEquals(201, api.post("/api/events/" + id + "/rsvp", null, m.token()).status());
    }
    for (Members.Member m : waiting) {
      assertEquals(201, api.post("/api/events/" + id + "/rsvp", null, m.token()).status());
    }
    SeatFixture.confirmedLongAgo(id);
    SeatFixture.startsIn(id, 90);
    SeatFixture.runJobUntil("reconfirm-requests",
        () -> SeatFixture.countKind(api, seated.get(capacity - 1).token(), id, "RECONFIRM_REQUESTED") == 1);
    SeatFixture.startsIn(id, 50);

    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<java.util.concurrent.Future<Api.Response>> reconfirms = new ArrayList<>();
    for (int i = 0; i < capacity; i++) {
      Members.Member m = seated.get(i);
      pool.submit(() -> api.send("/api/events/" + id + "/rsvp", "DELETE", null, m.token(), Map.of()));
      if (i < 6) {
        reconfirms.add(pool.submit(() -> reconfirm(id, m.token())));
      }
    }
    pool.submit(() -> TestApp.makeJobDue("reconfirm-releases"));
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    for (var r : reconfirms) {
      int answered = r.get().status();
      assertTrue(answered == 200 || answered == 409, r.get().toString());
    }
    SeatFixture.runJobOnce("reconfirm-releases");

    Map<String, Integer> counts = SeatFixture.statuses(id);
    assertEquals(capacity, counts.getOrDefault("CONFIRMED", 0), SeatFixture.describe(counts));
    assertEquals(5, counts.getOrDefault("WAITLISTED", 0), "each freed seat went to the waitlist once: "
        + SeatFixture.describe(counts));
    for (Members.Member m : seated) {
      String s = SeatFixture.myRsvp(api, m.token(), id).getString("status");
      assertTrue(s.equals("CANCELLED") || s.equals("RELEASED"), s);
    }
    for (Members.Member m : waiting.subList(0, capacity)) {
      assertEquals(1, SeatFixture.countKind(api, m.token(), id, "PROMOTED_FROM_WAITLIST"));
    }
    SeatFixture.assertPoolsHold(id);
  }
}
