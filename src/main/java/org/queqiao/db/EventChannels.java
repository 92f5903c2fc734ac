package org.queqiao.db;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings what any instance wrote to this instance's live pages: one LISTEN connection per instance
 * (reconnecting) on each channel a feature names, each notification republished on the local event
 * bus for the event it is about. Writers send {@code pg_notify(channel, json)} with an
 * {@code eventId} inside their transaction, so PostgreSQL delivers it when — and only if — the
 * change commits, to every listening instance. Live pages subscribe with {@link #subscribe}.
 */
public final class EventChannels extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(EventChannels.class);
  private final PgConnectOptions database;
  private final List<String> channels;
  private PgSubscriber subscriber;

  public EventChannels(PgConnectOptions database, List<String> channels) {
    this.database = database;
    this.channels = List.copyOf(channels);
  }

  @Override
  public Future<?> start() {
    subscriber = PgSubscriber.subscriber(vertx, database)
        .reconnectPolicy(attempt -> Math.min(30_000L, 500L * (attempt + 1)));
    channels.forEach(channel -> subscriber.channel(channel).handler(payload -> republish(channel, payload)));
    return subscriber.connect();
  }

  @Override
  public Future<?> stop() {
    return subscriber.close();
  }

  /** Calls {@code handler} on the caller's event loop for each notification on this channel about this event. */
  public static MessageConsumer<JsonObject> subscribe(Vertx vertx, String channel, long eventId,
      Handler<JsonObject> handler) {
    return vertx.eventBus().<JsonObject>localConsumer(address(channel, eventId), message -> handler.handle(message.body()));
  }

  private void republish(String channel, String payload) {
    try {
      JsonObject notice = new JsonObject(payload);
      vertx.eventBus().publish(address(channel, notice.getLong("eventId")), notice);
    } catch (RuntimeException e) {
      LOG.warn("Ignoring a malformed notification on {}", channel, e);
    }
  }

  private static String address(String channel, long eventId) {
    return "queqiao." + channel + "." + eventId;
  }
}
