package org.queqiao.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Whole numbers as clients send them, in JSON or as text. Anything that is not exactly a whole
 * number in range — a fraction (12.9), an overflow (4294967297 where an int is meant, or beyond a
 * long), an exponent beyond exact doubles — is refused rather than truncated to another number.
 */
public final class Numbers {
  /** Doubles are exact up to 2^53; a larger one may already be another number. */
  private static final double EXACT_DOUBLE = 9_007_199_254_740_992d;

  private Numbers() {}

  /** Only a JSON number (not text), whole and in range: for ids a JSON body gives as numbers. */
  public static Optional<Long> wholeNumber(Object value, long min, long max) {
    return value instanceof Number ? whole(value, min, max) : Optional.empty();
  }

  /** A JSON number or its text, whole and in range (form fields arrive as text). */
  public static Optional<Long> whole(Object value, long min, long max) {
    Long number = exact(value);
    return number != null && number >= min && number <= max ? Optional.of(number) : Optional.empty();
  }

  private static Long exact(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? big.longValue() : null;
    }
    if (value instanceof BigDecimal decimal) {
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) <= EXACT_DOUBLE ? (long) d : null;
    }
    if (value instanceof String text) {
      String digits = text.strip();
      if (!digits.matches("[+-]?\\d{1,18}")) {
        return null;
      }
      return Long.parseLong(digits);
    }
    return null;
  }
}
