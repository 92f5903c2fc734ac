package org.queqiao.sports;

import java.math.BigDecimal;

/** Result values as JSON numbers: whole ones as integers, others as decimals, never "1E+1". */
final class Values {
  private Values() {}

  static Object json(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal plain = value.stripTrailingZeros();
    return plain.scale() <= 0 ? (Object) plain.longValueExact() : (Object) plain.doubleValue();
  }

  static BigDecimal of(Object stored) {
    return stored == null ? null : new BigDecimal(stored.toString());
  }

  /** As people read it: "12.3", "7". */
  static String text(BigDecimal value) {
    return value == null ? "" : value.stripTrailingZeros().toPlainString();
  }
}
