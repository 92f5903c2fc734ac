package org.queqiao.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.queqiao.rsvp.SeatFixture.count;
import static org.queqiao.rsvp.SeatFixture.status;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/**
 * A second instance on the same database runs the same jobs: offer expiry, reconfirmation requests,
 * releases and no-show records each take effect once, however many instances look and however
 * often the jobs fall due.
 */
class SeatJobsAcrossInstancesTest {
  private static final List<String> JOBS = List.of("seat-offer-expiry", "reconfirm-requests", "reconfirm-releases",
      "no-show-records");
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
  void eachJobTakesEffectOnceWithTwoInstances() throws Exception {
    Api api = TestApp.api();
    Api onSecond = new Api("http://127.0.0.1:" + second.port());
    Api.Member organizer = Events.organizer(api, api.adminToken());
    Api.Member a = api.registerAndLogin();
    Api.Member b = api.registerAndLogin();
    Api.Member c = api.registerAndLogin();

    long offers = Events.published(api, organizer.token(), Events.salon("两台·让座 " + Events.token(), 1)
        .put("offerHours", 2));
    for (Api.Member m : List.of(a, b, c)) {
      api.post("/api/events/" + offers + "/rsvp", null, m.token());
    }
    onSecond.send("/api/events/" + offers + "/rsvp", "DELETE", null, a.token(), Map.of());
    SeatFixture.expireOffer(offers, b.id());

    long asks = Events.published(api, organizer.token(), Events.salon("两台·确认 " + Events.token(), 1)
        .put("reconfirmHours", 2));
    api.post("/api/events/" + asks + "/rsvp", null, a.token());
    SeatFixture.confirmedLongAgo(asks);
    SeatFixture.startsIn(asks, 90);

    long releases = Events.published(api, organizer.token(), Events.salon("两台·让出 " + Events.token(), 1)
        .put("reconfirmHours", 2));
    api.post("/api/events/" + releases + "/rsvp", null, b.token());
    api.post("/api/events/" + releases + "/rsvp", null, c.token());
    SeatFixture.confirmedLongAgo(releases);
    SeatFixture.sql("UPDATE rsvps SET reconfirm_requested_at = now() - interval '1 hour' WHERE event_id = ?"
        + " AND status = 'CONFIRMED'", releases);
    SeatFixture.startsIn(releases, 50);

    long ended = Events.published(api, organizer.token(), Events.salon("两台·缺席 " + Events.token(), 1));
    api.post("/api/events/" + ended + "/rsvp", null, c.token());
    SeatFixture.sql("UPDATE events SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 minute'"
        + " WHERE id = ?", ended);

    for (int round = 0; round < 4; round++) {
      for (String job : JOBS) {
        SeatFixture.runJobOnce(job);
      }
    }

    assertEquals("OFFER_EXPIRED", status(api, b, offers));
    assertEquals(1, count(api, b, offers, "OFFER_EXPIRED"));
    assertEquals("OFFERED", status(api, c, offers));
    assertEquals(1, count(api, c, offers, "SEAT_OFFERED"));
    assertEquals(1, count(api, a, asks, "RECONFIRM_REQUESTED"));
    assertEquals("RELEASED", status(api, b, releases));
    assertEquals(1, count(api, b, releases, "SEAT_RELEASED"));
    assertEquals("CONFIRMED", status(api, c, releases));
    assertEquals(1, count(api, c, releases, "PROMOTED_FROM_WAITLIST"));
    assertEquals(new JsonObject().put("noShows12Months", 1).put("attended12Months", 0),
        onSecond.get("/api/me/record", c.token()).json());
    for (long id : List.of(offers, asks, releases, ended)) {
      SeatFixture.assertPoolsHold(id);
    }
  }
}
