package org.queqiao.notify;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;

/** One inbox entry; its title and body are made from kind and params in the reader's language. */
public record Notification(long id, long userId, NotificationKind kind, Long eventId, JsonObject params,
    Instant at, boolean read) {

  static Notification from(Row row) {
    Object params = row.getValue("params");
    OffsetDateTime readAt = row.getOffsetDateTime("read_at");
    return new Notification(
        row.getLong("id"),
        row.getLong("user_id"),
        NotificationKind.valueOf(row.getString("kind")),
        row.getLong("event_id"),
        params instanceof JsonObject json ? json : new JsonObject(),
        row.getOffsetDateTime("created_at").toInstant(),
        readAt != null);
  }

  /**
   * Where the notification leads: the page named by its {@code link} parameter when it asks for
   * an answer there (an app path only, never another site), else its kind's page.
   */
  public String link() {
    if (params.getValue("link") instanceof String link && link.startsWith("/") && !link.startsWith("//")
        && !link.startsWith("/\\")) {
      return link;
    }
    return kind.path(eventId);
  }

  /** The parameters of a notification about an event: what the texts show of it. */
  public static JsonObject aboutEvent(String title, Instant startsAt, String timeZone, String venue) {
    return new JsonObject()
        .put("eventTitle", title)
        .put("startsAt", startsAt.toString())
        .put("timeZone", timeZone)
        .put("venue", venue);
  }
}
