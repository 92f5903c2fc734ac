package org.queqiao.checkin;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.queqiao.db.EventChannels;

/**
 * Check-ins made on any instance, for this instance's live dashboards: the check-in channel of
 * {@link EventChannels}, which the composition root deploys listening on {@link CheckinRepository#CHANNEL}.
 */
public final class AttendanceHub {
  private AttendanceHub() {}

  /** Calls {@code handler} on the caller's event loop for each check-in at this event. */
  public static MessageConsumer<JsonObject> onCheckin(Vertx vertx, long eventId, Handler<JsonObject> handler) {
    return EventChannels.subscribe(vertx, CheckinRepository.CHANNEL, eventId, handler);
  }
}
