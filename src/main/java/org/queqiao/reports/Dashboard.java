package org.queqiao.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A union's dashboard: one row per month (Asia/Shanghai) and event type. Rates are over events
 * that have ended (null when none has, or nobody held a seat); the average rating is per answer.
 */
public record Dashboard(ReportService.Scope scope, ReportService.Range range, List<DashboardRepository.Figures> rows) {

  public static JsonObject rowJson(DashboardRepository.Figures f) {
    return new JsonObject()
        .put("month", f.month())
        .put("type", f.type())
        .put("events", f.events())
        .put("signups", f.signups())
        .put("confirmed", f.confirmed())
        .put("attendances", f.attendances())
        .put("noShows", f.noShows())
        .put("attendanceRate", Rates.ratioOrNull(f.attendedEnded(), f.confirmedEnded()))
        .put("noShowRate", Rates.ratioOrNull(f.noShows(), f.confirmedEnded()))
        .put("averageRating", Rates.average(f.ratingSum(), f.answers()))
        .put("answers", f.answers());
  }

  /** The types' rows of each month added up, months in order: what the charts draw. */
  public Map<String, DashboardRepository.Figures> byMonth() {
    Map<String, DashboardRepository.Figures> months = new TreeMap<>();
    for (DashboardRepository.Figures f : rows) {
      months.merge(f.month(), f, (a, b) -> new DashboardRepository.Figures(a.month(), "ALL", a.events() + b.events(),
          a.signups() + b.signups(), a.confirmed() + b.confirmed(), a.attendances() + b.attendances(),
          a.attendedEnded() + b.attendedEnded(), a.confirmedEnded() + b.confirmedEnded(), a.noShows() + b.noShows(),
          a.ratingSum() + b.ratingSum(), a.answers() + b.answers()));
    }
    return months;
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    rows.forEach(f -> list.add(rowJson(f)));
    return new JsonObject()
        .put("unionId", scope.unionId())
        .put("from", range.from().toString())
        .put("to", range.to().toString())
        .put("rows", list);
  }
}
