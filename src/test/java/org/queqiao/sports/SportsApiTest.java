package org.queqiao.sports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/** Contract §13 over HTTP: scoring, ties and tie-breaks, duplicates from two phones, corrections, games. */
class SportsApiTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  @Test
  void tiedTeamsShareThePlaceItsPointsAndItsMedalAndTheNextPlaceCountsThem() {
    SportsDay day = SportsDay.create(api, organizer, 1, true);
    day.games(SportsDay.game("run", "托球跑", "TIME_ASC"), SportsDay.game("rope", "跳大绳", "PLACE"));

    Api.Response run = day.post("run", SportsDay.results("red", 12.5, "blue", 12.50, "yellow", 13, "green", 14.25),
        day.judge.token());
    assertEquals(201, run.status(), run.body());
    assertEquals(List.of(1, 1, 3, 4), places(run.json()), run.body());
    assertEquals(List.of(7, 7, 4, 3), points(run.json()), run.body());

    // A judge may write the tie as 1, 2, 2, 3: the next place still counts the tied teams.
    Api.Response rope = day.post("rope", SportsDay.results("blue", 1, "red", 2, "yellow", 2, "green", 3),
        day.judge.token());
    assertEquals(201, rope.status(), rope.body());
    assertEquals(List.of(1, 2, 2, 4), places(rope.json()), rope.body());

    JsonObject standings = day.standings();
    assertTeam(standings, "blue", 14, 2, 0, 0, 1);
    assertTeam(standings, "red", 12, 1, 1, 0, 2);
    assertTeam(standings, "yellow", 9, 0, 1, 1, 3);
    assertTeam(standings, "green", 6, 0, 0, 0, 4);
    JsonObject firstGame = standings.getJsonArray("games").getJsonObject(0);
    assertEquals("DONE", firstGame.getString("status"));
    assertEquals("GOLD", firstGame.getJsonArray("results").getJsonObject(1).getString("medal"), firstGame.encode());
    assertEquals(12.5, firstGame.getJsonArray("results").getJsonObject(0).getDouble("value"));
    assertEquals("红队", SportsDay.team(standings, "red").getString("label"));
  }

  @Test
  void equalPointsAreRankedByFirstPlacesAndTeamsEqualInBothShareARank() {
    SportsDay day = SportsDay.create(api, organizer, 1, true);
    day.games(SportsDay.game("ball", "投篮", "SCORE_DESC").put("points", new JsonArray(List.of(3, 3, 0))));
    assertEquals(201, day.post("ball", SportsDay.results("blue", 8, "red", 11), day.judge.token()).status());

    JsonObject standings = day.standings();
    assertTeam(standings, "red", 3, 1, 0, 0, 1);
    assertTeam(standings, "blue", 3, 0, 1, 0, 2);
    assertTeam(standings, "yellow", 0, 0, 0, 0, 3);
    assertTeam(standings, "green", 0, 0, 0, 0, 3);
  }

  @Test
  void theSameSheetFromTwoPhonesIsStoredOnce() throws Exception {
    SportsDay day = SportsDay.create(api, organizer, 1, true);
    Members.Member secondJudge = Members.insert(1, "二号裁判").get(0);
    day.addStaff(secondJudge.id(), "JUDGE");
    day.games(SportsDay.game("sack", "袋鼠跳接力", "TIME_ASC"), SportsDay.game("kick", "踢毽子", "SCORE_DESC"));

    JsonObject sheet = SportsDay.results("red", 40.1, "blue", 41, "yellow", 39.9, "green", 45);
    Api.Response first = day.post("sack", sheet.copy().put("submissionId", "phone-one-0001"), day.judge.token());
    assertEquals(201, first.status(), first.body());
    Api.Response resent = day.post("sack", sheet.copy().put("submissionId", "phone-one-0001"), day.judge.token());
    assertEquals(200, resent.status(), "a resent submission is recognised: " + resent.body());
    assertEquals("DUPLICATE", resent.json().getString("status"));
    Api.Response otherPhone = day.post("sack", sheet.copy().put("submissionId", "phone-two-0001"), secondJudge.token());
    assertEquals(200, otherPhone.status(), "the same result from another phone is not doubled: " + otherPhone.body());
    assertEquals(1, otherPhone.json().getInteger("version"));
    assertEquals(1, history(day, "sack").size());

    // Both phones at the very same moment: one stores, the other is told it was already there.
    JsonObject kick = SportsDay.results("red", 30, "blue", 28, "yellow", 28, "green", 10);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Api.Response>> both = new ArrayList<>();
      for (String token : List.of(day.judge.token(), secondJudge.token())) {
        both.add(pool.submit((Callable<Api.Response>) () -> day.post("kick", kick, token)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Api.Response> f : both) {
        statuses.add(f.get().status());
      }
      statuses.sort(null);
      assertEquals(List.of(200, 201), statuses);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, history(day, "kick").size());
    assertTeam(day.standings(), "red", 7 + 5, 1, 1, 0, 1);
  }

  @Test
  void aDifferentSheetIsRefusedWithTheCurrentOneUntilSentAsACorrectionWhichKeepsTheHistory() {
    SportsDay day = SportsDay.create(api, organizer, 1, true);
    day.games(SportsDay.game("obst", "趣味障碍跑", "PLACE"));
    assertEquals(201, day.post("obst", SportsDay.results("red", 1, "blue", 2, "yellow", 3, "green", 4),
        day.judge.token()).status());

    JsonObject mine = SportsDay.results("red", 2, "blue", 1, "yellow", 3, "green", 4);
    Api.Response conflict = day.post("obst", mine, organizer.token());
    assertEquals(409, conflict.status(), conflict.body());
    assertEquals("RESULT_CONFLICT", conflict.errorCode());
    JsonObject current = conflict.json().getJsonObject("error").getJsonObject("current");
    assertEquals(1, current.getInteger("version"), conflict.body());
    assertEquals("red", current.getJsonArray("results").getJsonObject(0).getString("team"));
    assertTeam(day.standings(), "red", 7, 1, 0, 0, 1);

    Api.Response corrected = day.post("obst", mine.copy().put("replaces", 1), organizer.token());
    assertEquals(201, corrected.status(), corrected.body());
    assertEquals(2, corrected.json().getInteger("version"));
    assertTeam(day.standings(), "blue", 7, 1, 0, 0, 1);
    assertTeam(day.standings(), "red", 5, 0, 1, 0, 2);

    Api.Response stale = day.post("obst", SportsDay.results("red", 4, "blue", 3, "yellow", 2, "green", 1)
        .put("replaces", 1), day.judge.token());
    assertEquals(409, stale.status(), "a correction of a version that is no longer current: " + stale.body());

    JsonArray history = history(day, "obst");
    assertEquals(2, history.size(), history.encode());
    assertEquals(2, history.getJsonObject(0).getInteger("version"));
    assertEquals("组织者", history.getJsonObject(0).getString("enteredBy"));
    assertEquals("裁判0", history.getJsonObject(1).getString("enteredBy"));
    assertEquals(1, history.getJsonObject(1).getJsonArray("results").getJsonObject(0).getInteger("value"));
  }

  @Test
  void resultsAreAcceptedFromTheStartOnlyAndValuesAreChecked() {
    SportsDay day = SportsDay.create(api, organizer, 1, false);
    day.games(SportsDay.game("tug", "拔河", "PLACE"), SportsDay.game("run", "托球跑", "TIME_ASC"));
    Api.Response early = day.post("tug", SportsDay.results("red", 1, "blue", 2), day.judge.token());
    assertEquals(409, early.status(), early.body());
    assertEquals("RESULTS_NOT_OPEN", early.errorCode());
    day.start();

    Api.Response badPlace = day.post("tug", SportsDay.results("red", 0, "blue", 5), day.judge.token());
    assertEquals(400, badPlace.status(), badPlace.body());
    JsonObject fields = badPlace.json().getJsonObject("error").getJsonObject("fields");
    assertTrue(fields.containsKey("results.0.value") && fields.containsKey("results.1.value"), fields.encode());
    Api.Response twice = day.post("tug", SportsDay.results("red", 1, "red", 2, "nobody", 3), day.judge.token());
    assertEquals(400, twice.status());
    fields = twice.json().getJsonObject("error").getJsonObject("fields");
    assertTrue(fields.containsKey("results.1.team") && fields.containsKey("results.2.team"), fields.encode());
    Api.Response negativeTime = day.post("run", SportsDay.results("red", -3), day.judge.token());
    assertEquals(400, negativeTime.status());
    Api.Response unknownGame = day.post("nope", SportsDay.results("red", 1), day.judge.token());
    assertEquals(404, unknownGame.status());
    assertEquals("GAME_NOT_FOUND", unknownGame.errorCode());
    assertEquals(0, history(day, "tug").size(), "refused sheets store nothing");
  }

  @Test
  void gamesAreValidatedAndAGameWithResultsKeepsItsScoringAndCannotBeRemoved() {
    SportsDay day = SportsDay.create(api, organizer, 1, true);
    Api.Response bad = day.putGames(new JsonArray().add(new JsonObject().put("key", "a").put("name", "")
        .put("scoring", "FASTEST").put("points", new JsonArray(List.of(1, 5))).put("teamSize", 2)
        .put("quota", new JsonObject().put("FEMALE", 2).put("MALE", 1))));
    assertEquals(400, bad.status(), bad.body());
    JsonObject fields = bad.json().getJsonObject("error").getJsonObject("fields");
    for (String field : List.of("games.0.name", "games.0.scoring", "games.0.points", "games.0.quota")) {
      assertTrue(fields.containsKey(field), field + " in " + fields.encode());
    }

    Api.Response withLimit = day.putGames(new JsonObject().put("maxGamesPerPerson", 3).put("games", new JsonArray()
        .add(SportsDay.game("tug", "拔河", "PLACE").put("teamSize", 10).put("quota", new JsonObject().put("FEMALE", 4))
            .put("place", "东场地"))
        .add(SportsDay.game("run", "托球跑", "TIME_ASC"))));
    assertEquals(200, withLimit.status(), withLimit.body());
    assertEquals(3, withLimit.json().getInteger("maxGamesPerPerson"));
    JsonObject tug = withLimit.json().getJsonArray("games").getJsonObject(0);
    assertEquals(new JsonArray(List.of(7, 5, 4, 3, 2, 1)), tug.getJsonArray("points"), "the default points");
    assertEquals(4, tug.getJsonObject("quota").getInteger("FEMALE"));
    assertEquals(201, day.post("tug", SportsDay.results("red", 1), day.judge.token()).status());

    Api.Response removed = day.putGames(new JsonArray().add(SportsDay.game("run", "托球跑", "TIME_ASC")));
    assertEquals(409, removed.status(), removed.body());
    assertEquals("GAME_HAS_RESULTS", removed.errorCode());
    Api.Response rescored = day.putGames(new JsonArray().add(SportsDay.game("tug", "拔河", "SCORE_DESC")));
    assertEquals(409, rescored.status(), rescored.body());
    Api.Response renamed = day.putGames(new JsonArray().add(SportsDay.game("tug", "拔河比赛", "PLACE")));
    assertEquals(200, renamed.status(), renamed.body());
    assertEquals(3, renamed.json().getInteger("maxGamesPerPerson"), "an array body leaves the limit as it was");
    assertEquals("拔河比赛", day.standings().getJsonArray("games").getJsonObject(0).getString("name"));
  }

  @Test
  void sportsRoutesNameNothingOnAnotherKindOfEvent() {
    long salon = Events.published(api, organizer.token(), Events.salon("读书会 " + Events.token(), 5));
    Api.Response standings = api.get("/api/events/" + salon + "/standings");
    assertEquals(404, standings.status());
    assertEquals("NOT_A_SPORTS_DAY", standings.errorCode());
    assertEquals(404, api.put("/api/events/" + salon + "/games", new JsonArray(), organizer.token()).status());
  }

  static JsonArray history(SportsDay day, String game) {
    Api.Response response = api.get("/api/events/" + day.id + "/games/" + game + "/results", day.organizer.token());
    assertEquals(200, response.status(), response.body());
    return response.json().getJsonArray("history");
  }

  static int historySize(Api client, SportsDay day, String game) {
    return client.get("/api/events/" + day.id + "/games/" + game + "/results", day.organizer.token()).json()
        .getJsonArray("history").size();
  }

  static void assertTeam(JsonObject standings, String team, int points, int gold, int silver, int bronze, int rank) {
    JsonObject row = SportsDay.team(standings, team);
    String where = team + " in " + standings.getJsonArray("teams").encode();
    assertEquals(points, row.getInteger("points"), where);
    assertEquals(gold, row.getInteger("gold"), where);
    assertEquals(silver, row.getInteger("silver"), where);
    assertEquals(bronze, row.getInteger("bronze"), where);
    assertEquals(rank, row.getInteger("rank"), where);
  }

  private static List<Integer> places(JsonObject sheet) {
    return sheet.getJsonArray("results").stream().map(r -> ((JsonObject) r).getInteger("place")).toList();
  }

  private static List<Integer> points(JsonObject sheet) {
    return sheet.getJsonArray("results").stream().map(r -> ((JsonObject) r).getInteger("points")).toList();
  }
}
