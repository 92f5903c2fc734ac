package org.queqiao.rosters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

/**
 * The speed target, 100,000 roster rows within a minute, measured against the real app
 * and database. A benchmark, not part of the test suite (tag {@code benchmark}, excluded by
 * default): {@code bash src/bench/rosters.sh} runs it and docs/benchmarks.md records the figure.
 */
@Tag("benchmark")
class RosterImportBenchmark {
  private final Api api = TestApp.api();

  @Test
  void aHundredThousandRowsImportWithinAMinute() {
    RosterFixture f = new RosterFixture(api);
    byte[] file = RosterFixture.utf8(RosterInstancesTest.rows(100_000, f.subUnionName, 0));
    long started = System.nanoTime();
    JsonObject done = f.importRoster(file, RosterFixture.CSV);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertEquals("DONE", done.getString("status"), done.encode());
    assertEquals(100_000, done.getInteger("accepted"));
    System.out.printf("roster import: 100000 rows (%d KiB CSV) in %d ms%n", file.length / 1024, took.toMillis());
    assertTrue(took.compareTo(Duration.ofMinutes(1)) < 0, "took " + took);

    long again = System.nanoTime();
    assertEquals(100_000, f.importRoster(file, RosterFixture.CSV).getInteger("accepted"));
    System.out.printf("roster re-import (no change): 100000 rows in %d ms%n",
        Duration.ofNanos(System.nanoTime() - again).toMillis());
  }

}
