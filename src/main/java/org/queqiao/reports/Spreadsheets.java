package org.queqiao.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Reports as real XLSX workbooks (fastexcel): text cells stay text (Chinese included, the file is
 * UTF-8 XML), numbers are numeric cells, dates are date cells with a date format, rates are
 * numbers shown as percentages — so a spreadsheet can sum, sort and chart them.
 */
final class Spreadsheets {
  static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private Spreadsheets() {}

  /** How a column's cells are shown. */
  enum Format {
    TEXT(null), WHOLE("0"), DECIMAL("0.00"), PERCENT("0.0%"), MONTH("yyyy-mm"), DAY("yyyy-mm-dd"),
    MINUTE("yyyy-mm-dd hh:mm");

    final String pattern;

    Format(String pattern) {
      this.pattern = pattern;
    }
  }

  record Column(String header, Format format, double width) {}

  /** One worksheet: a bold header row, then one row per entry; null cells stay empty. */
  record Sheet(String name, List<Column> columns, List<List<Object>> rows) {}

  static byte[] workbook(List<Sheet> sheets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Workbook workbook = new Workbook(out, "Queqiao", "1.0");
      for (Sheet sheet : sheets) {
        write(workbook.newWorksheet(sheet.name()), sheet);
      }
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(Worksheet ws, Sheet sheet) {
    for (int c = 0; c < sheet.columns().size(); c++) {
      Column column = sheet.columns().get(c);
      ws.value(0, c, column.header());
      ws.style(0, c).bold().set();
      ws.width(c, column.width());
    }
    ws.freezePane(0, 1);
    for (int r = 0; r < sheet.rows().size(); r++) {
      List<Object> row = sheet.rows().get(r);
      for (int c = 0; c < row.size(); c++) {
        Object value = row.get(c);
        if (value == null) {
          continue;
        }
        if (value instanceof Number n) {
          ws.value(r + 1, c, n);
        } else if (value instanceof LocalDate d) {
          ws.value(r + 1, c, d);
        } else if (value instanceof LocalDateTime t) {
          ws.value(r + 1, c, t);
        } else {
          ws.value(r + 1, c, value.toString());
        }
        String pattern = sheet.columns().get(c).format().pattern;
        if (pattern == null && value instanceof LocalDate) {
          pattern = Format.DAY.pattern;
        } else if (pattern == null && value instanceof LocalDateTime) {
          pattern = Format.MINUTE.pattern;
        }
        if (pattern != null) {
          ws.style(r + 1, c).format(pattern).set();
        }
      }
    }
  }
}
