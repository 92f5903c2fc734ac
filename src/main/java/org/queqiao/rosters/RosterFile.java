package org.queqiao.rosters;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * A roster file as rows of text: XLSX (first sheet, read as a stream by fastexcel-reader) or CSV
 * (commons-csv). A CSV is UTF-8 when its bytes are valid UTF-8 (a byte-order mark is dropped), else
 * GB18030, which is what Excel on Chinese Windows writes; no other encodings are guessed at. Blocking.
 */
public final class RosterFile {
  public static final Charset GB18030 = Charset.forName("GB18030");
  /** More than this many rows is split by sub-union and imported into each (docs/rosters.md). */
  public static final int MAX_ROWS = 300_000;

  /** The first non-empty row, and the rows after it. */
  public record Sheet(List<String> header, List<List<String>> rows) {}

  public static final class Unreadable extends Exception {
    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private RosterFile() {}

  public static boolean isXlsx(byte[] bytes) {
    return bytes.length >= 4 && ReadableWorkbook.isOOXMLZipHeader(bytes);
  }

  /** At most {@code limit} data rows (the preview), or all of them up to {@link #MAX_ROWS}. */
  public static Sheet read(byte[] bytes, int limit) throws Unreadable {
    try {
      return isXlsx(bytes) ? readXlsx(bytes, limit) : readCsv(decode(bytes), limit);
    } catch (IOException | RuntimeException e) {
      throw new Unreadable("not a readable XLSX or CSV file", e);
    }
  }

  static String decode(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
        ? 3 : 0;
    ByteBuffer body = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(body).toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(bytes, GB18030);
    }
  }

  private static Sheet readCsv(String text, int limit) throws IOException {
    String firstLine = text.lines().findFirst().orElse("");
    char delimiter = firstLine.indexOf(',') < 0 && firstLine.indexOf('\t') >= 0 ? '\t' : ',';
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
    List<List<String>> all = new ArrayList<>();
    try (var parser = format.parse(new StringReader(text))) {
      for (CSVRecord record : parser) {
        List<String> cells = new ArrayList<>(record.size());
        record.forEach(cell -> cells.add(clean(cell)));
        if (!add(all, cells, limit)) {
          break;
        }
      }
    }
    return split(all);
  }

  private static Sheet readXlsx(byte[] bytes, int limit) throws IOException {
    List<List<String>> all = new ArrayList<>();
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes));
        Stream<Row> rows = workbook.getFirstSheet().openStream()) {
      Iterator<Row> it = rows.iterator();
      while (it.hasNext()) {
        Row row = it.next();
        List<String> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
          // The stored text of a number cell is its digits (13800138000), not a formatted 1.38E10.
          cells.add(clean(row.hasCell(i) && row.getCell(i) != null ? row.getCell(i).getText() : ""));
        }
        if (!add(all, cells, limit)) {
          break;
        }
      }
    }
    return split(all);
  }

  /** Adds a non-empty row; false once the header and {@code limit} rows are there. */
  private static boolean add(List<List<String>> all, List<String> cells, int limit) {
    if (cells.stream().allMatch(String::isEmpty)) {
      return true;
    }
    if (all.size() > MAX_ROWS) {
      throw new IllegalArgumentException("more than " + MAX_ROWS + " rows");
    }
    all.add(cells);
    return all.size() <= limit;
  }

  private static Sheet split(List<List<String>> all) {
    if (all.isEmpty()) {
      return new Sheet(List.of(), List.of());
    }
    return new Sheet(all.get(0), all.subList(1, all.size()));
  }

  /** Control characters never belong in a name or a number; a spreadsheet cell may still hold them. */
  private static String clean(String cell) {
    if (cell == null) {
      return "";
    }
    return cell.replaceAll("[\\p{Cc}\\p{Cf}]", "").strip();
  }
}
