package org.queqiao.rosters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.queqiao.users.LoginNames;

/**
 * The roster rules for one file, row by row: which rows are accepted (as entries keyed by member
 * number, or by mobile number when a row has none) and which are refused and why. Pure.
 */
public final class RosterRows {
  public record Entry(String key, long unionId, String name, String mobile, String memberNo) {}

  /** {@code rowNumber}: the row as a spreadsheet numbers it (the header is row 1). */
  public record Refusal(int rowNumber, String reason, String name, String mobile, String memberNo, String unionName) {}

  /** One row's outcome: an entry, or a refusal. */
  public record Outcome(int rowNumber, Entry entry, Refusal refusal) {}

  private final ColumnMapping mapping;
  private final long rosterUnionId;
  private final Map<String, Long> unionsByName;
  private final Set<String> keys = new HashSet<>();

  /** {@code unionsByName}: the roster's union and the unions below it, by trimmed name. */
  public RosterRows(ColumnMapping mapping, long rosterUnionId, Map<String, Long> unionsByName) {
    this.mapping = mapping;
    this.rosterUnionId = rosterUnionId;
    this.unionsByName = unionsByName;
  }

  public List<Outcome> check(List<List<String>> rows) {
    List<Outcome> outcomes = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      outcomes.add(check(i + 2, rows.get(i)));
    }
    return outcomes;
  }

  Outcome check(int rowNumber, List<String> row) {
    String name = cell(row, mapping.name());
    String rawMobile = cell(row, mapping.mobile());
    String memberNo = cell(row, mapping.memberNo());
    String unionName = cell(row, mapping.union());
    Optional<String> mobile = rawMobile.isEmpty() ? Optional.empty()
        : LoginNames.normalise(rawMobile).filter(m -> !LoginNames.isEmail(m));
    String reason = null;
    Long unionId = unionName.isEmpty() ? Long.valueOf(rosterUnionId) : unionsByName.get(unionName);
    if (name.isEmpty()) {
      reason = "EMPTY_NAME";
    } else if (name.length() > 50 || memberNo.length() > 40) {
      reason = "TOO_LONG";
    } else if (!rawMobile.isEmpty() && mobile.isEmpty()) {
      reason = "BAD_MOBILE";
    } else if (mobile.isEmpty() && memberNo.isEmpty()) {
      reason = "NO_IDENTIFIER";
    } else if (unionId == null) {
      reason = "UNKNOWN_UNION";
    } else if (!memberNo.isEmpty() && !keys.add("no:" + memberNo)) {
      reason = "DUPLICATE_MEMBER_NO";
    } else if (memberNo.isEmpty() && !keys.add("tel:" + mobile.get())) {
      reason = "DUPLICATE_MOBILE";
    }
    if (reason != null) {
      return new Outcome(rowNumber, null, new Refusal(rowNumber, reason, trim(name, 50), trim(rawMobile, 40),
          trim(memberNo, 40), trim(unionName, 100)));
    }
    String key = memberNo.isEmpty() ? "tel:" + mobile.get() : "no:" + memberNo;
    return new Outcome(rowNumber, new Entry(key, unionId, name, mobile.orElse(null), memberNo.isEmpty() ? null : memberNo),
        null);
  }

  private static String cell(List<String> row, int column) {
    return column < 0 || column >= row.size() ? "" : row.get(column);
  }

  private static String trim(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
