package org.queqiao.checkin;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings check-ins made on any instance to this instance's live dashboards: a verticle holding one
 * LISTEN connection per instance (reconnecting), republished on the local event bus per event.
 * Dashboards subscribe with {@link #onCheckin}, from any event loop of this instance.
 */
public final class AttendanceHub extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AttendanceHub.class);
  private final PgConnectOptions database;
  private PgSubscriber subscriber;

  public AttendanceHub(PgConnectOptions database) {
    this.database = database;
  }

  @Override
  public Future<?> start() {
    subscriber = PgSubscriber.subscriber(vertx, database)
        .reconnectPolicy(attempt -> Math.min(30_000L, 500L * (attempt + 1)));
    subscriber.channel(CheckinRepository.CHANNEL).handler(this::republish);
    return subscriber.connect();
  }

  @Override
  public Future<?> stop() {
    return subscriber.close();
  }

  /** Calls {@code handler} on the caller's event loop for each check-in at this event. */
  public static MessageConsumer<JsonObject> onCheckin(Vertx vertx, long eventId, io.vertx.core.Handler<JsonObject> handler) {
    return vertx.eventBus().<JsonObject>localConsumer(address(eventId), message -> handler.handle(message.body()));
  }

  private void republish(String payload) {
    try {
      JsonObject checkin = new JsonObject(payload);
      vertx.eventBus().publish(address(checkin.getLong("eventId")), checkin);
    } catch (RuntimeException e) {
      LOG.warn("Ignoring a malformed check-in notification", e);
    }
  }

  private static String address(long eventId) {
    return "queqiao.attendance." + eventId;
  }
}
