package org.queqiao.series;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.events.EventForm;

/**
 * The series form in the API's shape: the fields its dates share are the event form's own
 * ({@link EventForm}: seats, teams, audience, ages, approval, questions), and the dates come either
 * from a repeat rule or from a list of rows.
 */
final class SeriesForm {
  static final int DATE_ROWS = 6;
  static final String REPEAT = "REPEAT";
  static final String LIST = "LIST";

  private SeriesForm() {}

  static JsonObject bodyFromForm(RoutingContext ctx) {
    JsonObject body = EventForm.bodyFromForm(ctx, null);
    var form = ctx.request().formAttributes();
    if (LIST.equals(form.get("datesMode"))) {
      JsonArray dates = new JsonArray();
      for (Map<String, Object> row : filledRows(dateRowsFromForm(ctx))) {
        dates.add(new JsonObject().put("startsAt", row.get("startsAt")).put("endsAt", row.get("endsAt")));
      }
      body.put("dates", dates);
    } else {
      body.put("repeat", new JsonObject()
          .put("every", form.get("repeatEvery"))
          .put("week", form.get("repeatWeek"))
          .put("weekday", form.get("repeatWeekday"))
          .put("from", form.get("repeatFrom"))
          .put("times", form.get("repeatTimes"))
          .put("startTime", form.get("repeatStartTime"))
          .put("endTime", form.get("repeatEndTime")));
    }
    return body;
  }

  /** The blank form: a monthly rule (the common case) from tomorrow, and empty rows for a list. */
  static Map<String, Object> blank(LocalDate tomorrow) {
    Map<String, Object> form = new HashMap<>();
    form.put("type", "READING_SALON");
    form.put("teams", EventForm.teamRows(List.of()));
    form.put("questions", EventForm.questionRows(List.of()));
    form.put("datesMode", REPEAT);
    form.put("repeatEvery", "MONTH");
    form.put("repeatWeek", "2");
    form.put("repeatWeekday", "SATURDAY");
    form.put("repeatFrom", tomorrow.toString());
    form.put("repeatTimes", "6");
    form.put("repeatStartTime", "14:00");
    form.put("repeatEndTime", "16:00");
    form.put("dateRows", dateRows(List.of()));
    return form;
  }

  /** The form as typed, to show again with the refusal. */
  static Map<String, Object> typed(RoutingContext ctx) {
    Map<String, Object> form = new HashMap<>();
    ctx.request().formAttributes().names().forEach(name -> form.put(name, ctx.request().getFormAttribute(name)));
    form.put("teams", EventForm.teamRowsFromForm(ctx));
    form.put("questions", EventForm.questionRowsFromForm(ctx));
    form.put("dateRows", dateRows(dateRowsFromForm(ctx)));
    return form;
  }

  /** Rows numbered from 1, at least {@link #DATE_ROWS}, so more dates fit after a refusal too. */
  static List<Map<String, Object>> dateRows(List<Map<String, Object>> typed) {
    List<Map<String, Object>> rows = new ArrayList<>(typed);
    while (rows.size() < DATE_ROWS) {
      rows.add(Map.of("startsAt", "", "endsAt", ""));
    }
    List<Map<String, Object>> numbered = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = new HashMap<>(rows.get(i));
      row.put("n", i + 1);
      numbered.add(row);
    }
    return numbered;
  }

  private static List<Map<String, Object>> dateRowsFromForm(RoutingContext ctx) {
    List<String> starts = ctx.request().formAttributes().getAll("dateStartsAt");
    List<String> ends = ctx.request().formAttributes().getAll("dateEndsAt");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < Math.max(starts.size(), ends.size()); i++) {
      rows.add(Map.of("startsAt", i < starts.size() ? starts.get(i) : "", "endsAt", i < ends.size() ? ends.get(i) : ""));
    }
    return rows;
  }

  /** The rows with a start or an end typed in; the API numbers them from 0 in this order. */
  static List<Map<String, Object>> filledRows(List<Map<String, Object>> rows) {
    return rows.stream()
        .filter(row -> !String.valueOf(row.get("startsAt")).isBlank() || !String.valueOf(row.get("endsAt")).isBlank())
        .toList();
  }

  /** The form's rows of the dates the API numbered {@code dates[i]}: row numbers, from 1. */
  static List<Integer> filledRowNumbers(RoutingContext ctx) {
    List<Map<String, Object>> rows = dateRowsFromForm(ctx);
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (!filledRows(List.of(rows.get(i))).isEmpty()) {
        numbers.add(i + 1);
      }
    }
    return numbers;
  }
}
