package org.queqiao.series;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.queqiao.events.EventInput;
import org.queqiao.web.ApiError;
import org.queqiao.web.Times;

/**
 * A validated series as an organiser sends it: the fields its dates share, checked by the same
 * {@link EventInput} rules as one event, and one complete {@link EventInput} per date. A refusal
 * names every wrong field; a date's own fields as {@code dates[i].startsAt}.
 */
public record SeriesInput(String title, String description, List<EventInput> dates) {
  public static final int MAX_DATES = 52;

  /** What each date may set for itself; everything else is shared by every date of the series. */
  private static final List<String> DATE_FIELDS = List.of("startsAt", "endsAt", "registrationOpensAt",
      "registrationClosesAt", "matchingClosesAt");

  /** {@code now}: dates must lie after it. */
  public static SeriesInput parse(JsonObject body, Instant now) {
    Map<String, String> errors = new LinkedHashMap<>();
    JsonObject shared = body.copy();
    Object datesValue = shared.remove("dates");
    Object repeatValue = shared.remove("repeat");
    for (String perDate : DATE_FIELDS) {
      if (shared.getValue(perDate) != null) {
        errors.put(perDate, "field.series.perDate");
      }
      shared.remove(perDate);
    }
    ZoneId zone = EventInput.regionZone(shared.getValue("timeZone")).orElse(Times.DEFAULT_ZONE);
    JsonArray dates = null;
    String dateField = "dates";
    if (datesValue != null && repeatValue != null) {
      errors.put("dates", "field.series.datesOrRepeat");
    } else if (repeatValue != null) {
      dateField = "repeat";
      dates = Recurrence.parse(repeatValue, errors).map(rule -> rule.dates(zone)).orElse(null);
    } else if (!(datesValue instanceof JsonArray list) || list.isEmpty()) {
      errors.put("dates", "field.series.datesRequired");
    } else if (list.size() > MAX_DATES) {
      errors.put("dates", "field.series.tooManyDates");
    } else {
      dates = list;
    }

    List<EventInput> inputs = new ArrayList<>();
    if (dates == null) {
      // The shared fields are still checked, so one answer names everything that is wrong.
      collect(shared.copy().put("startsAt", "2100-01-01T10:00:00+08:00").put("endsAt", "2100-01-01T11:00:00+08:00"),
          null, errors);
    } else {
      Set<Instant> starts = new HashSet<>();
      for (int i = 0; i < dates.size(); i++) {
        String prefix = "repeat".equals(dateField) ? "repeat" : "dates[" + i + "]";
        if (!(dates.getValue(i) instanceof JsonObject date)) {
          errors.put(prefix, "field.series.date");
          continue;
        }
        JsonObject one = shared.copy();
        DATE_FIELDS.forEach(field -> one.put(field, date.getValue(field)));
        Optional<EventInput> input = collect(one, prefix, errors);
        input.ifPresent(inputs::add);
        String startField = "repeat".equals(dateField) ? "repeat" : prefix + ".startsAt";
        if (input.isPresent() && !input.get().startsAt().isAfter(now)) {
          errors.putIfAbsent(startField, "field.series.past");
        } else if (input.isPresent() && !starts.add(input.get().startsAt())) {
          errors.putIfAbsent(startField, "field.series.duplicate");
        }
      }
    }
    if (!errors.isEmpty()) {
      throw SeriesErrors.invalid(errors);
    }
    EventInput first = inputs.get(0);
    return new SeriesInput(first.title(), first.description(), List.copyOf(inputs));
  }

  /**
   * One date's body through the event rules. Its own fields' errors go under {@code prefix}
   * (or are dropped, when null: the stand-in date of a refused list); shared ones under their name, once.
   */
  private static Optional<EventInput> collect(JsonObject body, String prefix, Map<String, String> errors) {
    try {
      return Optional.of(EventInput.parse(body));
    } catch (ApiError refused) {
      refused.fields().forEach((field, message) -> {
        if (!DATE_FIELDS.contains(field)) {
          errors.putIfAbsent(field, message);
        } else if ("repeat".equals(prefix)) {
          errors.putIfAbsent("repeat", message);
        } else if (prefix != null) {
          errors.putIfAbsent(prefix + "." + field, message);
        }
      });
      return Optional.empty();
    }
  }
}
