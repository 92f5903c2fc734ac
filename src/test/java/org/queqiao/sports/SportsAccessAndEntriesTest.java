package org.queqiao.sports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/**
 * Who may do what on a sports day (contract §8, §13): judges of this event and managers enter
 * results; captains pick their own team only; and the limits of an entry — checked in, team size,
 * gender quota, games per person.
 */
class SportsAccessAndEntriesTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  @Test
  void onlyThisEventsJudgesAndManagersEnterResults() {
    SportsDay day = SportsDay.create(api, organizer, 1, true);
    SportsDay other = SportsDay.create(api, organizer, 1, true);
    Members.Member door = Members.insert(1, "门口").get(0);
    day.addStaff(door.id(), "DOOR");
    day.games(SportsDay.game("tug", "拔河", "PLACE"));
    JsonObject sheet = SportsDay.results("red", 1, "blue", 2);
    Members.Member member = day.players.get("red").get(0);

    assertEquals(401, day.post("tug", sheet, null).status());
    assertEquals(403, day.post("tug", sheet, member.token()).status(), "a checked-in member");
    assertEquals(403, day.post("tug", sheet, other.judge.token()).status(), "a judge of another event");
    assertEquals(403, day.post("tug", sheet, door.token()).status(), "door staff");
    assertEquals(403, api.put("/api/events/" + day.id + "/games", new JsonArray(), day.judge.token()).status(),
        "judges do not set up games");
    assertEquals(403, api.get("/api/events/" + day.id + "/results.csv", day.judge.token()).status());
    assertEquals(0, day.standings().getJsonArray("games").getJsonObject(0).getJsonArray("results").size(),
        "refusals stored nothing");
    assertEquals(201, day.post("tug", sheet, day.judge.token()).status());
    assertEquals(2, day.standings().getJsonArray("games").getJsonObject(0).getJsonArray("results").size());
  }

  @Test
  void captainsPickTheirOwnTeamOnlyFromItsCheckedInMembers() {
    SportsDay day = SportsDay.create(api, organizer, 4, true);
    day.games(SportsDay.game("legs", "两人三足", "TIME_ASC").put("teamSize", 2)
        .put("quota", new JsonObject().put("FEMALE", 1).put("MALE", 1)));
    List<Members.Member> red = day.players.get("red");
    Members.Member captain = red.get(0);
    Api.Response notYet = day.entries("legs", new JsonObject().put("userIds", ids(red.get(0), red.get(2))),
        captain.token());
    assertEquals(403, notYet.status(), "not a captain yet: " + notYet.body());

    Api.Response captains = api.put("/api/events/" + day.id + "/captains", new JsonObject().put("captains",
        new JsonArray().add(new JsonObject().put("team", "red").put("userId", captain.id()))), organizer.token());
    assertEquals(200, captains.status(), captains.body());
    Api.Response wrongTeamCaptain = api.put("/api/events/" + day.id + "/captains", new JsonObject().put("captains",
        new JsonArray().add(new JsonObject().put("team", "blue").put("userId", captain.id()))), organizer.token());
    assertEquals(400, wrongTeamCaptain.status(), "a captain must be in the team: " + wrongTeamCaptain.body());
    assertEquals(1, api.get("/api/events/" + day.id + "/captains", organizer.token()).json().getJsonArray("captains")
        .size(), "a refused change leaves the captains as they were");

    Api.Response picked = day.entries("legs", new JsonObject().put("userIds", ids(red.get(0), red.get(2))),
        captain.token());
    assertEquals(200, picked.status(), picked.body());
    assertEquals("red", picked.json().getString("team"));
    assertEquals(2, picked.json().getJsonArray("entries").size());

    List<Members.Member> blue = day.players.get("blue");
    Api.Response otherTeam = day.entries("legs", new JsonObject().put("team", "blue")
        .put("userIds", ids(blue.get(0), blue.get(2))), captain.token());
    assertEquals(403, otherTeam.status(), "a captain of red for blue: " + otherTeam.body());
    Api.Response blueMembersForRed = day.entries("legs", new JsonObject().put("userIds", ids(blue.get(0))),
        captain.token());
    assertEquals(400, blueMembersForRed.status());
    assertTrue(fields(blueMembersForRed).containsKey("userIds.0"), blueMembersForRed.body());
    Api.Response managerWithoutTeam = day.entries("legs", new JsonObject().put("userIds", new JsonArray()),
        organizer.token());
    assertEquals(400, managerWithoutTeam.status());
    assertEquals(200, day.entries("legs", new JsonObject().put("team", "blue").put("userIds", ids(blue.get(0), blue.get(3))),
        organizer.token()).status(), "managers pick for any team");
  }

  @Test
  void anEntryKeepsToTheTeamSizeTheQuotaAndTheGamesPerPerson() {
    SportsDay day = SportsDay.create(api, organizer, 4, false);
    Members.Member notCheckedIn = Members.insert(1, "未签到").get(0);
    assertEquals(201, api.post("/api/events/" + day.id + "/rsvp", new JsonObject().put("pool", "red"),
        notCheckedIn.token()).status());
    day.start();
    Api.Response games = day.putGames(new JsonObject().put("maxGamesPerPerson", 1).put("games", new JsonArray()
        .add(SportsDay.game("legs", "两人三足", "TIME_ASC").put("teamSize", 2).put("quota", new JsonObject().put("FEMALE", 1)))
        .add(SportsDay.game("kick", "踢毽子", "SCORE_DESC"))));
    assertEquals(200, games.status(), games.body());
    List<Members.Member> red = day.players.get("red");
    // red 0 and 1 are women, 2 and 3 men.
    Api.Response men = day.entries("legs", body("red", red.get(2), red.get(3)), organizer.token());
    assertEquals(400, men.status(), men.body());
    assertEquals(List.of("userIds"), List.copyOf(fields(men).fieldNames()));
    Api.Response three = day.entries("legs", body("red", red.get(0), red.get(1), red.get(2)), organizer.token());
    assertEquals(400, three.status());
    assertTrue(fields(three).containsKey("userIds"));

    Api.Response absent = day.entries("kick", body("red", notCheckedIn), organizer.token());
    assertEquals(400, absent.status(), absent.body());
    assertTrue(fields(absent).containsKey("userIds.0"));

    assertEquals(200, day.entries("legs", body("red", red.get(0), red.get(2)), organizer.token()).status());
    Api.Response second = day.entries("kick", body("red", red.get(1), red.get(2)), organizer.token());
    assertEquals(400, second.status(), "red 2 already plays one game: " + second.body());
    assertEquals(List.of("userIds.1"), List.copyOf(fields(second).fieldNames()));
    assertEquals(200, day.entries("legs", body("red", red.get(0), red.get(2)), organizer.token()).status(),
        "sending the same entry again does not count it against itself");
  }

  @Test
  void aCaptainsEntryClosesWithTheGamesFirstResult() {
    SportsDay day = SportsDay.create(api, organizer, 2, true);
    day.games(SportsDay.game("tug", "拔河", "PLACE"));
    Members.Member captain = day.players.get("green").get(0);
    assertEquals(200, api.put("/api/events/" + day.id + "/captains", new JsonObject().put("captains",
        new JsonArray().add(new JsonObject().put("team", "green").put("userId", captain.id()))), organizer.token())
        .status());
    assertEquals(200, day.entries("tug", body(null, captain), captain.token()).status());
    assertEquals(201, day.post("tug", SportsDay.results("green", 1), day.judge.token()).status());
    Api.Response late = day.entries("tug", body(null, captain, day.players.get("green").get(1)), captain.token());
    assertEquals(409, late.status(), late.body());
    assertEquals("ENTRIES_CLOSED", late.errorCode());
    assertEquals(200, day.entries("tug", body("green", captain, day.players.get("green").get(1)), organizer.token())
        .status(), "managers may still correct who played");

    Api.Response mine = api.get("/api/me/games", captain.token());
    assertEquals(200, mine.status());
    JsonObject played = mine.json().getJsonArray("items").getJsonObject(0);
    assertEquals(day.id, played.getLong("eventId"));
    assertEquals("拔河", played.getString("name"));
  }

  private static JsonObject body(String team, Members.Member... members) {
    JsonObject body = new JsonObject().put("userIds", ids(members));
    return team == null ? body : body.put("team", team);
  }

  private static JsonArray ids(Members.Member... members) {
    JsonArray ids = new JsonArray();
    for (Members.Member m : members) {
      ids.add(m.id());
    }
    return ids;
  }

  private static JsonObject fields(Api.Response response) {
    return response.json().getJsonObject("error").getJsonObject("fields");
  }
}
