package org.queqiao.reports;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.queqiao.web.Messages;
import org.queqiao.web.Times;

/** What the report pages show: figures, charts and the tables beside them, in the reader's language. */
final class ReportViews {
  private ReportViews() {}

  static Map<String, Object> event(EventReport report, Messages messages, String lang) {
    Map<String, Object> model = new HashMap<>();
    var counts = report.counts();
    model.put("figures", List.of(
        figure(messages.get(lang, "report.col.signups"), Long.toString(report.signups())),
        figure(messages.get(lang, "report.col.confirmed"), counts.confirmed() + " / " + counts.capacity()),
        figure(messages.get(lang, "report.col.waitlisted"), Long.toString(counts.waitlisted())),
        figure(messages.get(lang, "report.col.checkedIn"), Long.toString(counts.checkedIn())),
        figure(messages.get(lang, "report.col.noShows"), report.ended() ? Long.toString(report.noShows())
            : messages.get(lang, "report.notEnded")),
        figure(messages.get(lang, "report.col.attendanceRate"), percent(report.attendanceRate()))));
    model.put("demand", messages.get(lang, "report.demand", counts.everSignedUp(), counts.capacity(),
        counts.waitlisted(), percent(report.demand())));

    List<String> days = new ArrayList<>();
    List<Double> totals = new ArrayList<>();
    List<Map<String, Object>> dayRows = new ArrayList<>();
    long total = 0;
    for (ReportRepository.Day d : report.signupDays()) {
      total += d.count();
      String label = d.day().toString().substring(5);
      days.add(label);
      totals.add((double) total);
      dayRows.add(Map.of("label", d.day().toString(), "count", d.count(), "total", total));
    }
    model.put("signupChart", Charts.line("signups-chart", messages.get(lang, "report.chart.signups"),
        messages.get(lang, "report.chart.signupsDesc", total, days.size()), days,
        new Charts.Series(messages.get(lang, "report.col.total"), totals)));
    model.put("signupRows", dayRows);

    List<String> slots = new ArrayList<>();
    List<Double> arrived = new ArrayList<>();
    List<Map<String, Object>> slotRows = new ArrayList<>();
    long came = 0;
    for (ReportRepository.Slot s : report.arrivals()) {
      came += s.count();
      String label = Times.hourMinute(s.start(), report.event().zone());
      slots.add(label);
      arrived.add((double) came);
      slotRows.add(Map.of("label", label, "count", s.count(), "total", came));
    }
    model.put("arrivalChart", Charts.line("arrivals-chart", messages.get(lang, "report.chart.arrivals"),
        messages.get(lang, "report.chart.arrivalsDesc", came), slots,
        new Charts.Series(messages.get(lang, "report.col.total"), arrived)));
    model.put("arrivalRows", slotRows);

    var survey = report.survey();
    List<String> stars = List.of("1★", "2★", "3★", "4★", "5★");
    List<Double> counted = new ArrayList<>();
    List<Map<String, Object>> starRows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      counted.add((double) survey.ratingCounts()[i]);
      starRows.add(Map.of("label", stars.get(i), "count", survey.ratingCounts()[i]));
    }
    model.put("answers", survey.answers());
    model.put("averageRating", survey.averageRating() == null ? "—" : Charts.number(survey.averageRating()));
    model.put("ratingChart", Charts.bars("ratings-chart", messages.get(lang, "report.chart.ratings"),
        messages.get(lang, "report.chart.ratingsDesc", survey.answers(), model.get("averageRating")), stars,
        List.of(new Charts.Series(messages.get(lang, "report.col.answers"), counted))));
    model.put("ratingRows", starRows);
    model.put("comments", survey.comments().stream().map(c -> Map.of("rating", c.rating(), "text", c.text(),
        "author", c.displayName() == null ? messages.get(lang, "report.anonymous") : c.displayName())).toList());
    return model;
  }

  static Map<String, Object> dashboard(Dashboard dashboard, Messages messages, String lang) {
    Map<String, Object> model = new HashMap<>();
    var months = dashboard.byMonth();
    List<String> labels = new ArrayList<>(months.keySet());
    Set<String> types = new LinkedHashSet<>();
    dashboard.rows().forEach(f -> types.add(f.type()));

    List<Charts.Series> byType = new ArrayList<>();
    for (String type : types) {
      List<Double> values = new ArrayList<>();
      for (String month : labels) {
        values.add((double) dashboard.rows().stream().filter(f -> f.month().equals(month) && f.type().equals(type))
            .mapToLong(DashboardRepository.Figures::events).sum());
      }
      byType.add(new Charts.Series(messages.get(lang, "eventType." + type), values));
    }
    long events = months.values().stream().mapToLong(DashboardRepository.Figures::events).sum();
    model.put("eventsChart", Charts.bars("events-chart", messages.get(lang, "report.chart.events"),
        messages.get(lang, "report.chart.eventsDesc", events, labels.size()), labels, byType));

    List<Double> signups = new ArrayList<>();
    List<Double> attendances = new ArrayList<>();
    List<Map<String, Object>> monthRows = new ArrayList<>();
    for (var f : months.values()) {
      signups.add((double) f.signups());
      attendances.add((double) f.attendances());
      monthRows.add(tableRow(Dashboard.rowJson(f), f.month(), null));
    }
    long totalSignups = months.values().stream().mapToLong(DashboardRepository.Figures::signups).sum();
    long totalAttendances = months.values().stream().mapToLong(DashboardRepository.Figures::attendances).sum();
    model.put("peopleChart", Charts.bars("people-chart", messages.get(lang, "report.chart.people"),
        messages.get(lang, "report.chart.peopleDesc", totalSignups, totalAttendances), labels,
        List.of(new Charts.Series(messages.get(lang, "report.col.signups"), signups),
            new Charts.Series(messages.get(lang, "report.col.attendances"), attendances))));
    model.put("monthRows", monthRows);
    model.put("typeRows", dashboard.rows().stream()
        .map(f -> tableRow(Dashboard.rowJson(f), f.month(), messages.get(lang, "eventType." + f.type()))).toList());
    model.put("empty", dashboard.rows().isEmpty());
    model.put("unionName", dashboard.scope().name() == null ? messages.get(lang, "report.allUnions")
        : dashboard.scope().name());
    return model;
  }

  private static Map<String, Object> tableRow(JsonObject json, String month, String type) {
    Map<String, Object> row = new HashMap<>();
    row.put("month", month);
    row.put("type", type);
    row.put("events", json.getLong("events"));
    row.put("signups", json.getLong("signups"));
    row.put("attendances", json.getLong("attendances"));
    row.put("noShows", json.getLong("noShows"));
    row.put("attendanceRate", json.getDouble("attendanceRate") == null ? "—" : percent(json.getDouble("attendanceRate")));
    row.put("noShowRate", json.getDouble("noShowRate") == null ? "—" : percent(json.getDouble("noShowRate")));
    row.put("averageRating", json.getDouble("averageRating") == null ? "—" : Charts.number(json.getDouble("averageRating")));
    return row;
  }

  private static Map<String, Object> figure(String label, String value) {
    return Map.of("label", label, "value", value);
  }

  static String percent(double share) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
  }
}
