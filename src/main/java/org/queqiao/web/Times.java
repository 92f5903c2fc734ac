package org.queqiao.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times leave the API as ISO-8601 with the offset of the event's own time zone. */
public final class Times {
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private Times() {}

  public static String iso(Instant instant, ZoneId zone) {
    return instant == null ? null : ISO.format(instant.atZone(zone));
  }

  private static final DateTimeFormatter ZH_DAY = DateTimeFormatter.ofPattern("M月d日 EEE HH:mm", java.util.Locale.SIMPLIFIED_CHINESE);
  private static final DateTimeFormatter EN_DAY = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", java.util.Locale.ENGLISH);

  private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

  public static String hourMinute(Instant instant, ZoneId zone) {
    return HOUR_MINUTE.format(instant.atZone(zone));
  }

  /** A moment as people read it, in the event's zone: "12月5日 周六 19:00" / "Sat 5 Dec 19:00". */
  public static String display(Instant instant, ZoneId zone, String lang) {
    return ("zh".equals(lang) ? ZH_DAY : EN_DAY).format(instant.atZone(zone));
  }
}
