package org.queqiao.checkin;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.queqiao.events.Question;
import org.queqiao.web.Times;

/**
 * The attendance list for reports: UTF-8 with a byte-order mark (so Excel reads Chinese), one row
 * per confirmed sign-up. Cells that a spreadsheet would run as a formula are defused.
 */
public final class AttendanceCsv {
  private static final String BOM = "\uFEFF";

  private AttendanceCsv() {}

  /** One column per question of the event, after the fixed ones, headed by the question's label. */
  public static String of(List<CheckinRepository.Attendee> rows, ZoneId zone, Function<String, String> message,
      Function<String, String> poolLabel, List<Question> questions) {
    StringWriter out = new StringWriter();
    out.write(BOM);
    List<String> header = new ArrayList<>(List.of(
        message.apply("csv.name"), message.apply("csv.nickname"), message.apply("csv.pool"),
        message.apply("csv.memberNo"), message.apply("csv.union"), message.apply("csv.checkedIn"),
        message.apply("csv.checkedInAt"), message.apply("csv.badge"), message.apply("csv.method")));
    questions.forEach(q -> header.add(cell(q.label())));
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL.builder().setHeader(header.toArray(String[]::new)).get())) {
      for (CheckinRepository.Attendee a : rows) {
        List<String> record = new ArrayList<>(List.of(
            cell(a.displayName()), cell(a.nickname()), cell(poolLabel.apply(a.poolKey())), cell(a.memberNo()),
            cell(a.unionName()), message.apply(a.checkedInAt() == null ? "csv.no" : "csv.yes"),
            a.checkedInAt() == null ? "" : Times.iso(a.checkedInAt(), zone),
            a.badge() == null ? "" : a.badge().toString(),
            a.method() == null ? "" : message.apply("checkinMethod." + a.method())));
        questions.forEach(q -> record.add(cell(CheckinJson.text(a.answers().getValue(q.key())))));
        csv.printRecord(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** "=cmd|…" in a name must stay text in Excel, not become a formula. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }
}
