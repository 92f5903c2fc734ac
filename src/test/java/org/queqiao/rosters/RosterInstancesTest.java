package org.queqiao.rosters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.EventStream;
import org.queqiao.support.TestApp;

/**
 * Two instances on one database: each import is read by one runner, whichever instance took the
 * upload; and progress reaches the streams of every instance. (The 100,000-row figure is a
 * benchmark: {@link RosterImportBenchmark}.)
 */
class RosterInstancesTest {
  private final Api api = TestApp.api();

  @Test
  void importsUploadedToTwoInstancesAreEachReadOnceAndStreamedEverywhere() throws Exception {
    RosterFixture a = new RosterFixture(api);
    RosterFixture b = new RosterFixture(api);
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "second-"));
    env.put("DATABASE_URL", TestApp.databaseUrl());
    Application second = Application.start(AppConfig.fromEnvironment(env));
    try {
      String secondUrl = "http://127.0.0.1:" + second.port();
      Api onSecond = new Api(secondUrl);
      byte[] fileA = RosterFixture.utf8(rows(12_000, a.subUnionName, 7));
      byte[] fileB = RosterFixture.utf8(rows(12_000, "", 11));

      Api.Response uploadA = onSecond.sendBytes("/api/unions/" + a.unionId + "/rosters", "POST", fileA, RosterFixture.CSV,
          a.organizer.token());
      assertEquals(202, uploadA.status(), uploadA.body());
      long importA = uploadA.json().getLong("importId");
      try (EventStream onMain = EventStream.open(TestApp.baseUrl(), "/api/roster-imports/" + importA + "/stream",
          a.organizer.token())) {
        Api.Response uploadB = a.upload(b.unionId, fileB, RosterFixture.CSV, b.organizer.token());
        assertEquals(202, uploadB.status(), uploadB.body());
        long importB = uploadB.json().getLong("importId");
        // Both instances look for work at once, as their periodic jobs and their uploads make them.
        TestApp.makeJobDue("roster-imports");

        JsonObject last = null;
        int events = 0;
        while (true) {
          Optional<EventStream.Event> next = onMain.next("progress", Duration.ofSeconds(60));
          assertTrue(next.isPresent(), "progress reaches the other instance's stream");
          last = next.get().json();
          events++;
          if (!"RUNNING".equals(last.getString("status"))) {
            break;
          }
        }
        assertEquals("DONE", last.getString("status"), last.encode());
        assertEquals(12_000, last.getInteger("done"));
        assertTrue(events >= 2, "the stream showed progress before the end: " + events);
        assertTrue(onMain.endsWithin(Duration.ofSeconds(2)), "the stream ends with the import");

        JsonObject doneA = RosterFixture.awaitFinished(api, importA, a.organizer.token());
        JsonObject doneB = RosterFixture.awaitFinished(onSecond, importB, b.organizer.token());
        for (JsonObject done : List.of(doneA, doneB)) {
          assertEquals("DONE", done.getString("status"));
          assertEquals(12_000, done.getInteger("rows"));
          assertEquals(12_000 - done.getInteger("refused"), done.getInteger("accepted"),
              "each row counted once: " + done.encode());
        }
        assertEquals(12_000 / 7 + 1, doneA.getInteger("refused"), "every 7th row has a bad mobile number");
        String refused = api.get("/api/roster-imports/" + importA + "/refused.csv", a.organizer.token()).body();
        assertEquals(doneA.getInteger("refused") + 1, refused.lines().count(), "each refusal written once");
        assertEquals((long) doneB.getInteger("accepted"),
            api.get("/api/unions/" + b.unionId + "/roster", b.organizer.token()).json().getLong("onRoster"));
      }
    } finally {
      second.close();
    }
  }

  /** {@code n} rows; every {@code badEvery}-th (from the first) has a bad mobile number, none when 0. */
  static List<List<String>> rows(int n, String union, int badEvery) {
    List<List<String>> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean bad = badEvery > 0 && i % badEvery == 0;
      rows.add(List.of("会员" + i, bad ? "1234" : RosterFixture.mobile(), RosterFixture.memberNo(), union));
    }
    return rows;
  }
}
