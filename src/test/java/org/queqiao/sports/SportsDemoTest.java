package org.queqiao.sports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

/** A newcomer's demo: the sports day has its eight games and standings from half of them. */
class SportsDemoTest {
  @Test
  void theDemoSportsDayHasEightGamesAndHalfOfThemHaveResults() throws Exception {
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "demo-"));
    env.put("DATABASE_URL", TestApp.freshDatabaseUrl("sports_demo"));
    env.put("DEMO_DATA", "true");
    env.put("HTTP_INSTANCES", "1");
    try (Application demo = Application.start(AppConfig.fromEnvironment(env))) {
      Api api = new Api("http://127.0.0.1:" + demo.port());
      JsonObject list = api.get("/api/events?type=SPORTS_DAY").json();
      long id = list.getJsonArray("items").getJsonObject(0).getLong("id");
      JsonObject standings = api.get("/api/events/" + id + "/standings").json();
      JsonArray games = standings.getJsonArray("games");
      assertEquals(8, games.size(), standings.encode());
      assertEquals(4, games.stream().filter(g -> "DONE".equals(((JsonObject) g).getString("status"))).count());
      // 拔河 2,1,3,3 · 跳大绳 86,74,91,60 · 袋鼠跳 58.4,61.2,57.9,63 · 两人三足 21.5,19.8,23.1,19.8
      JsonObject leader = standings.getJsonArray("teams").getJsonObject(0);
      // 站前二社区队: 7 + 4 + 4 + 7 (tied first in 两人三足 with 铁西) = 22.
      assertEquals("team2", leader.getString("team"), standings.encode());
      assertEquals(22, leader.getInteger("points"));
      assertEquals(1, leader.getInteger("rank"));
      assertEquals(200, api.get("/events/" + id + "/standings/projector").status());
    }
  }
}
