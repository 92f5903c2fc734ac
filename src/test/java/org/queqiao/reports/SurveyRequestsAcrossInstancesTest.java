package org.queqiao.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.queqiao.reports.ReportFixture.count;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** Two instances run the survey job on one database: each checked-in attendee is asked exactly once. */
class SurveyRequestsAcrossInstancesTest {
  private static Application second;

  @BeforeAll
  static void startSecondInstance() throws Exception {
    TestApp.get();
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "second-"));
    env.put("DATABASE_URL", TestApp.databaseUrl());
    second = Application.start(AppConfig.fromEnvironment(env));
  }

  @AfterAll
  static void stopSecondInstance() {
    second.close();
  }

  @Test
  void eachAttendeeIsAskedOnceHoweverManyInstancesRunTheJob() throws Exception {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long event = Events.published(api, organizer.token(), Events.salon("两台·评价 " + Events.token(), 5));
    Api.Member came = api.registerAndLogin();
    Api.Member alsoCame = api.registerAndLogin();
    Api.Member stayedHome = api.registerAndLogin();
    ReportFixture.checkIn(ReportFixture.signUp(api, came, event));
    ReportFixture.checkIn(ReportFixture.signUp(api, alsoCame, event));
    ReportFixture.signUp(api, stayedHome, event);
    ReportFixture.heldAt(event, OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(3).minusMinutes(1).toString());

    String asked = "SELECT count(*) FROM notifications WHERE kind = 'SURVEY' AND event_id = ?";
    for (int round = 0; round < 4; round++) {
      TestApp.makeJobDue("survey-requests");
      long deadline = System.currentTimeMillis() + 10_000;
      while (count("SELECT count(*) FROM scheduled_jobs WHERE name = 'survey-requests' AND next_run_at <= now()") > 0
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(300);
    }
    long settle = System.currentTimeMillis() + 10_000;
    while (count("SELECT count(*) FROM scheduled_jobs WHERE name = 'survey-requests'"
        + " AND (last_finished_at IS NULL OR last_finished_at < last_started_at)") > 0 && System.currentTimeMillis() < settle) {
      Thread.sleep(100);
    }
    assertEquals(2, count(asked, event));
    assertEquals(1, count(asked + " AND user_id = ?", event, came.id()));
    assertEquals(1, count(asked + " AND user_id = ?", event, alsoCame.id()));
    assertEquals(0, count(asked + " AND user_id = ?", event, stayedHome.id()));

    Api onSecond = new Api("http://127.0.0.1:" + second.port());
    JsonObject newest = onSecond.get("/api/me/notifications", came.token()).json().getJsonArray("items").getJsonObject(0);
    assertEquals("SURVEY", newest.getString("kind"));
    assertEquals("/events/" + event + "/survey", newest.getString("link"));
  }
}
