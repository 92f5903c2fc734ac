package org.queqiao.sports;

import java.math.BigDecimal;

/** How a game's result is measured, and so which value wins. */
public enum Scoring {
  /** A time in seconds: the fastest wins. */
  TIME_ASC,
  /** Points scored: the most wins. */
  SCORE_DESC,
  /** The finishing place the judge saw: 1 wins. */
  PLACE;

  /** Negative when {@code a} is the better result. */
  int compare(BigDecimal a, BigDecimal b) {
    return this == SCORE_DESC ? b.compareTo(a) : a.compareTo(b);
  }

  static Scoring parse(Object value) {
    if (value instanceof String s) {
      for (Scoring scoring : values()) {
        if (scoring.name().equals(s)) {
          return scoring;
        }
      }
    }
    return null;
  }
}
