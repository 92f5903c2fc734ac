package org.queqiao.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.db.DatabaseTarget;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;
import org.queqiao.web.Messages;

/**
 * Quiet hours with a clock the test sets: nothing between 22:00 and 08:00 Beijing time except the
 * cancellation of an event starting within 12 hours; the rest goes at 08:00, oldest first, once.
 */
class QuietHoursTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final SmsStandIn provider = new SmsStandIn();
  private final Vertx vertx = Vertx.vertx();
  private Application app;

  /** A clock that stands still wherever the test puts it. */
  private static final class SetClock extends Clock {
    private volatile Instant now;

    SetClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    vertx.close().await();
    provider.close();
  }

  @Test
  void heldMessagesGoAtEightOldestFirstAndOnceWhileUrgentCancellationsGoAtOnce() throws Exception {
    String database = TestApp.freshDatabaseUrl("sms_quiet_hours");
    Map<String, String> env = SmsDeliveryTest.smsEnvironment(provider.endpoint(), database);
    env.put("QUIET_HOURS", "22:00-08:00");
    // The instance's own sender waits an hour between rounds: here the test's sender, with its clock, sends.
    env.put("EMAIL_POLL_SECONDS", "3600");
    AppConfig config = AppConfig.fromEnvironment(env);
    app = Application.start(config);
    Api api = new Api("http://127.0.0.1:" + app.port());

    ZonedDateTime realNow = ZonedDateTime.now(SHANGHAI);
    ZonedDateTime lateEvening = realNow.toLocalDate().atTime(23, 0).atZone(SHANGHAI);
    if (!lateEvening.isAfter(realNow)) {
      lateEvening = lateEvening.plusDays(1);
    }
    Api.Member organizer = Events.organizer(api, api.adminToken());
    Api.Member first = api.registerAndLogin();
    Api.Member second = api.registerAndLogin();
    Api.Member urgent = api.registerAndLogin();
    OffsetDateTime farOff = lateEvening.plusDays(3).toOffsetDateTime();
    OffsetDateTime tonight = lateEvening.plusHours(6).toOffsetDateTime();
    for (Api.Member member : List.of(first, second)) {
      cancel(api, organizer, member, farOff);
    }
    cancel(api, organizer, urgent, tonight);

    SetClock clock = new SetClock(lateEvening.toInstant());
    Pool pool = PgBuilder.pool().connectingTo(DatabaseTarget.fromUrl(database).connectOptions()).using(vertx).build();
    SmsSender sender = new SmsSender(config, pool, new SmsOutboxRepository(), new NotificationTexts(Messages.load()), clock);
    vertx.deployVerticle(sender).await();

    assertEquals(1, sender.sendDue().await(), "at 23:00 only the cancellation of tonight's event goes");
    assertEquals(List.of(urgent.login()), phones());
    clock.now = lateEvening.plusHours(8).plusMinutes(59).toInstant();
    assertEquals(0, sender.sendDue().await(), "07:59: still quiet");
    assertTrue(SmsDeliveryTest.smsStatus(database, first.id(), "EVENT_CANCELLED").startsWith("PENDING/0/"),
        "held, not tried");
    clock.now = lateEvening.plusHours(9).toInstant();
    assertEquals(2, sender.sendDue().await(), "08:00: the held ones go");
    assertEquals(List.of(urgent.login(), first.login(), second.login()), phones(), "oldest first");
    assertEquals(0, sender.sendDue().await(), "and each once");
    assertEquals(List.of(), provider.rejected);
  }

  private List<String> phones() {
    return provider.accepted.stream().map(SmsStandIn.Received::phone).toList();
  }

  private static void cancel(Api api, Api.Member organizer, Api.Member member, OffsetDateTime startsAt) {
    long id = Events.published(api, organizer.token(), Events.body("READING_SALON", "静默" + Events.token(), startsAt)
        .put("capacity", 10));
    assertEquals(201, api.post("/api/events/" + id + "/rsvp", null, member.token()).status());
    assertEquals(200, api.post("/api/events/" + id + "/cancel", new JsonObject(), organizer.token()).status());
  }
}
