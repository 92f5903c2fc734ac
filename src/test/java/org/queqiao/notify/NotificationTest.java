package org.queqiao.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Pages;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** Each kind of notification appears in the right inboxes because of its cause, and only then. */
class NotificationTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void makeOrganizer() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static JsonArray inbox(Api.Member member) {
    Api.Response response = api.get("/api/me/notifications", member.token());
    assertEquals(200, response.status(), response.body());
    return response.json().getJsonArray("items");
  }

  private static List<String> kinds(Api.Member member, long eventId) {
    return inbox(member).stream().map(o -> (JsonObject) o)
        .filter(n -> Long.valueOf(eventId).equals(n.getLong("eventId")))
        .map(n -> n.getString("kind")).collect(Collectors.toList());
  }

  private static JsonObject latest(Api.Member member, String kind) {
    return inbox(member).stream().map(o -> (JsonObject) o).filter(n -> kind.equals(n.getString("kind")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + inbox(member)));
  }

  @Test
  void signUpsPromotionsChangesAndCancellationReachTheRightMembers() {
    String title = "读书会" + Events.token();
    long id = Events.published(api, organizer.token(), Events.salon(title, 1));
    Api.Member first = api.registerAndLogin();
    Api.Member second = api.registerAndLogin();
    Api.Member third = api.registerAndLogin();

    Api.Response signed = api.post("/api/events/" + id + "/rsvp", null, first.token());
    assertEquals(201, signed.status(), signed.body());
    assertEquals(List.of("RSVP_CONFIRMED"), kinds(first, id), inbox(first).encode() + " event " + id);
    JsonObject confirmed = latest(first, "RSVP_CONFIRMED");
    assertTrue(confirmed.getString("title").contains(title), confirmed.encode());
    assertFalse(confirmed.getBoolean("read"));
    assertEquals(id, confirmed.getLong("eventId"));

    api.post("/api/events/" + id + "/rsvp", null, second.token());
    assertEquals(List.of("RSVP_WAITLISTED"), kinds(second, id));
    assertTrue(latest(second, "RSVP_WAITLISTED").getString("body").contains("第 1 位"));
    api.post("/api/events/" + id + "/rsvp", null, second.token());
    assertEquals(1, kinds(second, id).size(), "a repeated sign-up changes nothing and tells nothing");

    api.send("/api/events/" + id + "/rsvp", "DELETE", null, first.token(), Map.of());
    assertEquals(List.of("PROMOTED_FROM_WAITLIST", "RSVP_WAITLISTED"), kinds(second, id));

    api.post("/api/events/" + id + "/rsvp", null, third.token());
    Api.Response raised = api.patch("/api/events/" + id, new JsonObject().put("capacity", 2), organizer.token());
    assertEquals(200, raised.status(), raised.body());
    assertEquals(List.of("PROMOTED_FROM_WAITLIST", "RSVP_WAITLISTED"), kinds(third, id), "a larger capacity promotes too");

    api.patch("/api/events/" + id, new JsonObject().put("title", title + "（新书）"), organizer.token());
    assertFalse(kinds(second, id).contains("EVENT_CHANGED"), "a new title is no news");
    api.patch("/api/events/" + id, new JsonObject().put("venue", "新馆二楼"), organizer.token());
    assertEquals("EVENT_CHANGED", kinds(second, id).get(0));
    assertTrue(latest(third, "EVENT_CHANGED").getString("body").contains("新馆二楼"));
    assertFalse(kinds(first, id).contains("EVENT_CHANGED"), "not to someone who cancelled");

    api.post("/api/events/" + id + "/cancel", new JsonObject().put("reason", "场馆维修"), organizer.token());
    assertEquals("EVENT_CANCELLED", kinds(second, id).get(0));
    assertTrue(latest(third, "EVENT_CANCELLED").getString("body").contains("场馆维修"));
    assertFalse(kinds(first, id).contains("EVENT_CANCELLED"));
    assertEquals(List.of(), kinds(organizer, id), "the organiser's own actions do not fill their inbox");
  }

  @Test
  void leavingACancelledEventPromotesNobody() {
    long id = Events.published(api, organizer.token(), Events.salon("停办 " + Events.token(), 1));
    Api.Member seated = api.registerAndLogin();
    Api.Member waiting = api.registerAndLogin();
    api.post("/api/events/" + id + "/rsvp", null, seated.token());
    api.post("/api/events/" + id + "/rsvp", null, waiting.token());
    api.post("/api/events/" + id + "/cancel", new JsonObject().put("reason", "暴雨"), organizer.token());

    Api.Response left = api.send("/api/events/" + id + "/rsvp", "DELETE", null, seated.token(), Map.of());

    assertEquals(200, left.status(), left.body());
    assertEquals(List.of("EVENT_CANCELLED", "RSVP_WAITLISTED"), kinds(waiting, id), "no promotion to a cancelled event");
    JsonObject mine = api.get("/api/events/" + id, waiting.token()).json().getJsonObject("myRsvp");
    assertEquals("WAITLISTED", mine.getString("status"));
  }

  @Test
  void textsComeInTheReadersLanguage() {
    String title = "Salon" + Events.token();
    long id = Events.published(api, organizer.token(), Events.salon(title, 5));
    Api.Member member = api.registerAndLogin();
    api.post("/api/events/" + id + "/rsvp", null, member.token());
    Api.Response english = api.send("/api/me/notifications", "GET", null, member.token(),
        Map.of("Accept-Language", "en"));
    JsonObject n = english.json().getJsonArray("items").getJsonObject(0);
    assertEquals("You are signed up: " + title, n.getString("title"));
    assertTrue(latest(member, "RSVP_CONFIRMED").getString("title").startsWith("报名成功"));
  }

  @Test
  void aReminderIsWrittenOnceForEachConfirmedMemberOfAnEventStartingSoon() throws Exception {
    OffsetDateTime soon = OffsetDateTime.now(Events.CHINA).plusHours(3).withNano(0);
    long id = Events.published(api, organizer.token(), Events.body("READING_SALON", "提醒" + Events.token(), soon)
        .put("capacity", 1));
    Api.Member confirmed = api.registerAndLogin();
    Api.Member waiting = api.registerAndLogin();
    api.post("/api/events/" + id + "/rsvp", null, confirmed.token());
    api.post("/api/events/" + id + "/rsvp", null, waiting.token());
    long later = Events.published(api, organizer.token(), Events.salon("下周" + Events.token(), 5));
    api.post("/api/events/" + later + "/rsvp", null, confirmed.token());

    TestApp.makeJobDue("event-reminders");
    assertTrue(waitFor(() -> kinds(confirmed, id).contains("EVENT_REMINDER")), "the reminder arrives");
    TestApp.makeJobDue("event-reminders");
    Thread.sleep(2500);
    assertEquals(1, kinds(confirmed, id).stream().filter("EVENT_REMINDER"::equals).count(), "and only once");
    assertFalse(kinds(waiting, id).contains("EVENT_REMINDER"), "waitlisted members are not reminded");
    assertFalse(kinds(confirmed, later).contains("EVENT_REMINDER"), "events further away are not yet due");
  }

  @Test
  void membersMarkTheirOwnNotificationsReadAndNoOneElses() {
    long id = Events.published(api, organizer.token(), Events.salon("已读" + Events.token(), 5));
    Api.Member member = api.registerAndLogin();
    Api.Member other = api.registerAndLogin();
    api.post("/api/events/" + id + "/rsvp", null, member.token());
    api.post("/api/events/" + id + "/rsvp", null, other.token());
    long mine = latest(member, "RSVP_CONFIRMED").getLong("id");
    long theirs = latest(other, "RSVP_CONFIRMED").getLong("id");
    assertEquals(1, api.get("/api/me/notifications", member.token()).json().getLong("unread"));

    assertEquals(204, api.post("/api/me/notifications/read",
        new JsonObject().put("ids", new JsonArray().add(mine).add(theirs)), member.token()).status());
    assertEquals(0, api.get("/api/me/notifications", member.token()).json().getLong("unread"));
    assertEquals(1, api.get("/api/me/notifications", other.token()).json().getLong("unread"),
        "naming someone else's notification changes nothing of theirs");

    assertEquals(400, api.post("/api/me/notifications/read", new JsonObject().put("ids", "all"), other.token()).status());
    assertEquals(204, api.post("/api/me/notifications/read", new JsonObject().put("all", true), other.token()).status());
    assertEquals(0, api.get("/api/me/notifications", other.token()).json().getLong("unread"));
    assertEquals(401, TestApp.api().get("/api/me/notifications").status());
  }

  @Test
  void theInboxPageAndTheHeaderBadgeShowUnreadNotifications() {
    long id = Events.published(api, organizer.token(), Events.salon("徽章" + Events.token(), 5));
    Api.Member member = api.registerAndLogin();
    api.post("/api/events/" + id + "/rsvp", null, member.token());
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, member);

    String home = browser.get("/").body();
    assertTrue(home.contains("class=\"unread-badge\""), "the header shows the unread count");
    assertTrue(home.matches("(?s).*class=\"unread-badge\"[^>]*>1</span>.*"), "one unread notification");
    // A page drawn after a form was refused (a POST, where the count is read when the page is drawn).
    Api.Response refused = browser.form("/me/profile", Map.of("_csrf", csrf, "displayName", "", "birthYear", "abc"));
    assertEquals(400, refused.status());
    assertTrue(refused.body().matches("(?s).*class=\"unread-badge\"[^>]*>1</span>.*"), "the badge on a refused form");
    String inbox = browser.get("/me/notifications").body();
    assertTrue(inbox.contains("报名成功"));
    assertTrue(inbox.contains("href=\"/events/" + id + "\""));

    assertEquals(303, browser.form("/me/notifications/read", Map.of("_csrf", csrf)).status());
    assertFalse(browser.get("/").body().contains("class=\"unread-badge\""));
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }
}
