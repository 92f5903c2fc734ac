package org.queqiao.series;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.queqiao.web.Numbers;
import org.queqiao.web.Times;

/**
 * "Every 2nd Saturday of the month, 6 times, 14:00–16:00" or "every (other) week": the dates a
 * rule names, computed on the wall clock of the series' time zone, so a date stays at 14:00 local
 * time whatever the offset does between dates.
 *
 * <p>The rule: {@code {"every":"MONTH"|"WEEK"|"TWO_WEEKS", "weekday":"SATURDAY", "week":1..4|-1
 * (MONTH only; -1 is the last), "from":"2027-01-01", "times":n, "startTime":"14:00",
 * "endTime":"16:00"}}. The first date is the first matching day on or after {@code from}.
 */
public record Recurrence(Every every, DayOfWeek weekday, int week, LocalDate from, int times, LocalTime startTime,
    LocalTime endTime) {

  public enum Every { MONTH, WEEK, TWO_WEEKS }

  /** Validates the rule; errors go into {@code errors} under {@code repeat.<field>}. */
  static Optional<Recurrence> parse(Object value, Map<String, String> errors) {
    if (!(value instanceof JsonObject rule)) {
      errors.put("repeat", "field.series.repeat");
      return Optional.empty();
    }
    Every every = parseEnum(Every.class, rule.getValue("every"));
    if (every == null) {
      errors.put("repeat.every", "field.series.repeat.every");
    }
    DayOfWeek weekday = parseEnum(DayOfWeek.class, rule.getValue("weekday"));
    if (weekday == null) {
      errors.put("repeat.weekday", "field.series.repeat.weekday");
    }
    int week = 0;
    if (every == Every.MONTH) {
      Optional<Long> n = Numbers.whole(rule.getValue("week"), -1, 4);
      if (n.isEmpty() || n.get() == 0) {
        errors.put("repeat.week", "field.series.repeat.week");
      } else {
        week = n.get().intValue();
      }
    }
    LocalDate from = null;
    try {
      from = rule.getValue("from") instanceof String s ? LocalDate.parse(s.strip()) : null;
    } catch (DateTimeException e) {
      from = null;
    }
    if (from == null) {
      errors.put("repeat.from", "field.series.repeat.from");
    }
    Optional<Long> times = Numbers.whole(rule.getValue("times"), 1, SeriesInput.MAX_DATES);
    if (times.isEmpty()) {
      errors.put("repeat.times", "field.series.repeat.times");
    }
    LocalTime start = time(rule.getValue("startTime"));
    LocalTime end = time(rule.getValue("endTime"));
    if (start == null) {
      errors.put("repeat.startTime", "field.series.repeat.time");
    }
    if (end == null) {
      errors.put("repeat.endTime", "field.series.repeat.time");
    } else if (start != null && !end.isAfter(start)) {
      errors.put("repeat.endTime", "field.event.endsBeforeStart");
    }
    if (every == null || weekday == null || (every == Every.MONTH && week == 0) || from == null || times.isEmpty()
        || start == null || end == null || !end.isAfter(start)) {
      return Optional.empty();
    }
    return Optional.of(new Recurrence(every, weekday, week, from, times.get().intValue(), start, end));
  }

  /** The days the rule names, in order. */
  public List<LocalDate> days() {
    List<LocalDate> days = new ArrayList<>();
    if (every == Every.MONTH) {
      for (YearMonth month = YearMonth.from(from); days.size() < times; month = month.plusMonths(1)) {
        LocalDate first = month.atDay(1);
        LocalDate day = week < 0 ? first.with(TemporalAdjusters.lastInMonth(weekday))
            : first.with(TemporalAdjusters.dayOfWeekInMonth(week, weekday));
        if (!day.isBefore(from)) {
          days.add(day);
        }
      }
    } else {
      LocalDate day = from.with(TemporalAdjusters.nextOrSame(weekday));
      int step = every == Every.WEEK ? 1 : 2;
      for (int i = 0; i < times; i++) {
        days.add(day.plusWeeks((long) i * step));
      }
    }
    return days;
  }

  /** The dates as the API's {@code dates} list, with offsets of {@code zone} on each day. */
  public JsonArray dates(ZoneId zone) {
    JsonArray dates = new JsonArray();
    for (LocalDate day : days()) {
      dates.add(new JsonObject()
          .put("startsAt", Times.iso(day.atTime(startTime).atZone(zone).toInstant(), zone))
          .put("endsAt", Times.iso(day.atTime(endTime).atZone(zone).toInstant(), zone)));
    }
    return dates;
  }

  private static LocalTime time(Object value) {
    if (!(value instanceof String s) || !s.strip().matches("\\d{1,2}:\\d{2}")) {
      return null;
    }
    try {
      return LocalTime.parse(s.strip().length() == 4 ? "0" + s.strip() : s.strip());
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, Object value) {
    if (!(value instanceof String s)) {
      return null;
    }
    try {
      return Enum.valueOf(type, s.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
