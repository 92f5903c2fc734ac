package org.queqiao.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/**
 * Registration questions (contract §11): asked at sign-up, refused per answer, shown in the sign-up
 * list, the attendance CSV and (askAtDoor) the scanner's result; kept through edits of the questions;
 * gone with the member's data.
 */
class RegistrationQuestionsTest {
  private static Api api;
  private static String admin;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    admin = api.adminToken();
    organizer = Events.organizer(api, admin);
  }

  private static JsonArray questions() {
    return new JsonArray()
        .add(new JsonObject().put("key", "shirt").put("label", "T恤尺码").put("type", "CHOICE")
            .put("options", new JsonArray().add("S").add("M").add("L")).put("required", true).put("askAtDoor", true))
        .add(new JsonObject().put("key", "diet").put("label", "饮食").put("type", "MULTI")
            .put("options", new JsonArray().add("素食").add("清真").add("无麸质")).put("required", false))
        .add(new JsonObject().put("key", "kids").put("label", "带几个孩子").put("type", "NUMBER").put("required", true))
        .add(new JsonObject().put("key", "phone2").put("label", "紧急联系人电话").put("type", "TEXT")
            .put("required", false).put("organizerOnly", true).put("askAtDoor", true));
  }

  private static long eventWithQuestions(String title) {
    return Events.published(api, organizer.token(), Events.salon(title + " " + Events.token(), 10)
        .put("questions", questions()));
  }

  private static Api.Response signUp(Api.Member member, long id, JsonObject answers) {
    return api.post("/api/events/" + id + "/rsvp", new JsonObject().put("answers", answers), member.token());
  }

  private static JsonObject good() {
    return new JsonObject().put("shirt", "M").put("diet", new JsonArray().add("素食")).put("kids", 2)
        .put("phone2", "13900001111");
  }

  @Test
  void questionsAreValidatedWhenTheEventIsMadeAndShownWithIt() {
    long id = eventWithQuestions("有问题的读书会");
    JsonArray shown = Events.get(api, organizer.token(), id).getJsonArray("questions");
    assertEquals(4, shown.size());
    assertEquals(new JsonArray().add("S").add("M").add("L"), shown.getJsonObject(0).getJsonArray("options"));

    for (JsonObject bad : new JsonObject[] {
        new JsonObject().put("key", "x").put("label", "无选项").put("type", "CHOICE").put("required", true),
        new JsonObject().put("key", "x y").put("label", "坏键").put("type", "TEXT"),
        new JsonObject().put("key", "x").put("label", "").put("type", "TEXT"),
        new JsonObject().put("key", "x").put("label", "怪类型").put("type", "DATE"),
        new JsonObject().put("key", "x").put("label", "必答是字").put("type", "TEXT").put("required", "yes")}) {
      Api.Response refused = api.post("/api/events", Events.salon("坏问题 " + Events.token(), 5)
          .put("questions", new JsonArray().add(bad)), organizer.token());
      assertEquals(400, refused.status(), bad + ": " + refused.body());
      assertTrue(refused.json().getJsonObject("error").getJsonObject("fields").containsKey("questions"));
    }
    JsonObject twice = new JsonObject().put("key", "a").put("label", "重复").put("type", "TEXT");
    assertEquals(400, api.post("/api/events", Events.salon("重复键 " + Events.token(), 5)
        .put("questions", new JsonArray().add(twice).add(twice)), organizer.token()).status());
  }

  @Test
  void aMissingOrWrongAnswerIsRefusedByNameAndChangesNothing() {
    long id = eventWithQuestions("答题读书会");
    Api.Member member = api.registerAndLogin();
    JsonArray before = Events.get(api, admin, id).getJsonArray("pools");

    Map<JsonObject, Set<String>> cases = Map.of(
        new JsonObject(), Set.of("answers.shirt", "answers.kids"),
        good().put("shirt", "XXL"), Set.of("answers.shirt"),
        good().put("kids", 1.5), Set.of("answers.kids"),
        good().put("kids", "两个"), Set.of("answers.kids"),
        good().put("diet", new JsonArray().add("素食").add("素食")), Set.of("answers.diet"),
        good().put("diet", "素食"), Set.of("answers.diet"),
        good().put("pets", "猫"), Set.of("answers.pets"));
    cases.forEach((answers, fields) -> {
      Api.Response refused = signUp(member, id, answers);
      assertEquals(400, refused.status(), answers + ": " + refused.body());
      assertEquals("VALIDATION_FAILED", refused.errorCode());
      assertEquals(fields, refused.json().getJsonObject("error").getJsonObject("fields").fieldNames(), answers.encode());
    });
    Api.Response notAnObject = api.post("/api/events/" + id + "/rsvp", new JsonObject().put("answers", "M"),
        member.token());
    assertEquals(400, notAnObject.status());
    assertEquals(before, Events.get(api, admin, id).getJsonArray("pools"), "a refused sign-up changes no count");

    Api.Response accepted = signUp(member, id, good().put("kids", "3"));
    assertEquals(201, accepted.status(), accepted.body());
    assertEquals(3, accepted.json().getJsonObject("answers").getInteger("kids"), "digits are read as a number");
  }

  @Test
  void answersAppearInTheSignUpListTheCsvAndAtTheDoorAndSurviveEditsOfTheQuestions() {
    long id = eventWithQuestions("尺码读书会");
    Api.Member member = api.registerAndLogin(new JsonObject().put("displayName", "孙答题"));
    Api.Response signed = signUp(member, id, good());
    assertEquals(201, signed.status(), signed.body());
    long rsvpId = signed.json().getLong("rsvpId");

    JsonObject listed = api.get("/api/events/" + id + "/rsvps", organizer.token()).json().getJsonArray("items")
        .getJsonObject(0);
    assertEquals(good().put("kids", 2L), listed.getJsonObject("answers"));

    String csv = api.get("/api/events/" + id + "/attendance.csv", organizer.token()).body();
    String[] lines = csv.split("\r\n");
    assertTrue(lines[0].endsWith(",T恤尺码,饮食,带几个孩子,紧急联系人电话"), lines[0]);
    assertTrue(lines[1].endsWith(",M,素食,2,13900001111"), lines[1]);

    Api.Response checkedIn = api.post("/api/events/" + id + "/checkins", new JsonObject().put("rsvpId", rsvpId),
        organizer.token());
    assertEquals(201, checkedIn.status(), checkedIn.body());
    assertEquals(new JsonArray().add(new JsonObject().put("key", "shirt").put("label", "T恤尺码").put("value", "M")),
        checkedIn.json().getJsonArray("answers"), "askAtDoor only, never an organiser-only answer");

    JsonArray edited = questions();
    edited.getJsonObject(0).put("label", "文化衫尺码");
    edited.remove(1);
    Api.Response patched = api.patch("/api/events/" + id, new JsonObject().put("questions", edited), organizer.token());
    assertEquals(200, patched.status(), patched.body());
    JsonObject after = api.get("/api/events/" + id + "/rsvps", organizer.token()).json().getJsonArray("items")
        .getJsonObject(0);
    assertEquals(good().put("kids", 2L), after.getJsonObject("answers"), "editing questions loses no answer");

    Api browser = TestApp.browser();
    Pages.signIn(browser, organizer);
    String page = browser.get("/organizer/events/" + id + "/rsvps").body();
    assertTrue(page.contains("文化衫尺码：M") && page.contains("diet：素食") && page.contains("带几个孩子：2"), page);
  }

  @Test
  void answersGoWithTheMembersData() {
    long id = eventWithQuestions("注销读书会");
    Api.Member member = api.registerAndLogin();
    assertEquals(201, signUp(member, id, good()).status());
    Api.Response export = api.get("/api/me/export", member.token());
    assertEquals("M", export.json().getJsonArray("signUps").getJsonObject(0).getJsonObject("answers").getString("shirt"));

    Api.Response deleted = api.send("/api/me", "DELETE", new JsonObject().put("password", member.password()),
        member.token(), Map.of());
    assertEquals(204, deleted.status(), deleted.body());
    JsonArray items = api.get("/api/events/" + id + "/rsvps", organizer.token()).json().getJsonArray("items");
    assertTrue(items.stream().map(JsonObject.class::cast).allMatch(r -> r.getJsonObject("answers").isEmpty()), items.encode());
  }

  @Test
  void organisersWriteQuestionsInTheEventFormAndMembersAnswerThemInTheSignUpForm() {
    String t = Events.token();
    long id = Events.create(api, organizer.token(), Events.salon("表单问答 " + t, 5)).getLong("id");
    Api browser = TestApp.browser();
    Pages.signIn(browser, organizer);
    String form = browser.get("/organizer/events/" + id).body();
    Map<String, String> fields = new HashMap<>(Map.of("_csrf", Pages.csrfOf(form), "title", "表单问答 " + t,
        "venue", "工人文化宫", "startsAt", Events.evening(10).toLocalDateTime().toString(),
        "endsAt", Events.evening(10).plusHours(2).toLocalDateTime().toString(), "capacity", "5",
        "questionLabel", "T恤尺码", "questionType", "CHOICE", "questionOptions", "S，M、L",
        "questionRequired", "1"));
    Api.Response saved = browser.form("/organizer/events/" + id, fields);
    assertEquals(303, saved.status(), saved.body());
    JsonObject question = Events.get(api, organizer.token(), id).getJsonArray("questions").getJsonObject(0);
    assertEquals(new JsonArray().add("S").add("M").add("L"), question.getJsonArray("options"));
    assertTrue(question.getBoolean("required"));
    String key = question.getString("key");
    assertTrue(browser.get("/organizer/events/" + id).body().contains("name=\"questionKey\" value=\"" + key + "\""));
    Events.publish(api, organizer.token(), id);

    Api member = TestApp.browser();
    Api.Member who = api.registerAndLogin();
    Pages.signIn(member, who);
    String eventPage = member.get("/events/" + id).body();
    assertTrue(eventPage.contains("name=\"answer." + key + "\" value=\"M\""), "the choices are offered");
    String csrf = Pages.csrfOf(eventPage);
    Api.Response missing = member.form("/events/" + id + "/rsvp", Map.of("_csrf", csrf));
    assertEquals(400, missing.status());
    assertTrue(missing.body().contains("请回答这个问题。"), "the message is next to the question");
    Api.Response answered = member.form("/events/" + id + "/rsvp", Map.of("_csrf", csrf, "answer." + key, "L"));
    assertEquals(303, answered.status(), answered.body());
    assertEquals("L", api.get("/api/events/" + id, who.token()).json().getJsonObject("myRsvp")
        .getJsonObject("answers").getString(key));
    assertFalse(answered.body().contains("error"));
  }
}
