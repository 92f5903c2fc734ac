package org.queqiao.sports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.EventStream;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** The public standings stream: the standings at once, then again within a second of a result from any instance. */
class StandingsStreamTest {
  private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

  @Test
  void aResultEnteredOnOneInstanceReachesTheStandingsStreamsOfEveryInstance() throws Exception {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    SportsDay day = SportsDay.create(api, organizer, 1, true);
    SportsDay quiet = SportsDay.create(api, organizer, 1, true);
    day.games(SportsDay.game("tug", "拔河", "PLACE"), SportsDay.game("run", "托球跑", "TIME_ASC"));
    quiet.games(SportsDay.game("tug", "拔河", "PLACE"));

    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "second-"));
    env.put("DATABASE_URL", TestApp.databaseUrl());
    Application second = Application.start(AppConfig.fromEnvironment(env));
    try {
      String secondUrl = "http://127.0.0.1:" + second.port();
      String path = "/api/events/" + day.id + "/standings/stream";
      try (EventStream onMain = EventStream.open(TestApp.baseUrl(), path, null);
          EventStream onSecond = EventStream.open(secondUrl, path, null);
          EventStream elsewhere = EventStream.open(TestApp.baseUrl(), "/api/events/" + quiet.id + "/standings/stream",
              null)) {
        assertEquals(200, onMain.status(), "public: no sign-in needed");
        assertTrue(onMain.header("Content-Type").orElse("").startsWith("text/event-stream"));
        assertEquals(0, points(next(onMain), "red"));
        assertEquals(0, points(next(onSecond), "red"));
        next(elsewhere);

        Api.Response viaSecond = new Api(secondUrl).post("/api/events/" + day.id + "/games/tug/results",
            SportsDay.results("red", 1, "blue", 2), day.judge.token());
        assertEquals(201, viaSecond.status(), viaSecond.body());
        assertEquals(7, points(next(onMain), "red"));
        assertEquals(7, points(next(onSecond), "red"));

        assertEquals(201, day.post("run", SportsDay.results("red", 20, "blue", 19.5), day.judge.token()).status());
        JsonObject afterRun = next(onSecond);
        assertEquals(12, points(afterRun, "red"), afterRun.encode());
        assertEquals(12, points(afterRun, "blue"), afterRun.encode());
        assertEquals(1, SportsDay.team(afterRun, "red").getInteger("rank"), "equal points and golds share rank 1");
        assertEquals(12, points(next(onMain), "blue"));

        assertEquals(200, day.post("run", SportsDay.results("red", 20, "blue", 19.5), day.judge.token()).status());
        assertEquals(Optional.empty(), onMain.next("standings", Duration.ofMillis(500)),
            "a duplicate changes nothing, so nothing is sent");
        assertEquals(Optional.empty(), elsewhere.next("standings", Duration.ofMillis(100)),
            "another event's stream hears nothing of these results");
      }
    } finally {
      second.close();
    }
  }

  private static JsonObject next(EventStream stream) throws InterruptedException {
    return stream.next("standings", WITHIN_A_SECOND)
        .orElseThrow(() -> new AssertionError("no standings within " + WITHIN_A_SECOND)).json();
  }

  private static int points(JsonObject standings, String team) {
    return SportsDay.team(standings, team).getInteger("points");
  }
}
