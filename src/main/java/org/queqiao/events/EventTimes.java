package org.queqiao.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times leave the API as ISO-8601 with the offset of the event's own time zone. */
public final class EventTimes {
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private EventTimes() {}

  public static String iso(Instant instant, ZoneId zone) {
    return instant == null ? null : ISO.format(instant.atZone(zone));
  }

  public static OffsetDateTime inZone(Instant instant, ZoneId zone) {
    return instant.atZone(zone).toOffsetDateTime();
  }
}
