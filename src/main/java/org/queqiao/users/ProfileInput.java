package org.queqiao.users;

import io.vertx.core.json.JsonObject;
import java.time.Year;
import java.util.Map;

/**
 * Profile fields as a member sends them, at registration or in a PATCH. A field that is absent is
 * left alone; one sent as null (or empty) is cleared, except the display name, which every
 * account keeps. Problems are collected per field, so a form can show each next to its input.
 */
public record ProfileInput(
    Field<String> displayName,
    Field<String> nickname,
    Field<String> gender,
    Field<Integer> birthYear,
    Field<Long> unionId,
    Field<String> memberNo,
    Field<String> employer,
    Field<Boolean> avoidSameEmployer) {

  public static final int YOUNGEST_MEMBER_AGE = 16;

  public record Field<T>(boolean present, T value) {
    static <T> Field<T> absent() {
      return new Field<>(false, null);
    }
  }

  public static ProfileInput parse(JsonObject body, boolean registering, Map<String, String> errors) {
    Field<String> displayName = text(body, "displayName", 50, errors);
    if (registering && (displayName.value() == null)) {
      errors.putIfAbsent("displayName", "field.displayName.required");
    } else if (displayName.present() && displayName.value() == null) {
      errors.putIfAbsent("displayName", "field.displayName.required");
    }
    Field<String> gender = text(body, "gender", 10, errors);
    if (gender.value() != null && !gender.value().equals("FEMALE") && !gender.value().equals("MALE")) {
      errors.put("gender", "field.gender.invalid");
    }
    Field<Long> year = whole(body, "birthYear", errors);
    int latest = Year.now().getValue() - YOUNGEST_MEMBER_AGE;
    boolean yearInRange = year.value() == null || (year.value() >= 1920 && year.value() <= latest);
    if (!yearInRange) {
      errors.put("birthYear", "field.birthYear.range");
    }
    Field<Integer> birthYear = yearInRange ? mapField(year, v -> v == null ? null : v.intValue()) : Field.absent();
    return new ProfileInput(
        displayName,
        text(body, "nickname", 30, errors),
        gender,
        birthYear,
        whole(body, "unionId", errors),
        text(body, "memberNo", 40, errors),
        text(body, "employer", 100, errors),
        flag(body, "avoidSameEmployer", errors));
  }

  private static Field<String> text(JsonObject body, String name, int maxLength, Map<String, String> errors) {
    if (!body.containsKey(name)) {
      return Field.absent();
    }
    Object value = body.getValue(name);
    if (value == null) {
      return new Field<>(true, null);
    }
    if (!(value instanceof String s)) {
      errors.put(name, "field.text.expected");
      return Field.absent();
    }
    String trimmed = s.strip();
    if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
      errors.put(name, "field.text.tooLong." + maxLength);
      return Field.absent();
    }
    return new Field<>(true, trimmed.isEmpty() ? null : trimmed);
  }

  private static Field<Boolean> flag(JsonObject body, String name, Map<String, String> errors) {
    if (!body.containsKey(name)) {
      return Field.absent();
    }
    Object value = body.getValue(name);
    if (value == null) {
      return new Field<>(true, false);
    }
    if (!(value instanceof Boolean b)) {
      errors.put(name, "field.boolean.expected");
      return Field.absent();
    }
    return new Field<>(true, b);
  }

  private static Field<Long> whole(JsonObject body, String name, Map<String, String> errors) {
    if (!body.containsKey(name)) {
      return Field.absent();
    }
    Object value = body.getValue(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      return new Field<>(true, null);
    }
    java.util.Optional<Long> number = org.queqiao.web.Numbers.whole(value, 0, Long.MAX_VALUE);
    if (number.isEmpty()) {
      errors.put(name, "field.number.expected");
      return Field.absent();
    }
    return new Field<>(true, number.get());
  }

  private static <A, B> Field<B> mapField(Field<A> field, java.util.function.Function<A, B> f) {
    return new Field<>(field.present(), field.present() ? f.apply(field.value()) : null);
  }
}
