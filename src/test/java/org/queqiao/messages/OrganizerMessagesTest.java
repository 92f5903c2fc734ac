package org.queqiao.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** Messages from an event's managers to its members (contract §11), over HTTP. */
class OrganizerMessagesTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static Api.Response send(long eventId, JsonObject body, String token) {
    return api.post("/api/events/" + eventId + "/messages", body, token);
  }

  private static JsonObject message(String subject, String to) {
    return new JsonObject().put("subject", subject).put("body", "请带上您的书 {0} '引号'").put("to", to);
  }

  private static List<JsonObject> organizerMessages(Api.Member member, long eventId) {
    return api.get("/api/me/notifications", member.token()).json().getJsonArray("items").stream()
        .map(o -> (JsonObject) o)
        .filter(n -> "ORGANIZER_MESSAGE".equals(n.getString("kind")) && Long.valueOf(eventId).equals(n.getLong("eventId")))
        .toList();
  }

  @Test
  void eachChosenMemberGetsTheMessageInTheirInbox() {
    long eventId = Events.published(api, organizer.token(), Events.salon("通知会 " + Events.token(), 2));
    Api.Member a = api.registerAndLogin();
    Api.Member b = api.registerAndLogin();
    Api.Member c = api.registerAndLogin();
    Api.Member gone = api.registerAndLogin();
    Api.Member outsider = api.registerAndLogin();
    for (Api.Member m : List.of(a, b, c, gone)) {
      assertEquals(201, api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), m.token()).status());
    }
    // gone was waitlisted, then left
    assertEquals(200, api.send("/api/events/" + eventId + "/rsvp", "DELETE", null, gone.token(), Map.of()).status());

    Api.Response toConfirmed = send(eventId, message("集合地点变更", "CONFIRMED"), organizer.token());
    assertEquals(201, toConfirmed.status(), toConfirmed.body());
    assertEquals(new JsonObject().put("recipients", 2), toConfirmed.json());
    assertEquals(1, send(eventId, message("候补须知", "WAITLISTED"), organizer.token()).json().getInteger("recipients"));
    assertEquals(3, send(eventId, message("大家好", "ALL"), organizer.token()).json().getInteger("recipients"));

    assertEquals(2, organizerMessages(a, eventId).size());
    assertEquals(2, organizerMessages(c, eventId).size(), "the waitlisted member: WAITLISTED and ALL");
    assertEquals(0, organizerMessages(gone, eventId).size(), "a cancelled sign-up receives nothing");
    assertEquals(0, organizerMessages(outsider, eventId).size());
    JsonObject latest = organizerMessages(a, eventId).get(0);
    assertTrue(latest.getString("title").contains("大家好"), latest.encode());
    assertEquals("请带上您的书 {0} '引号'", latest.getString("body"), "the text arrives exactly as written");

    JsonArray log = api.get("/api/events/" + eventId + "/messages", organizer.token()).json().getJsonArray("items");
    assertEquals(List.of("大家好", "候补须知", "集合地点变更"),
        log.stream().map(o -> ((JsonObject) o).getString("subject")).toList());
  }

  @Test
  void aWrongMessageIsRefusedWithItsFields() {
    long eventId = Events.published(api, organizer.token(), Events.salon("校验 " + Events.token(), 5));
    Api.Response empty = send(eventId, new JsonObject(), organizer.token());
    assertEquals(400, empty.status(), empty.body());
    assertEquals(Set.of("subject", "body", "to"), empty.json().getJsonObject("error").getJsonObject("fields").fieldNames());
    Api.Response tooLong = send(eventId, new JsonObject().put("subject", "题".repeat(101)).put("body", "文".repeat(2001))
        .put("to", "EVERYONE"), organizer.token());
    assertEquals(Set.of("subject", "body", "to"), tooLong.json().getJsonObject("error").getJsonObject("fields").fieldNames());
    assertEquals(201, send(eventId, new JsonObject().put("subject", "题".repeat(100)).put("body", "文".repeat(2000))
        .put("to", "ALL"), organizer.token()).status(), "the limits themselves are allowed");
    Api.Response blank = send(eventId, message("   ", "ALL"), organizer.token());
    assertEquals(Set.of("subject"), blank.json().getJsonObject("error").getJsonObject("fields").fieldNames());
  }

  @Test
  void onlyManagersSendAndTheyAreThrottledPerEvent() {
    long eventId = Events.published(api, organizer.token(), Events.salon("限流 " + Events.token(), 5));
    Api.Member member = api.registerAndLogin();
    api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token());
    assertEquals(403, send(eventId, message("冒充", "ALL"), member.token()).status());
    assertEquals(403, send(eventId, message("冒充", "ALL"), Events.organizer(api, api.adminToken()).token()).status());
    assertEquals(401, send(eventId, message("冒充", "ALL"), null).status());
    assertEquals(403, api.get("/api/events/" + eventId + "/messages", member.token()).status());

    for (int i = 0; i < 10; i++) {
      assertEquals(201, send(eventId, message("第" + i + "条", "ALL"), organizer.token()).status());
    }
    Api.Response eleventh = send(eventId, message("第十一条", "ALL"), organizer.token());
    assertEquals(429, eleventh.status(), eleventh.body());
    assertTrue(eleventh.header("Retry-After").isPresent());
    assertEquals(10, organizerMessages(member, eventId).size(), "the refused one reached nobody");
    long other = Events.published(api, organizer.token(), Events.salon("另一个 " + Events.token(), 5));
    assertEquals(201, send(other, message("别的活动", "ALL"), organizer.token()).status(), "the limit is per event");
  }

  @Test
  void theOrganizersEventPageHasTheFormAndTheLog() {
    long eventId = Events.published(api, organizer.token(), Events.salon("页面 " + Events.token(), 5));
    Api.Member member = api.registerAndLogin();
    api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token());
    Api browser = TestApp.browser();
    Pages.signIn(browser, organizer);
    String page = browser.get("/organizer/events/" + eventId).body();
    assertTrue(page.contains("action=\"/organizer/events/" + eventId + "/messages\""), "the form is on the page");
    String csrf = Pages.csrfOf(page);

    Api.Response sent = browser.form("/organizer/events/" + eventId + "/messages",
        Map.of("_csrf", csrf, "subject", "表单发的消息", "body", "周六见", "to", "CONFIRMED"));
    assertEquals(303, sent.status(), sent.body());
    assertTrue(sent.header("Location").orElse("").contains("messageSent=1"), sent.headers().toString());
    String after = browser.get(sent.header("Location").orElseThrow()).body();
    assertTrue(after.contains("表单发的消息") && after.contains("周六见"), "the log shows it");
    assertEquals(1, organizerMessages(member, eventId).size());

    Api.Response bad = browser.form("/organizer/events/" + eventId + "/messages",
        Map.of("_csrf", csrf, "subject", "", "body", "x", "to", "ALL"));
    assertEquals(303, bad.status());
    assertTrue(bad.header("Location").orElse("").contains("messageError="));
    assertEquals(1, organizerMessages(member, eventId).size());
  }
}
