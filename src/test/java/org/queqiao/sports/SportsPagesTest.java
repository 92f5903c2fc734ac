package org.queqiao.sports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** The sports pages as a browser without JavaScript uses them: plain forms, Chinese and English. */
class SportsPagesTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static Api browserOf(String token) {
    Api browser = TestApp.browser();
    browser.setCookie("qq_session", token);
    return browser;
  }

  @Test
  void aManagerSetsUpGamesAndCaptainsFromTheEventPage() {
    SportsDay day = SportsDay.create(api, organizer, 2, true);
    Api manager = TestApp.browser();
    Pages.signIn(manager, organizer);
    String eventPage = manager.get("/organizer/events/" + day.id).body();
    assertTrue(eventPage.contains("/organizer/events/" + day.id + "/games"), "the event page links the games setup");

    String setup = manager.get("/organizer/events/" + day.id + "/games").body();
    assertTrue(setup.contains("运动会项目"), setup);
    Map<String, String> form = new HashMap<>(Map.of("_csrf", Pages.csrfOf(setup), "rows", "3",
        "name.0", "拔河", "scoring.0", "PLACE", "points.0", "7-5-4", "teamSize.0", "2", "female.0", "1",
        "name.1", "托球跑", "scoring.1", "TIME_ASC", "points.1", "abc"));
    Api.Response refused = manager.form("/organizer/events/" + day.id + "/games", form);
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("名次积分：0 到 1000 的整数"), "the row says what is wrong");
    assertTrue(refused.body().contains("value=\"托球跑\""), "what was typed stays");

    form.put("points.1", "9 6 3");
    form.put("_csrf", Pages.csrfOf(refused.body()));
    Api.Response saved = manager.form("/organizer/events/" + day.id + "/games", form);
    assertEquals(303, saved.status(), saved.body());
    JsonObject games = api.get("/api/events/" + day.id + "/games").json();
    assertEquals("g1", games.getJsonArray("games").getJsonObject(0).getString("key"));
    assertEquals("g2", games.getJsonArray("games").getJsonObject(1).getString("key"));
    assertEquals(9, games.getJsonArray("games").getJsonObject(1).getJsonArray("points").getInteger(0));

    Members.Member captain = day.players.get("red").get(0);
    String again = manager.get("/organizer/events/" + day.id + "/games").body();
    assertEquals(303, manager.form("/organizer/events/" + day.id + "/captains", Map.of("_csrf", Pages.csrfOf(again),
        "captain.red", Long.toString(captain.id()), "captain.blue", "")).status());
    assertEquals(captain.id(), api.get("/api/events/" + day.id + "/captains", organizer.token()).json()
        .getJsonArray("captains").getJsonObject(0).getLong("userId"));

    Api captainBrowser = browserOf(captain.token());
    String entries = captainBrowser.get("/events/" + day.id + "/sports/entries").body();
    assertTrue(entries.contains("红队") && entries.contains(day.players.get("red").get(1).displayName()), entries);
    assertFalse(entries.contains(day.players.get("blue").get(0).displayName()), "only the captain's own team");
    Api.Response picked = captainBrowser.form("/events/" + day.id + "/sports/games/g1/entries", Map.of(
        "_csrf", Pages.csrfOf(entries), "team", "red", "userId", Long.toString(captain.id())));
    assertEquals(303, picked.status(), picked.body());
    assertEquals(1, api.get("/api/me/games", captain.token()).json().getJsonArray("items").size());
    assertTrue(captainBrowser.get("/me/events").body().contains("参加项目：拔河"), "my events lists the game I played");
    assertEquals(403, browserOf(day.players.get("blue").get(0).token()).get("/events/" + day.id + "/sports/entries")
        .status(), "not a captain");
  }

  @Test
  void aJudgeEntersResultsOnThePhonePageAndASecondPhoneIsToldItIsThereAlready() {
    SportsDay day = SportsDay.create(api, organizer, 1, true);
    day.games(SportsDay.game("tug", "拔河", "PLACE"));
    Api judge = browserOf(day.judge.token());
    String list = judge.get("/events/" + day.id + "/sports/judge").body();
    assertTrue(list.contains("field-mode") && list.contains("拔河"), list);
    String sheet = judge.get("/events/" + day.id + "/sports/judge/tug").body();
    Map<String, String> form = new HashMap<>(Map.of("_csrf", Pages.csrfOf(sheet), "submissionId", submission(sheet),
        "replaces", "0", "value.red", "1", "value.blue", "2", "value.yellow", "", "value.green", "9"));
    Api.Response wrong = judge.form("/events/" + day.id + "/sports/judge/tug", form);
    assertEquals(400, wrong.status());
    assertTrue(wrong.body().matches("(?s).*value-green.*名次：1 到队伍数之间的整数.*"), "said by the green box: " + wrong.body());
    form.put("value.green", "3");
    form.put("_csrf", Pages.csrfOf(wrong.body()));
    Api.Response sent = judge.form("/events/" + day.id + "/sports/judge/tug", form);
    assertEquals(303, sent.status(), sent.body());
    assertTrue(judge.get(sent.header("Location").orElseThrow()).body().contains("的成绩已记录"));

    Api otherPhone = browserOf(organizer.token());
    String otherSheet = otherPhone.get("/events/" + day.id + "/sports/judge/tug").body();
    Map<String, String> same = new HashMap<>(form);
    same.put("_csrf", Pages.csrfOf(otherSheet));
    same.put("submissionId", submission(otherSheet));
    Api.Response twice = otherPhone.form("/events/" + day.id + "/sports/judge/tug", same);
    assertEquals(303, twice.status());
    assertTrue(twice.header("Location").orElseThrow().contains("same=1"));

    Map<String, String> different = new HashMap<>(same);
    different.put("value.red", "2");
    different.put("value.blue", "1");
    Api.Response conflict = otherPhone.form("/events/" + day.id + "/sports/judge/tug", different);
    assertEquals(409, conflict.status());
    assertTrue(conflict.body().contains("现有：1") && conflict.body().contains("用我的成绩更正"), conflict.body());
    different.put("_csrf", Pages.csrfOf(conflict.body()));
    different.put("replaces", "1");
    assertEquals(303, otherPhone.form("/events/" + day.id + "/sports/judge/tug", different).status());
    assertEquals(7, SportsDay.team(day.standings(), "blue").getInteger("points"));

    Api.Response member = browserOf(day.players.get("red").get(0).token()).get("/events/" + day.id + "/sports/judge");
    assertEquals(403, member.status());
  }

  @Test
  void standingsProjectorAndTeamPagesArePublicButOnlyMembersSeeWhoPlayed() {
    SportsDay day = SportsDay.create(api, organizer, 1, true);
    day.games(SportsDay.game("tug", "拔河", "PLACE"), SportsDay.game("run", "托球跑", "TIME_ASC"));
    Members.Member player = day.players.get("red").get(0);
    assertEquals(200, day.entries("tug", new JsonObject().put("team", "red")
        .put("userIds", new io.vertx.core.json.JsonArray().add(player.id())), organizer.token()).status());
    assertEquals(201, day.post("tug", SportsDay.results("red", 1, "blue", 2), day.judge.token()).status());

    String standings = api.get("/events/" + day.id + "/standings").body();
    assertTrue(standings.contains("积分榜") && standings.contains("红队") && standings.contains("待赛"), standings);
    assertTrue(standings.contains("/static/js/standings.js") || standings.contains("js/standings.js"));
    String projector = api.get("/events/" + day.id + "/standings/projector").body();
    assertTrue(projector.contains("<body class=\"projector\">"), projector);
    assertTrue(api.get("/events/" + day.id + "/standings?lang=en").body().contains("Standings"));

    String anonymous = api.get("/events/" + day.id + "/teams/red").body();
    assertTrue(anonymous.contains("第 1 名") || anonymous.contains("第 1"), anonymous);
    assertFalse(anonymous.contains(player.displayName()), "names are for the event's members");
    String asMember = browserOf(day.players.get("blue").get(0).token()).get("/events/" + day.id + "/teams/red").body();
    assertTrue(asMember.contains(player.displayName()), asMember);
    assertEquals(404, api.get("/events/" + day.id + "/teams/purple").status());
  }

  private static String submission(String html) {
    var m = java.util.regex.Pattern.compile("name=\"submissionId\" value=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find(), html);
    return m.group(1);
  }
}
