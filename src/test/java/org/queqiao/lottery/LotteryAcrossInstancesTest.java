package org.queqiao.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/**
 * Two app instances on one database: the job that draws closed lotteries runs on both, and
 * managers may press "draw" on both at once; each lottery is drawn once and each applicant told once.
 */
class LotteryAcrossInstancesTest {
  private static Application second;
  private static Api onFirst;
  private static Api onSecond;
  private static Api.Member organizer;

  @BeforeAll
  static void startSecondInstance() throws Exception {
    TestApp.get();
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "lottery-second-"));
    env.put("DATABASE_URL", TestApp.databaseUrl());
    second = Application.start(AppConfig.fromEnvironment(env));
    onFirst = TestApp.api();
    onSecond = new Api("http://127.0.0.1:" + second.port());
    organizer = Events.organizer(onFirst, onFirst.adminToken());
  }

  @AfterAll
  static void stopSecondInstance() {
    second.close();
  }

  private static long closedLotteryWith(int applicants) {
    long eventId = Events.published(onFirst, organizer.token(), Lotteries.salon("两台抽签 " + Events.token(), 3));
    for (Members.Member m : Members.insert(applicants, "吴")) {
      assertEquals(201, Lotteries.apply(onFirst, m.token(), eventId, new JsonObject()).status());
    }
    Lotteries.closeRegistration(eventId);
    return eventId;
  }

  private static void assertDrawnOnce(long eventId, int applicants) {
    assertEquals(1, Lotteries.count("SELECT count(*) FROM lotteries WHERE event_id = ? AND drawn_at IS NOT NULL", eventId));
    assertEquals(applicants, Lotteries.count("SELECT count(*) FROM lottery_results WHERE event_id = ?", eventId));
    assertEquals(applicants, Lotteries.count("SELECT count(*) FROM notifications WHERE event_id = ?"
        + " AND kind IN ('LOTTERY_WON', 'LOTTERY_WAITLISTED')", eventId), "each applicant is told once");
    assertEquals(applicants, Lotteries.count("SELECT count(DISTINCT user_id) FROM notifications WHERE event_id = ?"
        + " AND kind IN ('LOTTERY_WON', 'LOTTERY_WAITLISTED')", eventId));
    assertEquals(3, Lotteries.count("SELECT confirmed FROM event_pools WHERE event_id = ?", eventId));
  }

  @Test
  void theJobOnTwoInstancesDrawsAClosedLotteryOnce() throws Exception {
    long eventId = closedLotteryWith(8);
    TestApp.makeJobDue("lottery-draws");
    long deadline = System.currentTimeMillis() + 20_000;
    while (Lotteries.count("SELECT count(*) FROM lotteries WHERE event_id = ? AND drawn_at IS NOT NULL", eventId) == 0) {
      assertTrue(System.currentTimeMillis() < deadline, "the job drew the lottery within 20 s");
      Thread.sleep(200);
    }
    Thread.sleep(2500);
    assertDrawnOnce(eventId, 8);
    assertEquals(0, Lotteries.count("SELECT count(*) FROM lotteries WHERE event_id = ? AND drawn_by IS NOT NULL", eventId),
        "the job drew it, not a person");
    JsonObject draw = onSecond.get("/api/events/" + eventId + "/draw", null).json();
    assertEquals(8, draw.getJsonArray("results").size(), "both instances publish the same draw");
    assertEquals(draw, onFirst.get("/api/events/" + eventId + "/draw", null).json());
  }

  @Test
  void managersDrawingOnBothInstancesAtOnceDrawOnce() throws Exception {
    long eventId = closedLotteryWith(7);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Api.Response>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        Api api = i % 2 == 0 ? onFirst : onSecond;
        Callable<Api.Response> press = () -> {
          start.await();
          return api.post("/api/events/" + eventId + "/draw", null, organizer.token());
        };
        answers.add(pool.submit(press));
      }
      start.countDown();
      int drew = 0;
      for (Future<Api.Response> answer : answers) {
        Api.Response r = answer.get();
        if (r.status() == 200) {
          drew++;
        } else {
          assertEquals(409, r.status(), r.body());
          assertEquals("ALREADY_DRAWN", r.errorCode());
        }
      }
      // The job may have got there first (it draws closed lotteries every minute); never twice.
      assertTrue(drew <= 1, drew + " managers drew the same lottery");
    } finally {
      pool.shutdownNow();
    }
    assertDrawnOnce(eventId, 7);
  }
}
