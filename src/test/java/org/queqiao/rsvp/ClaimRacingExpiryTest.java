package org.queqiao.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/**
 * Claims racing the expiry job across the deadline: for every offer exactly one of the two
 * outcomes happens — claimed (and the next in line keeps waiting) or expired (and the next in line
 * is offered the seat) — and no pool ever holds more seats than it has.
 */
class ClaimRacingExpiryTest {
  private static final int EVENTS = 8;
  private static final int CLAIMS_PER_EVENT = 6;

  private record Race(long eventId, Members.Member offered, Members.Member next) {}

  @Test
  void everyOfferEndsClaimedOrPassedOnNeverBoth() throws Exception {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    List<Members.Member> members = Members.insert(EVENTS * 3, "抢座");
    List<Race> races = new ArrayList<>();
    for (int e = 0; e < EVENTS; e++) {
      long id = Events.published(api, organizer.token(), Events.salon("抢座 " + Events.token(), 1).put("offerHours", 1));
      Members.Member seated = members.get(3 * e);
      Members.Member offered = members.get(3 * e + 1);
      Members.Member next = members.get(3 * e + 2);
      for (Members.Member m : List.of(seated, offered, next)) {
        assertEquals(201, api.post("/api/events/" + id + "/rsvp", null, m.token()).status());
      }
      assertEquals(200, api.send("/api/events/" + id + "/rsvp", "DELETE", null, seated.token(), Map.of()).status());
      races.add(new Race(id, offered, next));
    }
    // Deadlines from 0.5 s to 4 s from now, in one statement, so the claims (0.7 s to 4.5 s) land on both sides.
    try (var db = TestApp.jdbc(); var st = db.prepareStatement("UPDATE rsvps r SET offer_expires_at = now()"
        + " + make_interval(secs => 0.5 + 0.5 * (array_position(?::bigint[], r.event_id) - 1))"
        + " WHERE r.event_id = ANY(?::bigint[]) AND r.status = 'OFFERED'")) {
      var ids = db.createArrayOf("bigint", races.stream().map(Race::eventId).toArray());
      st.setArray(1, ids);
      st.setArray(2, ids);
      assertEquals(EVENTS, st.executeUpdate());
    }
    ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
    Map<Long, ConcurrentLinkedQueue<Integer>> claimed = new java.util.concurrent.ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long start = System.currentTimeMillis();
    for (Race race : races) {
      claimed.put(race.eventId(), new ConcurrentLinkedQueue<>());
      for (int i = 0; i < CLAIMS_PER_EVENT; i++) {
        // Spread across the deadline: some before it, some at it, some after.
        long at = start + 700L + (long) (Math.random() * 3800);
        pool.submit(() -> {
          sleepUntil(at);
          Api.Response r = api.post("/api/events/" + race.eventId() + "/rsvp/claim", null, race.offered().token());
          claimed.get(race.eventId()).add(r.status());
          answers.add(r.status() + " " + r.body());
        });
      }
    }
    pool.submit(() -> {
      for (int i = 0; i < 25; i++) {
        TestApp.makeJobDue("seat-offer-expiry");
        sleepUntil(System.currentTimeMillis() + 200);
      }
    });
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    SeatFixture.runJobOnce("seat-offer-expiry");

    int claims = 0;
    int expiries = 0;
    for (Race race : races) {
      List<Integer> statuses = new ArrayList<>(claimed.get(race.eventId()));
      assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), answers.toString());
      String offeredStatus = SeatFixture.myRsvp(api, race.offered().token(), race.eventId()).getString("status");
      String nextStatus = SeatFixture.myRsvp(api, race.next().token(), race.eventId()).getString("status");
      long expiredNotices = SeatFixture.countKind(api, race.offered().token(), race.eventId(), "OFFER_EXPIRED");
      long offersToNext = SeatFixture.countKind(api, race.next().token(), race.eventId(), "SEAT_OFFERED");
      if (statuses.contains(200)) {
        claims++;
        assertEquals("CONFIRMED", offeredStatus);
        assertEquals("WAITLISTED", nextStatus, "a claimed seat is not passed on");
        assertEquals(0, expiredNotices);
        assertEquals(0, offersToNext);
      } else {
        expiries++;
        assertEquals("OFFER_EXPIRED", offeredStatus);
        assertEquals("OFFERED", nextStatus);
        assertEquals(1, expiredNotices);
        assertEquals(1, offersToNext, "passed on exactly once");
      }
      SeatFixture.assertPoolsHold(race.eventId());
    }
    assertEquals(EVENTS, claims + expiries);
    assertTrue(claims > 0 && expiries > 0, "both outcomes happened: " + claims + " claimed, " + expiries + " expired");
  }

  private static void sleepUntil(long at) {
    long wait = at - System.currentTimeMillis();
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
