package org.queqiao.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/**
 * Approval (contract §11): sign-ups to an event with "approval": true wait for a manager, hold no
 * seat meanwhile, and an approval seats or waitlists them under the pool lock.
 */
class ApprovalTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static long approvalEvent(int capacity) {
    return Events.published(api, organizer.token(), Events.salon("审核活动 " + Events.token(), capacity)
        .put("approval", true));
  }

  private static Api.Response signUp(String token, long eventId) {
    return api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), token);
  }

  private static Api.Response decide(long eventId, long rsvpId, String what, String token) {
    return api.post("/api/events/" + eventId + "/rsvps/" + rsvpId + "/" + what, new JsonObject(), token);
  }

  private static List<String> kinds(Api.Member member, long eventId) {
    Api.Response inbox = api.get("/api/me/notifications", member.token());
    assertEquals(200, inbox.status(), inbox.body());
    return inbox.json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(n -> Long.valueOf(eventId).equals(n.getLong("eventId")))
        .map(n -> n.getString("kind")).collect(Collectors.toList());
  }

  @Test
  void theEventShowsApprovalAndAPatchTurnsItOnAndOff() {
    long plain = Events.published(api, organizer.token(), Events.salon("普通 " + Events.token(), 5));
    assertEquals(false, Events.get(api, organizer.token(), plain).getBoolean("approval"));
    assertEquals(200, api.patch("/api/events/" + plain, new JsonObject().put("approval", true), organizer.token()).status());
    assertEquals(true, Events.get(api, null, plain).getBoolean("approval"));
    assertEquals(200, api.patch("/api/events/" + plain, new JsonObject().put("title", "改名 " + Events.token()),
        organizer.token()).status());
    assertEquals(true, Events.get(api, null, plain).getBoolean("approval"), "a PATCH that does not name it keeps it");
    Api.Response bad = api.patch("/api/events/" + plain, new JsonObject().put("approval", "yes"), organizer.token());
    assertEquals(400, bad.status(), bad.body());
    assertTrue(bad.json().getJsonObject("error").getJsonObject("fields").containsKey("approval"));
  }

  @Test
  void aSignUpWaitsForApprovalThenIsConfirmedOrWaitlistedAndTheMemberIsTold() {
    long eventId = approvalEvent(1);
    Api.Member first = api.registerAndLogin();
    Api.Member second = api.registerAndLogin();
    Api.Member third = api.registerAndLogin();

    Api.Response pending = signUp(first.token(), eventId);
    assertEquals(201, pending.status(), pending.body());
    assertEquals("PENDING_APPROVAL", pending.json().getString("status"));
    assertEquals(200, signUp(first.token(), eventId).status(), "signing up again answers with the same sign-up");
    long firstId = pending.json().getLong("rsvpId");
    long secondId = signUp(second.token(), eventId).json().getLong("rsvpId");
    long thirdId = signUp(third.token(), eventId).json().getLong("rsvpId");
    JsonObject main = Events.pool(Events.get(api, organizer.token(), eventId), "main");
    assertEquals(0, main.getInteger("confirmed"), "a pending sign-up holds no seat");
    assertEquals(0, main.getInteger("waitlisted"));
    assertEquals("PENDING_APPROVAL", api.get("/api/events/" + eventId, first.token()).json()
        .getJsonObject("myRsvp").getString("status"));
    assertTrue(kinds(first, eventId).isEmpty(), "nothing to tell yet");

    Api.Response approved = decide(eventId, firstId, "approve", organizer.token());
    assertEquals(200, approved.status(), approved.body());
    assertEquals("CONFIRMED", approved.json().getString("status"));
    assertEquals(firstId, approved.json().getLong("rsvpId"));
    Api.Response waitlisted = decide(eventId, secondId, "approve", organizer.token());
    assertEquals("WAITLISTED", waitlisted.json().getString("status"), waitlisted.body());
    assertEquals(1, waitlisted.json().getInteger("waitlistPosition"));
    Api.Response declined = decide(eventId, thirdId, "decline", organizer.token());
    assertEquals(200, declined.status(), declined.body());
    assertEquals("DECLINED", declined.json().getString("status"));

    main = Events.pool(Events.get(api, organizer.token(), eventId), "main");
    assertEquals(1, main.getInteger("confirmed"));
    assertEquals(1, main.getInteger("waitlisted"));
    assertEquals(List.of("RSVP_APPROVED"), kinds(first, eventId));
    assertEquals(List.of("RSVP_APPROVED"), kinds(second, eventId));
    assertEquals(List.of("RSVP_DECLINED"), kinds(third, eventId));
    JsonObject text = api.get("/api/me/notifications", second.token()).json().getJsonArray("items").getJsonObject(0);
    assertTrue(text.getString("body").contains("1"), text.encode());

    for (long id : new long[] {firstId, secondId, thirdId}) {
      assertEquals(409, decide(eventId, id, "approve", organizer.token()).status(), "only a pending sign-up is approved");
      Api.Response again = decide(eventId, id, "decline", organizer.token());
      assertEquals(409, again.status());
      assertEquals("NOT_PENDING", again.errorCode());
    }
    assertEquals(404, decide(eventId, 999_999_999L, "approve", organizer.token()).status());

    Api.Response retry = signUp(third.token(), eventId);
    assertEquals("DECLINED", retry.json().getString("status"), "a declined member cannot simply sign up again");
    assertEquals(200, api.send("/api/events/" + eventId + "/rsvp", "DELETE", null, third.token(), Map.of()).status());
    assertEquals("DECLINED", api.get("/api/events/" + eventId, third.token()).json()
        .getJsonObject("myRsvp").getString("status"));
  }

  @Test
  void onlyManagersApproveOrDecline() {
    long eventId = approvalEvent(3);
    Api.Member member = api.registerAndLogin();
    long rsvpId = signUp(member.token(), eventId).json().getLong("rsvpId");
    Api.Member other = api.registerAndLogin();
    Api.Member otherOrganizer = Events.organizer(api, api.adminToken());
    for (String what : List.of("approve", "decline")) {
      assertEquals(403, decide(eventId, rsvpId, what, member.token()).status(), "the member themselves");
      assertEquals(403, decide(eventId, rsvpId, what, other.token()).status());
      assertEquals(403, decide(eventId, rsvpId, what, otherOrganizer.token()).status(), "another event's organiser");
      assertEquals(401, decide(eventId, rsvpId, what, null).status());
    }
    long otherEvent = approvalEvent(3);
    assertEquals(404, decide(otherEvent, rsvpId, "approve", organizer.token()).status(),
        "a sign-up of another event is not found through this one");
    assertEquals(200, decide(eventId, rsvpId, "approve", api.adminToken()).status(), "an admin manages every event");
  }

  @Test
  void aPendingMemberMayWithdrawAndTheEventPageSaysTheyWait() {
    long eventId = approvalEvent(2);
    Api.Member member = api.registerAndLogin();
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, member);
    Api.Response page = browser.get("/events/" + eventId);
    assertTrue(page.body().contains("审核") || page.body().contains("approv"), "the page says sign-ups are approved");
    Api.Response signed = browser.form("/events/" + eventId + "/rsvp", Map.of("_csrf", csrf));
    assertEquals(303, signed.status(), signed.body());
    String after = browser.get("/events/" + eventId).body();
    assertTrue(after.contains("等待组织者审核") || after.contains("will approve your place"), after);
    assertEquals(200, api.send("/api/events/" + eventId + "/rsvp", "DELETE", null, member.token(), Map.of()).status());
    assertEquals("CANCELLED", api.get("/api/events/" + eventId, member.token()).json()
        .getJsonObject("myRsvp").getString("status"));
  }

  @Test
  void theSignUpListShowsPendingOnesAndApprovesTheSelected() {
    long eventId = approvalEvent(2);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(signUp(api.registerAndLogin().token(), eventId).json().getLong("rsvpId"));
    }
    Api browser = TestApp.browser();
    Pages.signIn(browser, organizer);
    String list = browser.get("/organizer/events/" + eventId + "/rsvps").body();
    for (long id : ids) {
      assertTrue(list.contains("value=\"" + id + "\""), "a checkbox per pending sign-up");
      assertTrue(list.contains("/rsvps/" + id + "/approve") && list.contains("/rsvps/" + id + "/decline"));
    }
    String csrf = Pages.csrfOf(list);

    Api.Response one = browser.form("/organizer/events/" + eventId + "/rsvps/" + ids.get(3) + "/decline",
        Map.of("_csrf", csrf));
    assertEquals(303, one.status(), one.body());
    String body = "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)
        + ids.subList(0, 3).stream().map(id -> "&rsvpId=" + id).collect(Collectors.joining());
    Api.Response bulk = browser.send(browser.request("/organizer/events/" + eventId + "/rsvps/approve", null)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/x-www-form-urlencoded").build());
    assertEquals(303, bulk.status(), bulk.body());
    assertTrue(bulk.header("Location").orElse("").contains("approved=3"), bulk.headers().toString());

    JsonArray items = api.get("/api/events/" + eventId + "/rsvps", organizer.token()).json().getJsonArray("items");
    Map<String, Long> counts = items.stream().map(o -> ((JsonObject) o).getString("status"))
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    assertEquals(Map.of("CONFIRMED", 2L, "WAITLISTED", 1L, "DECLINED", 1L), counts);

    Api strangerBrowser = TestApp.browser();
    String strangerCsrf = Pages.signIn(strangerBrowser, api.registerAndLogin());
    Api.Response refused = strangerBrowser.form("/organizer/events/" + eventId + "/rsvps/approve",
        Map.of("_csrf", strangerCsrf, "rsvpId", String.valueOf(ids.get(0))));
    assertEquals(403, refused.status());
  }

  @Test
  void aPendingOrDeclinedMemberSeatedAtTheDoorIsConfirmed() {
    long eventId = approvalEvent(3);
    Api.Member pending = api.registerAndLogin();
    Api.Member declined = api.registerAndLogin();
    signUp(pending.token(), eventId);
    long declinedId = signUp(declined.token(), eventId).json().getLong("rsvpId");
    assertEquals(200, decide(eventId, declinedId, "decline", organizer.token()).status());
    for (Api.Member walker : List.of(pending, declined)) {
      Api.Response walkIn = api.post("/api/events/" + eventId + "/walk-ins",
          new JsonObject().put("login", walker.login()), organizer.token());
      assertEquals(201, walkIn.status(), walkIn.body());
      assertEquals("CONFIRMED", api.get("/api/events/" + eventId, walker.token()).json()
          .getJsonObject("myRsvp").getString("status"));
    }
    assertEquals(2, Events.pool(Events.get(api, organizer.token(), eventId), "main").getInteger("confirmed"));
  }

  @Test
  void theEventFormTurnsApprovalOnAndOff() {
    long eventId = Events.published(api, organizer.token(), Events.salon("表单审核 " + Events.token(), 5));
    Api browser = TestApp.browser();
    Pages.signIn(browser, organizer);
    String page = browser.get("/organizer/events/" + eventId).body();
    assertTrue(page.contains("name=\"approval\""), "the form has the approval box");
    String csrf = Pages.csrfOf(page);
    JsonObject event = Events.get(api, organizer.token(), eventId);
    Map<String, String> fields = new java.util.HashMap<>(Map.of("_csrf", csrf, "title", event.getString("title"),
        "venue", event.getString("venue"), "startsAt", event.getString("startsAt").substring(0, 16),
        "endsAt", event.getString("endsAt").substring(0, 16), "capacity", "5", "approvalShown", "1", "approval", "on"));
    Api.Response on = browser.form("/organizer/events/" + eventId, fields);
    assertEquals(303, on.status(), on.body());
    assertEquals(true, Events.get(api, null, eventId).getBoolean("approval"));
    assertTrue(browser.get("/organizer/events/" + eventId).body().contains("value=\"on\" checked"));
    fields.remove("approval");
    assertEquals(303, browser.form("/organizer/events/" + eventId, fields).status());
    assertEquals(false, Events.get(api, null, eventId).getBoolean("approval"), "an unticked box turns it off");
  }

  /** N pending sign-ups approved at once on a pool of C seats: exactly C confirmed, the rest waitlisted. */
  @RepeatedTest(2)
  void approvingManyAtOnceNeverOversellsThePool() throws Exception {
    int members = 60;
    int capacity = 15;
    long eventId = approvalEvent(capacity);
    List<Long> ids = new ArrayList<>();
    for (Members.Member m : Members.insert(members, "审核会员")) {
      Api.Response r = signUp(m.token(), eventId);
      assertEquals(201, r.status(), r.body());
      ids.add(r.json().getLong("rsvpId"));
    }
    ExecutorService threads = Executors.newFixedThreadPool(32);
    try {
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<Api.Response>> answers = new ArrayList<>();
      for (long id : ids) {
        answers.add(threads.submit(() -> {
          gate.await();
          return decide(eventId, id, "approve", organizer.token());
        }));
      }
      gate.countDown();
      int confirmed = 0;
      List<Integer> positions = new ArrayList<>();
      for (Future<Api.Response> f : answers) {
        Api.Response r = f.get(60, TimeUnit.SECONDS);
        assertEquals(200, r.status(), r.body());
        if ("CONFIRMED".equals(r.json().getString("status"))) {
          confirmed++;
        } else {
          assertEquals("WAITLISTED", r.json().getString("status"));
          positions.add(r.json().getInteger("waitlistPosition"));
        }
      }
      assertEquals(capacity, confirmed, "exactly as many confirmed as there are seats");
      assertEquals(members - capacity, positions.size());
      JsonObject main = Events.pool(Events.get(api, organizer.token(), eventId), "main");
      assertEquals(capacity, main.getInteger("confirmed"));
      assertEquals(members - capacity, main.getInteger("waitlisted"));
      assertFalse(api.get("/api/events/" + eventId + "/rsvps", organizer.token()).json().getJsonArray("items")
          .stream().anyMatch(o -> "PENDING_APPROVAL".equals(((JsonObject) o).getString("status"))));
    } finally {
      threads.shutdownNow();
    }
  }
}
