package org.queqiao.lottery;

import java.util.Comparator;

/**
 * The published applicant list as CSV: {@code number,pool,maskedName}, by number. Its first two
 * columns, without the header, are exactly the lines whose SHA-256 is {@code applicantsSha256}.
 */
final class ApplicantList {
  private ApplicantList() {}

  static String csv(Lottery lottery) {
    StringBuilder csv = new StringBuilder("number,pool,maskedName\n");
    lottery.results().stream().sorted(Comparator.comparingInt(Lottery.Result::number))
        .forEach(r -> csv.append(r.number()).append(',').append(r.pool()).append(',')
            .append(quoted(r.maskedName())).append('\n'));
    return csv.toString();
  }

  /** A masked name is one character and a star, but that character may be a comma or a quote. */
  private static String quoted(String value) {
    String safe = value.startsWith("=") || value.startsWith("+") || value.startsWith("-") || value.startsWith("@")
        ? "'" + value : value;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }
}
