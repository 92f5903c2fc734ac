package org.queqiao.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.Mixers;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/**
 * Issue 14, defect 8 (contract §10): control characters are refused in every text field (tab and
 * newline only where a field has paragraphs), invisible characters in logins, and numbers that are
 * not whole or out of range — each with 400, never a 500 and never another id.
 */
class InputRulesTest {
  private static Api api;
  private static String admin;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    admin = api.adminToken();
    organizer = Events.organizer(api, admin);
  }

  private static void assertRefused(Api.Response response, String field) {
    assertEquals(400, response.status(), response.toString());
    JsonObject error = response.json().getJsonObject("error");
    assertTrue(error.getJsonObject("fields").containsKey(field), field + ": " + response.body());
  }

  @Test
  void nulAndOtherControlCharactersAreA400Everywhere() {
    Api.Member member = api.registerAndLogin();
    assertRefused(api.patch("/api/me", new JsonObject().put("displayName", "张\u0000三"), member.token()), "displayName");
    assertRefused(api.patch("/api/me", new JsonObject().put("nickname", "小\u0007明"), member.token()), "nickname");
    assertRefused(api.post("/api/auth/register", new JsonObject().put("login", Api.newPhone())
        .put("password", "paper-lantern-9").put("displayName", "\u0000"), null), "displayName");
    assertRefused(api.get("/api/events?q=%00"), "q");
    assertRefused(api.get("/api/admin/users?q=a%00b", admin), "q");
    assertRefused(api.post("/api/events", Events.salon("标题\t带制表符", 5), organizer.token()), "title");
    assertRefused(api.post("/api/events", Events.salon("标题" + Events.token(), 5).put("venue", "三楼\n大厅"),
        organizer.token()), "venue");
    assertRefused(api.post("/api/events", Events.salon("标题" + Events.token(), 5).put("description", "介绍\u0000"),
        organizer.token()), "description");
    Api.Response paragraphs = api.post("/api/events", Events.salon("多段介绍 " + Events.token(), 5)
        .put("description", "第一段\n\n第二段\t缩进\r\n第三段"), organizer.token());
    assertEquals(201, paragraphs.status(), "newlines and tabs belong in a description: " + paragraphs);

    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, member);
    Api.Response form = browser.form("/me/profile", Map.of("_csrf", csrf, "displayName", "表单\u0000名字"));
    assertEquals(400, form.status(), form.toString());
  }

  @Test
  void invisibleCharactersInALoginAreRefusedSoNoLookAlikeAccountIsMade() {
    Api.Member original = api.registerAndLogin();
    for (String invisible : List.of("\u200B", "\u200D", "\uFEFF", "\u00AD", "\u2060", "\u202E")) {
      String lookAlike = original.login().substring(0, 5) + invisible + original.login().substring(5);
      Api.Response refused = api.post("/api/auth/register", new JsonObject().put("login", lookAlike)
          .put("password", "paper-lantern-river-3").put("displayName", "冒名"), null);
      assertRefused(refused, "login");
    }
    String email = Api.newEmail();
    assertRefused(api.post("/api/auth/register", new JsonObject().put("login", "\u200B" + email)
        .put("password", "paper-lantern-river-3").put("displayName", "冒名"), null), "login");
  }

  @Test
  void numbersThatAreNotWholeOrOutOfRangeAreRefusedNotTruncatedToAnotherId() {
    Api.Member member = api.registerAndLogin();
    // 4294969297 is 2001 plus 2^32: an int cast would have stored 2001.
    assertRefused(api.patch("/api/me", new JsonObject().put("birthYear", 4294969297L), member.token()), "birthYear");
    assertRefused(api.patch("/api/me", new JsonObject().put("birthYear", 1990.5), member.token()), "birthYear");
    assertRefused(api.patch("/api/me", new JsonObject().put("unionId", 12.9), member.token()), "unionId");
    assertRefused(api.patch("/api/me", new JsonObject().put("unionId", "99999999999999999999999"), member.token()), "unionId");
    assertRefused(api.post("/api/me/notifications/read", new JsonObject().put("ids", new JsonArray().add(12.9)),
        member.token()), "ids");
    assertRefused(api.post("/api/events", Events.salon("容量 " + Events.token(), 5).put("capacity", 4294967297L),
        organizer.token()), "capacity");
    assertRefused(api.post("/api/events", Events.salon("容量 " + Events.token(), 5).put("capacity", 5.5),
        organizer.token()), "capacity");
    assertEquals(400, api.post("/api/admin/unions", new JsonObject().put("name", "小数上级" + Events.token())
        .put("parentId", 1.5), admin).status());
    assertEquals(null, api.get("/api/me", member.token()).json().getValue("birthYear"), "nothing was stored");
  }

  @Test
  void aFractionalSignUpIdAtTheDoorChecksNoOneIn() {
    long id = Events.published(api, organizer.token(), Events.salon("小数签到 " + Events.token(), 5));
    Members.Member member = Members.insert(1, "小数").get(0);
    long rsvpId = api.post("/api/events/" + id + "/rsvp", new JsonObject(), member.token()).json().getLong("rsvpId");
    assertRefused(api.post("/api/events/" + id + "/checkins", new JsonObject().put("rsvpId", rsvpId + 0.9),
        organizer.token()), "rsvpId");
    assertEquals(0, api.get("/api/events/" + id + "/attendance", organizer.token()).json().getInteger("checkedIn"));
  }

  @Test
  void aBadgeBeyondTheIntRangeNamesNoOtherAttendee() {
    long mixer = Mixers.mixer(api, organizer.token(), 10);
    List<Mixers.Attendee> people = Mixers.attendees(api, List.of("甲", "乙"), List.of("FEMALE", "MALE"), false);
    int first = Mixers.attend(api, mixer, organizer.token(), people.get(0).token());
    Mixers.attend(api, mixer, organizer.token(), people.get(1).token());
    long wrapsToFirst = first + (1L << 32);
    Api.Response refused = api.post("/api/events/" + mixer + "/intro-requests",
        new JsonObject().put("targetBadge", wrapsToFirst).put("message", "你好"), people.get(1).token());
    assertRefused(refused, "targetBadge");
  }
}
