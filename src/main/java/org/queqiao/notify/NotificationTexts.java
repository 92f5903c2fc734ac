package org.queqiao.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.queqiao.web.Times;
import org.queqiao.web.Messages;

/**
 * Titles and bodies in either language. Each text takes the same arguments: {0} event title,
 * {1} when, {2} venue, {3} waitlist position, {4} reason, {5} nickname, {6} badge.
 */
public final class NotificationTexts {
  private final Messages messages;

  public NotificationTexts(Messages messages) {
    this.messages = messages;
  }

  public record Text(String title, String body) {}

  public Text render(NotificationKind kind, JsonObject params, String lang) {
    Object[] args = args(params, lang);
    return new Text(
        messages.get(lang, "notify." + kind.name() + ".title", args),
        messages.get(lang, "notify." + kind.name() + ".body", args));
  }

  /**
   * The variables an SMS template is filled with (Chinese; providers cap each variable's length,
   * so long titles and venues are shortened): title, time, venue, deadline.
   */
  public JsonObject smsParams(JsonObject p) {
    return new JsonObject()
        .put("title", clip(p.getString("eventTitle", ""), 20))
        .put("time", displayTime(p, "startsAt", "zh"))
        .put("venue", clip(p.getString("venue", ""), 20))
        .put("deadline", displayTime(p, "deadline", "zh"));
  }

  private static String clip(String text, int max) {
    return text.codePointCount(0, text.length()) <= max ? text
        : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  private Object[] args(JsonObject p, String lang) {
    String when = displayTime(p, "startsAt", lang);
    String reason = p.getString("reason");
    String outcome = p.getValue("outcome") instanceof String o && (o.equals("CONFIRMED") || o.equals("WAITLISTED"))
        ? messages.get(lang, "notify.outcome." + o, p.getValue("position") == null ? "" : p.getValue("position"))
        : "";
    return new Object[] {
        p.getString("eventTitle", ""),
        when,
        p.getString("venue", ""),
        p.getValue("position") == null ? "" : String.valueOf(p.getValue("position")),
        reason == null || reason.isBlank() ? "" : messages.get(lang, "event.reason") + reason,
        p.getString("nickname", ""),
        p.getValue("badge") == null ? "" : String.valueOf(p.getValue("badge")),
        outcome,
        p.getString("subject", ""),
        p.getString("message", ""),
        displayTime(p, "deadline", lang)};
  }

  private static String displayTime(JsonObject p, String name, String lang) {
    String value = p.getString(name);
    if (value == null) {
      return "";
    }
    try {
      Instant instant = value.endsWith("Z") ? Instant.parse(value) : OffsetDateTime.parse(value).toInstant();
      return Times.display(instant, ZoneId.of(p.getString("timeZone", "Asia/Shanghai")), lang);
    } catch (DateTimeParseException e) {
      return value;
    }
  }
}
