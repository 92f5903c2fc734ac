package org.queqiao.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/** Lottery mode over HTTP (contract §12): applying, the manager's draw and its refusals, the result. */
class LotteryApiTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static long lottery(JsonObject body) {
    return Events.published(api, organizer.token(), body);
  }

  @Test
  void anApplicationHoldsNoSeatGetsANumberAndMayBeWithdrawnBeforeTheDraw() {
    long eventId = lottery(Lotteries.salon("抽签读书会 " + Events.token(), 2));
    JsonObject event = Events.get(api, null, eventId);
    assertEquals("LOTTERY", event.getString("allocation"));
    List<Members.Member> people = Members.insert(3, "李");

    Api.Response applied = Lotteries.apply(api, people.get(0).token(), eventId, new JsonObject());
    assertEquals(201, applied.status(), applied.body());
    assertEquals("APPLIED", applied.json().getString("status"));
    assertNull(applied.json().getValue("waitlistPosition"));
    Api.Response again = Lotteries.apply(api, people.get(0).token(), eventId, new JsonObject());
    assertEquals(200, again.status(), "applying twice changes nothing: " + again.body());
    assertEquals(201, Lotteries.apply(api, people.get(1).token(), eventId, new JsonObject()).status());

    JsonObject pool = Events.pool(Events.get(api, null, eventId), "main");
    assertEquals(0, pool.getInteger("confirmed"), "an application holds no seat");
    assertEquals(0, pool.getInteger("waitlisted"), "nor a waitlist place");

    JsonObject mine = api.get("/api/events/" + eventId + "/draw", people.get(1).token()).json();
    assertEquals(2, mine.getJsonObject("mine").getInteger("number"), "numbers are given in order of applying");
    assertEquals("APPLIED", mine.getJsonObject("mine").getString("status"));
    assertEquals(false, mine.getBoolean("drawn"));
    assertNull(mine.getValue("secret"), "the secret stays hidden until the draw");
    assertTrue(mine.getString("commitment").matches("[0-9a-f]{64}"));
    assertEquals(2, mine.getInteger("applicants"));
    assertNull(api.get("/api/events/" + eventId + "/draw", people.get(2).token()).json().getValue("mine"),
        "someone who did not apply has no number");

    Api.Response withdrawn = api.send("/api/events/" + eventId + "/rsvp", "DELETE", null, people.get(0).token(), Map.of());
    assertEquals(200, withdrawn.status(), withdrawn.body());
    assertEquals("CANCELLED", withdrawn.json().getString("status"));
    assertEquals(1, api.get("/api/events/" + eventId + "/draw", null).json().getInteger("applicants"));
  }

  @Test
  void aLotteryNeedsAClosingTimeRefusesApprovalAndKeepsItsAllocationOnceSomeoneApplied() {
    Api.Response noClose = api.post("/api/events", Events.salon("无截止 " + Events.token(), 5).put("allocation", "LOTTERY"),
        organizer.token());
    assertEquals(400, noClose.status(), noClose.body());
    assertTrue(noClose.json().getJsonObject("error").getJsonObject("fields").containsKey("registrationClosesAt"));
    Api.Response withApproval = api.post("/api/events", Lotteries.salon("审核 " + Events.token(), 5).put("approval", true),
        organizer.token());
    assertEquals(400, withApproval.status(), withApproval.body());
    Api.Response unknown = api.post("/api/events", Lotteries.salon("未知 " + Events.token(), 5).put("allocation", "AUCTION"),
        organizer.token());
    assertEquals(400, unknown.status(), unknown.body());
    assertTrue(unknown.json().getJsonObject("error").getJsonObject("fields").containsKey("allocation"));

    long eventId = lottery(Lotteries.salon("改方式 " + Events.token(), 5));
    Members.Member member = Members.insert(1, "王").get(0);
    assertEquals(201, Lotteries.apply(api, member.token(), eventId, new JsonObject()).status());
    Api.Response switched = api.patch("/api/events/" + eventId, new JsonObject().put("allocation", "FIRST_COME"),
        organizer.token());
    assertEquals(409, switched.status(), switched.body());
    assertEquals("ALLOCATION_FIXED", switched.errorCode());
    assertEquals("LOTTERY", Events.get(api, null, eventId).getString("allocation"));
  }

  @Test
  void onlyAManagerDrawsOnlyAfterRegistrationClosedAndOnlyOnce() {
    long eventId = lottery(Lotteries.salon("手动抽签 " + Events.token(), 1));
    List<Members.Member> people = Members.insert(3, "赵");
    people.forEach(p -> assertEquals(201, Lotteries.apply(api, p.token(), eventId, new JsonObject()).status()));

    assertEquals(401, api.post("/api/events/" + eventId + "/draw", null, null).status());
    assertEquals(403, api.post("/api/events/" + eventId + "/draw", null, people.get(0).token()).status());
    Api.Response early = api.post("/api/events/" + eventId + "/draw", null, organizer.token());
    assertEquals(409, early.status(), early.body());
    assertEquals("REGISTRATION_OPEN", early.errorCode());

    Lotteries.closeRegistration(eventId);
    Api.Response drawn = api.post("/api/events/" + eventId + "/draw", null, organizer.token());
    assertEquals(200, drawn.status(), drawn.body());
    assertEquals(3, drawn.json().getJsonArray("results").size());
    Api.Response twice = api.post("/api/events/" + eventId + "/draw", null, organizer.token());
    assertEquals(409, twice.status(), twice.body());
    assertEquals("ALREADY_DRAWN", twice.errorCode());
    assertEquals(3, Lotteries.count("SELECT count(*) FROM lottery_results WHERE event_id = ?", eventId));

    Api.Response late = Lotteries.apply(api, Members.insert(1, "晚").get(0).token(), eventId, new JsonObject());
    assertEquals(409, late.status(), "after the draw nobody applies: " + late.body());
    long plain = lottery(Events.salon("先到先得 " + Events.token(), 3));
    Api.Response firstCome = api.post("/api/events/" + plain + "/draw", null, organizer.token());
    assertEquals(404, firstCome.status(), firstCome.body());
    assertEquals("NOT_A_LOTTERY", firstCome.errorCode());
    assertEquals("NOT_A_LOTTERY", api.get("/api/events/" + plain + "/draw", null).errorCode());
  }

  @Test
  void theDrawFillsEachPoolWaitlistsTheRestInDrawOrderAndTellsEachApplicantOnce() {
    long eventId = lottery(Lotteries.salon("分组抽签 " + Events.token(), 0).put("capacity", null)
        .put("pools", Events.pools("red", "红队", 2, "blue", "蓝队", 3)));
    List<Members.Member> people = Members.insert(12, "陈");
    Map<Long, String> poolOf = new HashMap<>();
    for (int i = 0; i < people.size(); i++) {
      String pool = i % 3 == 0 ? "blue" : "red";
      poolOf.put(people.get(i).id(), pool);
      assertEquals(201, Lotteries.apply(api, people.get(i).token(), eventId, new JsonObject().put("pool", pool)).status());
    }
    Lotteries.closeRegistration(eventId);
    Api.Response drawn = api.post("/api/events/" + eventId + "/draw", null, organizer.token());
    assertEquals(200, drawn.status(), drawn.body());

    JsonObject published = api.get("/api/events/" + eventId + "/draw", null).json();
    assertEquals(12, published.getJsonArray("results").size());
    Set<Integer> numbers = new HashSet<>();
    Map<String, Integer> won = new HashMap<>();
    for (Object o : published.getJsonArray("results")) {
      JsonObject r = (JsonObject) o;
      assertTrue(numbers.add(r.getInteger("number")), "each applicant once");
      assertEquals("陈*", r.getString("maskedName"), "names are masked to their first character");
      if ("CONFIRMED".equals(r.getString("status"))) {
        won.merge(r.getString("pool"), 1, Integer::sum);
      }
    }
    assertEquals(Map.of("red", 2, "blue", 3), won, "each pool filled to its capacity, no more");
    JsonObject event = Events.get(api, null, eventId);
    assertEquals(2, Events.pool(event, "red").getInteger("confirmed"));
    assertEquals(6, Events.pool(event, "red").getInteger("waitlisted"));
    assertEquals(3, Events.pool(event, "blue").getInteger("confirmed"));
    assertEquals(1, Events.pool(event, "blue").getInteger("waitlisted"));

    for (Members.Member p : people) {
      JsonObject mine = api.get("/api/events/" + eventId, p.token()).json().getJsonObject("myRsvp");
      JsonObject drawnMine = api.get("/api/events/" + eventId + "/draw", p.token()).json().getJsonObject("mine");
      assertEquals(drawnMine.getString("status"), mine.getString("status"), "the sign-up is what the draw said");
      assertEquals(poolOf.get(p.id()), mine.getString("pool"));
      assertEquals(drawnMine.getValue("waitlistPosition") == null ? null : drawnMine.getInteger("waitlistPosition"),
          mine.getInteger("waitlistPosition"), "the waitlist follows the draw order");
      String kind = "CONFIRMED".equals(mine.getString("status")) ? "LOTTERY_WON" : "LOTTERY_WAITLISTED";
      assertEquals(1, Lotteries.count("SELECT count(*) FROM notifications WHERE event_id = ? AND user_id = "
          + p.id() + " AND kind LIKE 'LOTTERY_%'", eventId), "one result notification for " + p.displayName());
      assertEquals(1, Lotteries.count("SELECT count(*) FROM notifications WHERE event_id = ? AND user_id = "
          + p.id() + " AND kind = '" + kind + "'", eventId));
    }

    JsonObject winner = published.getJsonArray("results").stream().map(o -> (JsonObject) o)
        .filter(r -> "red".equals(r.getString("pool")) && "CONFIRMED".equals(r.getString("status"))).findFirst().orElseThrow();
    JsonObject nextInRed = published.getJsonArray("results").stream().map(o -> (JsonObject) o)
        .filter(r -> "red".equals(r.getString("pool")) && r.getInteger("position") == 3).findFirst().orElseThrow();
    Members.Member leaving = people.stream().filter(p -> api.get("/api/events/" + eventId + "/draw", p.token()).json()
        .getJsonObject("mine").getInteger("number").equals(winner.getInteger("number"))).findFirst().orElseThrow();
    // Found before the winner leaves: afterwards the leaver has no "mine" in the draw any more.
    Members.Member promoted = people.stream().filter(p -> api.get("/api/events/" + eventId + "/draw", p.token()).json()
        .getJsonObject("mine").getInteger("number").equals(nextInRed.getInteger("number"))).findFirst().orElseThrow();
    assertEquals(200, api.send("/api/events/" + eventId + "/rsvp", "DELETE", null, leaving.token(), Map.of()).status());
    assertEquals("CONFIRMED", api.get("/api/events/" + eventId, promoted.token()).json().getJsonObject("myRsvp")
        .getString("status"), "a freed seat goes to the next in draw order");
    assertNotNull(published.getString("seed"));
  }
}
