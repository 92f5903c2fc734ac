package org.queqiao.rsvp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.events.Question;

/**
 * A sign-up's answers to the event's questions (contract §11), checked against the questions as
 * they stand under the pool lock. Every wrong answer is named as {@code answers.<key>}.
 */
final class Answers {
  static final int MAX_TEXT = 500;
  static final long MAX_NUMBER = 1_000_000_000L;

  private Answers() {}

  static JsonObject validate(List<Question> questions, Object raw) {
    if (raw != null && !(raw instanceof JsonObject)) {
      throw RsvpErrors.answersInvalid(Map.of("answers", "field.answers.object"));
    }
    JsonObject given = raw == null ? new JsonObject() : (JsonObject) raw;
    Map<String, String> errors = new LinkedHashMap<>();
    JsonObject answers = new JsonObject();
    for (String key : given.fieldNames()) {
      if (questions.stream().noneMatch(q -> q.key().equals(key))) {
        errors.put("answers." + key, "field.answer.unknown");
      }
    }
    for (Question q : questions) {
      Object value = given.getValue(q.key());
      if (blank(value)) {
        if (q.required()) {
          errors.put("answers." + q.key(), "field.answer.required");
        }
        continue;
      }
      Object valid = valid(q, value);
      if (valid == null) {
        errors.put("answers." + q.key(), "field.answer.invalid." + q.type());
      } else {
        answers.put(q.key(), valid);
      }
    }
    if (!errors.isEmpty()) {
      throw RsvpErrors.answersInvalid(errors);
    }
    return answers;
  }

  private static boolean blank(Object value) {
    return value == null || (value instanceof String s && s.isBlank()) || (value instanceof JsonArray a && a.isEmpty());
  }

  /** The answer as stored, or null when it does not fit the question. */
  private static Object valid(Question q, Object value) {
    switch (q.type()) {
      case "TEXT":
        if (value instanceof String s && s.strip().codePointCount(0, s.strip().length()) <= MAX_TEXT
            && s.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
          return s.strip();
        }
        return null;
      case "CHOICE":
        return value instanceof String s && q.options().contains(s.strip()) ? s.strip() : null;
      case "MULTI":
        if (!(value instanceof JsonArray array)) {
          return null;
        }
        JsonArray chosen = new JsonArray();
        for (Object item : array) {
          if (!(item instanceof String s) || !q.options().contains(s.strip()) || chosen.contains(s.strip())) {
            return null;
          }
          chosen.add(s.strip());
        }
        return chosen;
      case "NUMBER":
        return number(value);
      default:
        return null;
    }
  }

  /** A whole number within ±10⁹, sent as a number or as digits (a form sends text). */
  private static Long number(Object value) {
    try {
      BigDecimal n = value instanceof Number number ? new BigDecimal(number.toString())
          : value instanceof String s ? new BigDecimal(s.strip()) : null;
      if (n == null || n.stripTrailingZeros().scale() > 0 || n.abs().compareTo(BigDecimal.valueOf(MAX_NUMBER)) > 0) {
        return null;
      }
      return n.longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
