package org.queqiao.sports;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The day's results for reports: UTF-8 with a byte-order mark (so Excel reads Chinese), one row per
 * team per game with a result, then one row per team with its totals. Cells a spreadsheet would
 * run as a formula are defused.
 */
final class ResultsCsv {
  private static final String BOM = "\uFEFF";

  private ResultsCsv() {}

  static String of(Standings standings, List<SportsRepository.Entry> entries, Function<String, String> message,
      Function<String, String> teamLabel) {
    StringWriter out = new StringWriter();
    out.write(BOM);
    String[] header = {message.apply("sports.csv.game"), message.apply("sports.csv.team"),
        message.apply("sports.csv.value"), message.apply("sports.csv.place"), message.apply("sports.csv.points"),
        message.apply("sports.csv.medal"), message.apply("sports.csv.players")};
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL.builder().setHeader(header).get())) {
      for (Standings.GameRow row : standings.games()) {
        for (Standings.Placed p : row.results()) {
          String players = entries.stream()
              .filter(e -> e.game().equals(row.game().key()) && e.team().equals(p.team()))
              .map(e -> cell(e.displayName())).collect(Collectors.joining("、"));
          csv.printRecord(cell(row.game().name()), cell(teamLabel.apply(p.team())), Values.text(p.value()), p.place(),
              p.points(), p.medal() == null ? "" : message.apply("sports.medal." + p.medal()), players);
        }
      }
      for (Standings.TeamRow t : standings.teams()) {
        csv.printRecord(message.apply("sports.csv.total"), cell(teamLabel.apply(t.team())), "", t.rank(), t.points(),
            message.apply("sports.csv.medals").replace("{0}", Integer.toString(t.gold()))
                .replace("{1}", Integer.toString(t.silver())).replace("{2}", Integer.toString(t.bronze())), "");
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
