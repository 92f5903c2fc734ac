package org.queqiao.reports;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.queqiao.reports.Spreadsheets.Column;
import org.queqiao.reports.Spreadsheets.Format;
import org.queqiao.reports.Spreadsheets.Sheet;
import org.queqiao.web.Messages;

/** The workbooks of the two exports, with headers in the asker's language. */
final class ReportSheets {
  private final Messages messages;
  private final String lang;

  ReportSheets(Messages messages, String lang) {
    this.messages = messages;
    this.lang = lang;
  }

  private String t(String key) {
    return messages.get(lang, key);
  }

  private Column col(String key, Format format, double width) {
    return new Column(t(key), format, width);
  }

  byte[] dashboard(Dashboard dashboard) {
    List<List<Object>> rows = new ArrayList<>();
    for (DashboardRepository.Figures f : dashboard.rows()) {
      var json = Dashboard.rowJson(f);
      rows.add(Arrays.asList(YearMonth.parse(f.month()).atDay(1), t("eventType." + f.type()), f.events(), f.signups(),
          f.confirmed(), f.attendances(), f.noShows(), json.getDouble("attendanceRate"), json.getDouble("noShowRate"),
          json.getDouble("averageRating"), f.answers()));
    }
    String union = dashboard.scope().name() == null ? t("report.allUnions") : dashboard.scope().name();
    List<List<Object>> about = List.of(
        Arrays.asList(t("report.union"), union),
        Arrays.asList(t("report.from"), dashboard.range().from()),
        Arrays.asList(t("report.to"), dashboard.range().to()));
    return Spreadsheets.workbook(List.of(
        new Sheet(t("report.sheet.months"), List.of(col("report.col.month", Format.MONTH, 10),
            col("report.col.type", Format.TEXT, 14), col("report.col.events", Format.WHOLE, 10),
            col("report.col.signups", Format.WHOLE, 10), col("report.col.confirmed", Format.WHOLE, 10),
            col("report.col.attendances", Format.WHOLE, 10), col("report.col.noShows", Format.WHOLE, 10),
            col("report.col.attendanceRate", Format.PERCENT, 12), col("report.col.noShowRate", Format.PERCENT, 12),
            col("report.col.averageRating", Format.DECIMAL, 12), col("report.col.answers", Format.WHOLE, 10)), rows),
        new Sheet(t("report.sheet.about"), List.of(col("report.col.item", Format.TEXT, 14), col("report.col.value", Format.TEXT, 30)),
            about)));
  }

  byte[] event(EventReport report) {
    var e = report.event();
    List<List<Object>> figures = List.of(
        Arrays.asList(t("report.col.event"), e.title()),
        Arrays.asList(t("report.col.startsAt"), LocalDateTime.ofInstant(e.startsAt(), e.zone())),
        Arrays.asList(t("report.col.capacity"), report.counts().capacity()),
        Arrays.asList(t("report.col.signups"), report.signups()),
        Arrays.asList(t("report.col.confirmed"), report.counts().confirmed()),
        Arrays.asList(t("report.col.waitlisted"), report.counts().waitlisted()),
        Arrays.asList(t("report.col.checkedIn"), report.counts().checkedIn()),
        Arrays.asList(t("report.col.noShows"), report.noShows()),
        Arrays.asList(t("report.col.attendanceRate"), report.attendanceRate()),
        Arrays.asList(t("report.col.answers"), report.survey().answers()),
        Arrays.asList(t("report.col.averageRating"), report.survey().averageRating()));
    List<List<Object>> days = new ArrayList<>();
    long total = 0;
    for (ReportRepository.Day d : report.signupDays()) {
      total += d.count();
      days.add(Arrays.asList(d.day(), d.count(), total));
    }
    List<List<Object>> arrivals = new ArrayList<>();
    long arrived = 0;
    for (ReportRepository.Slot s : report.arrivals()) {
      arrived += s.count();
      arrivals.add(Arrays.asList(LocalDateTime.ofInstant(s.start(), e.zone()), s.count(), arrived));
    }
    List<List<Object>> comments = new ArrayList<>();
    report.survey().comments().forEach(c -> comments.add(Arrays.asList(c.rating(), c.text(),
        c.displayName() == null ? t("report.anonymous") : c.displayName())));
    return Spreadsheets.workbook(List.of(
        new Sheet(t("report.sheet.figures"), List.of(col("report.col.item", Format.TEXT, 16), col("report.col.value", Format.TEXT, 30)),
            figures),
        new Sheet(t("report.sheet.signups"), List.of(col("report.col.day", Format.DAY, 12),
            col("report.col.count", Format.WHOLE, 10), col("report.col.total", Format.WHOLE, 10)), days),
        new Sheet(t("report.sheet.arrivals"), List.of(col("report.col.slot", Format.MINUTE, 18),
            col("report.col.count", Format.WHOLE, 10), col("report.col.total", Format.WHOLE, 10)), arrivals),
        new Sheet(t("report.sheet.comments"), List.of(col("report.col.rating", Format.WHOLE, 8),
            col("report.col.comment", Format.TEXT, 60), col("report.col.author", Format.TEXT, 16)), comments)));
  }

  static String fileName(String prefix, LocalDate date) {
    return prefix + "-" + date + ".xlsx";
  }
}
