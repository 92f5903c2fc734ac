package org.queqiao.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** Per-member channels per kind and the SMS daily cap (contract §19), and what they do to the outbox. */
class NotificationSettingsTest {
  private final Api api = TestApp.api();

  private static JsonObject choice(boolean email, boolean sms) {
    return new JsonObject().put("email", email).put("sms", sms);
  }

  @Test
  void defaultsAreReadAndChangesAreKeptPerMember() {
    Api.Member member = api.registerAndLogin();
    Api.Member other = api.registerAndLogin();
    JsonObject defaults = api.get("/api/me/notification-settings", member.token()).json();
    assertEquals(5, defaults.getInteger("smsDailyCap"));
    assertEquals(choice(true, true), defaults.getJsonObject("kinds").getJsonObject("EVENT_CANCELLED"));
    assertEquals(choice(true, false), defaults.getJsonObject("kinds").getJsonObject("RSVP_CONFIRMED"),
        "a confirmation never goes by SMS");
    assertEquals(NotificationKind.values().length, defaults.getJsonObject("kinds").size());

    Api.Response saved = api.put("/api/me/notification-settings", new JsonObject()
        .put("kinds", new JsonObject().put("EVENT_CANCELLED", choice(false, false)).put("SURVEY", choice(false, false)))
        .put("smsDailyCap", 2), member.token());
    assertEquals(200, saved.status(), saved.body());
    JsonObject now = api.get("/api/me/notification-settings", member.token()).json();
    assertEquals(2, now.getInteger("smsDailyCap"));
    assertEquals(choice(false, false), now.getJsonObject("kinds").getJsonObject("EVENT_CANCELLED"));
    assertEquals(choice(false, false), now.getJsonObject("kinds").getJsonObject("SURVEY"));
    assertEquals(choice(true, true), now.getJsonObject("kinds").getJsonObject("EVENT_REMINDER"), "others unchanged");
    assertEquals(defaults, api.get("/api/me/notification-settings", other.token()).json(), "another member's stay");
  }

  @Test
  void badSettingsAreRefusedFieldByField() {
    Api.Member member = api.registerAndLogin();
    Api.Response refused = api.put("/api/me/notification-settings", new JsonObject()
        .put("kinds", new JsonObject().put("RSVP_CONFIRMED", choice(true, true)).put("NO_SUCH_KIND", choice(true, false))
            .put("EVENT_REMINDER", new JsonObject().put("email", "yes").put("sms", true)))
        .put("smsDailyCap", 11), member.token());
    assertEquals(400, refused.status(), refused.body());
    JsonObject fields = refused.json().getJsonObject("error").getJsonObject("fields");
    assertTrue(fields.containsKey("kinds.RSVP_CONFIRMED.sms"), fields.encode());
    assertTrue(fields.containsKey("kinds.NO_SUCH_KIND"), fields.encode());
    assertTrue(fields.containsKey("kinds.EVENT_REMINDER"), fields.encode());
    assertTrue(fields.containsKey("smsDailyCap"), fields.encode());
    assertEquals(5, api.get("/api/me/notification-settings", member.token()).json().getInteger("smsDailyCap"),
        "nothing was saved");
    assertEquals(401, api.get("/api/me/notification-settings", null).status());
  }

  @Test
  void anSmsIsQueuedOnlyForKindsNotTurnedOffAndUpToTheDailyCap() {
    Api.Member optedOut = api.registerAndLogin();
    Api.Member capped = api.registerAndLogin();
    Api.Member plain = api.registerAndLogin();
    assertEquals(200, api.put("/api/me/notification-settings", new JsonObject()
        .put("kinds", new JsonObject().put("EVENT_CANCELLED", choice(true, false))), optedOut.token()).status());
    assertEquals(200, api.put("/api/me/notification-settings", new JsonObject().put("smsDailyCap", 1),
        capped.token()).status());
    Api.Member organizer = Events.organizer(api, api.adminToken());
    for (int i = 0; i < 2; i++) {
      long id = Events.published(api, organizer.token(), Events.salon("上限" + Events.token(), 10));
      for (Api.Member m : List.of(optedOut, capped, plain)) {
        assertEquals(201, api.post("/api/events/" + id + "/rsvp", null, m.token()).status());
      }
      assertEquals(200, api.post("/api/events/" + id + "/cancel", new JsonObject(), organizer.token()).status());
    }
    assertEquals(Map.of("null", 2), smsStatuses(optedOut.id()), "turned off: inbox only");
    assertEquals(Map.of("PENDING", 1, "null", 1), smsStatuses(capped.id()), "the cap of 1 a day holds");
    assertEquals(Map.of("PENDING", 2), smsStatuses(plain.id()));
  }

  private static Map<String, Integer> smsStatuses(long userId) {
    Map<String, Integer> counts = new HashMap<>();
    try (var conn = TestApp.jdbc(); var st = conn.prepareStatement(
        "SELECT sms_status FROM notifications WHERE user_id = ? AND kind = 'EVENT_CANCELLED'")) {
      st.setLong(1, userId);
      var rs = st.executeQuery();
      while (rs.next()) {
        counts.merge(String.valueOf(rs.getString(1)), 1, Integer::sum);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  @Test
  void theSettingsPageWorksInBothLanguages() {
    Api.Member member = api.registerAndLogin();
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, member);
    String zh = browser.get("/me/notification-settings").body();
    assertTrue(zh.contains("通知设置") && zh.contains("活动取消") && zh.contains("name=\"sms.EVENT_CANCELLED\""), zh);
    assertFalse(zh.contains("name=\"sms.RSVP_CONFIRMED\""), "no SMS box for a kind that never goes by SMS");
    String en = browser.get("/me/notification-settings?lang=en").body();
    assertTrue(en.contains("Notification settings") && en.contains("Event cancelled"), en);

    Api.Response posted = browser.form("/me/notification-settings", Map.of("_csrf", csrf,
        "email.EVENT_REMINDER", "on", "sms.EVENT_REMINDER", "on", "smsDailyCap", "3"));
    assertEquals(303, posted.status(), posted.body());
    JsonObject now = api.get("/api/me/notification-settings", member.token()).json();
    assertEquals(3, now.getInteger("smsDailyCap"));
    assertEquals(choice(true, true), now.getJsonObject("kinds").getJsonObject("EVENT_REMINDER"));
    assertEquals(choice(false, false), now.getJsonObject("kinds").getJsonObject("EVENT_CANCELLED"), "unticked is off");
    assertEquals("/me/notification-settings?saved=1", posted.header("Location").orElseThrow());
    assertTrue(browser.get("/me/notification-settings?saved=1&lang=en").body().contains("Saved."));
    assertFalse(browser.get("/me/notification-settings?lang=en").body().contains("Saved."));
  }
}
