package org.queqiao.rosters;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.queqiao.web.Messages;

/** The refused rows of an import, with why, as a CSV that Excel opens as UTF-8 (byte-order mark). */
final class RefusedCsv {
  private RefusedCsv() {}

  static String write(List<RosterRows.Refusal> refusals, Messages messages, String lang) {
    StringWriter out = new StringWriter();
    out.write('\uFEFF');
    String[] header = {"row", "reason", "why", "name", "mobile", "memberNo", "union"};
    for (int i = 0; i < header.length; i++) {
      header[i] = messages.get(lang, "roster.csv." + header[i]);
    }
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL.builder().setHeader(header).get())) {
      for (RosterRows.Refusal r : refusals) {
        csv.printRecord(r.rowNumber(), r.reason(), messages.get(lang, "roster.reason." + r.reason()),
            safe(r.name()), safe(r.mobile()), safe(r.memberNo()), safe(r.unionName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A cell starting with = + - @ would be a formula to a spreadsheet program: shown as text instead. */
  static String safe(String cell) {
    if (cell == null || cell.isEmpty()) {
      return "";
    }
    char first = cell.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' ? "'" + cell : cell;
  }
}
