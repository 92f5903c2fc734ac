package org.queqiao.reports;

/** Rates as the reports show them: a share rounded to 4 places, never above its cap. */
final class Rates {
  private Rates() {}

  static double ratio(long part, long whole) {
    return ratio(part, whole, 1.0);
  }

  static double ratio(long part, long whole, double cap) {
    if (whole <= 0) {
      return 0;
    }
    return Math.min(cap, Math.round(part * 10000.0 / whole) / 10000.0);
  }

  /** Null when there is nothing to divide by: "no data" is not "zero". */
  static Double ratioOrNull(long part, long whole) {
    return whole <= 0 ? null : ratio(part, whole);
  }

  static Double average(long sum, long count) {
    return count <= 0 ? null : Math.round(sum * 100.0 / count) / 100.0;
  }
}
