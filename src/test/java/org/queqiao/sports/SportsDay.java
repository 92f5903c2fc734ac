package org.queqiao.sports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/**
 * A published sports day over the API: four teams (红队, 蓝队, 黄队, 绿队), members signed up to
 * each and checked in, a judge, and the event moved to "started" behind the app's back (the API
 * publishes only future events, and results are accepted only from the start).
 */
final class SportsDay {
  static final List<String> TEAMS = List.of("red", "blue", "yellow", "green");

  final Api api;
  final Api.Member organizer;
  final long id;
  final Members.Member judge;
  /** Checked-in members per team: the first half women, the rest men. */
  final Map<String, List<Members.Member>> players = new LinkedHashMap<>();
  final Map<Long, Long> rsvpOf = new LinkedHashMap<>();

  private SportsDay(Api api, Api.Member organizer, long id, Members.Member judge) {
    this.api = api;
    this.organizer = organizer;
    this.id = id;
    this.judge = judge;
  }

  /** {@code perTeam} checked-in members in each team; started unless {@code started} is false. */
  static SportsDay create(Api api, Api.Member organizer, int perTeam, boolean started) {
    JsonObject body = Events.body("SPORTS_DAY", "趣味运动会 " + Events.token(), Events.evening(5))
        .put("pools", Events.pools("red", "红队", 50, "blue", "蓝队", 50, "yellow", "黄队", 50, "green", "绿队", 50));
    long id = Events.published(api, organizer.token(), body);
    Members.Member judge = Members.insert(1, "裁判").get(0);
    SportsDay day = new SportsDay(api, organizer, id, judge);
    day.addStaff(judge.id(), "JUDGE");
    for (String team : TEAMS) {
      List<Members.Member> members = Members.insert(perTeam, team + "队员");
      List<Members.Member> in = new ArrayList<>();
      for (int i = 0; i < members.size(); i++) {
        Members.Member m = members.get(i);
        execute("UPDATE users SET gender = ? WHERE id = ?", i < (perTeam + 1) / 2 ? "FEMALE" : "MALE", m.id());
        Api.Response rsvp = api.post("/api/events/" + id + "/rsvp", new JsonObject().put("pool", team), m.token());
        assertEquals(201, rsvp.status(), rsvp.body());
        long rsvpId = rsvp.json().getLong("rsvpId");
        day.rsvpOf.put(m.id(), rsvpId);
        Api.Response checkin = api.post("/api/events/" + id + "/checkins", new JsonObject().put("rsvpId", rsvpId),
            organizer.token());
        assertEquals(201, checkin.status(), checkin.body());
        in.add(m);
      }
      day.players.put(team, in);
    }
    if (started) {
      day.start();
    }
    return day;
  }

  void start() {
    execute("UPDATE events SET starts_at = now() - interval '1 hour', ends_at = now() + interval '6 hours',"
        + " registration_opens_at = NULL, registration_closes_at = NULL WHERE id = ?", id);
  }

  void addStaff(long userId, String role) {
    Api.Response added = api.put("/api/events/" + id + "/staff/" + userId, new JsonObject().put("role", role),
        organizer.token());
    assertEquals(true, added.status() == 200 || added.status() == 201 || added.status() == 204, added.body());
  }

  static JsonObject game(String key, String name, String scoring) {
    return new JsonObject().put("key", key).put("name", name).put("scoring", scoring);
  }

  Api.Response putGames(Object games) {
    return api.put("/api/events/" + id + "/games", games, organizer.token());
  }

  void games(JsonObject... games) {
    Api.Response put = putGames(new JsonArray(List.of((Object[]) games)));
    assertEquals(200, put.status(), put.body());
  }

  static JsonObject results(Object... teamValue) {
    JsonArray results = new JsonArray();
    for (int i = 0; i < teamValue.length; i += 2) {
      results.add(new JsonObject().put("team", teamValue[i]).put("value", teamValue[i + 1]));
    }
    return new JsonObject().put("results", results);
  }

  Api.Response post(String game, JsonObject sheet, String token) {
    return api.post("/api/events/" + id + "/games/" + game + "/results", sheet, token);
  }

  Api.Response entries(String game, JsonObject body, String token) {
    return api.put("/api/events/" + id + "/games/" + game + "/entries", body, token);
  }

  JsonObject standings() {
    Api.Response response = api.get("/api/events/" + id + "/standings");
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  /** The standings row of a team. */
  static JsonObject team(JsonObject standings, String team) {
    for (Object t : standings.getJsonArray("teams")) {
      if (team.equals(((JsonObject) t).getString("team"))) {
        return (JsonObject) t;
      }
    }
    throw new AssertionError("no team " + team + " in " + standings.encode());
  }

  static void execute(String sql, Object... args) {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
