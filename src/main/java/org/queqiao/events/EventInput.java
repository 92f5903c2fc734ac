package org.queqiao.events;

import org.queqiao.web.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.queqiao.web.ApiError;
import org.queqiao.web.Numbers;

/**
 * A complete, validated description of an event as an organiser sends it. A PATCH is validated
 * by laying the changes over the stored event and checking the whole, so one set of rules holds.
 */
public record EventInput(
    EventType type,
    String title,
    String description,
    String venue,
    Instant startsAt,
    Instant endsAt,
    ZoneId zone,
    Instant registrationOpensAt,
    Instant registrationClosesAt,
    Long audienceUnionId,
    Integer minAge,
    Integer maxAge,
    List<PoolInput> pools,
    Instant matchingClosesAt,
    List<Question> questions,
    boolean approval,
    String allocation,
    SeatRules seatRules,
    boolean verifiedOnly) {

  public static final int MAX_POOLS = 20;
  public static final int MAX_CAPACITY = 100_000;
  public static final java.time.Duration MAX_DURATION = java.time.Duration.ofDays(31);

  public record PoolInput(String key, String label, int capacity) {}

  /** Validates the body or throws a 400 listing every field that is wrong. */
  public static EventInput parse(JsonObject body) {
    Map<String, String> errors = new LinkedHashMap<>();
    EventType type = EventType.parse(body.getValue("type")).orElse(null);
    if (type == null) {
      errors.put("type", "field.event.type");
    }
    ZoneId zone = Times.DEFAULT_ZONE;
    if (body.getValue("timeZone") != null) {
      zone = regionZone(body.getValue("timeZone")).orElse(null);
      if (zone == null) {
        errors.put("timeZone", "field.event.timeZone.region");
        zone = Times.DEFAULT_ZONE;
      }
    }
    String title = text(body, "title", 1, 120, errors);
    String description = body.getValue("description") == null ? "" : text(body, "description", 0, 10000, errors);
    String venue = text(body, "venue", 1, 200, errors);
    Instant startsAt = time(body, "startsAt", zone, true, errors);
    Instant endsAt = time(body, "endsAt", zone, true, errors);
    Instant opensAt = time(body, "registrationOpensAt", zone, false, errors);
    Instant closesAt = time(body, "registrationClosesAt", zone, false, errors);
    Instant matchingClosesAt = time(body, "matchingClosesAt", zone, false, errors);
    if (matchingClosesAt != null && (type != EventType.MIXER || (endsAt != null && matchingClosesAt.isBefore(endsAt)))) {
      errors.put("matchingClosesAt", "field.event.matchingClosesAt");
    }
    if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
      errors.put("endsAt", "field.event.endsBeforeStart");
    } else if (startsAt != null && endsAt != null && endsAt.isAfter(startsAt.plus(MAX_DURATION))) {
      errors.put("endsAt", "field.event.tooLong");
    }
    if (opensAt != null && closesAt != null && !closesAt.isAfter(opensAt)) {
      errors.put("registrationClosesAt", "field.event.closesBeforeOpens");
    }
    if (closesAt != null && endsAt != null && closesAt.isAfter(endsAt)) {
      errors.put("registrationClosesAt", "field.event.closesAfterEnd");
    }
    Long audience = whole(body, "audienceUnionId", 1, Long.MAX_VALUE, errors);
    Long minAge = whole(body, "minAge", 16, 120, errors);
    Long maxAge = whole(body, "maxAge", 16, 120, errors);
    if (minAge != null && maxAge != null && minAge > maxAge) {
      errors.put("maxAge", "field.event.ageRange");
    }
    List<PoolInput> pools = pools(body, type, errors);
    List<Question> questions = Question.parse(body.getValue("questions"), errors);
    Object approvalValue = body.getValue("approval");
    if (approvalValue != null && !(approvalValue instanceof Boolean)) {
      errors.put("approval", "field.event.approval");
    }
    Object allocationValue = body.getValue("allocation");
    String allocation = allocationValue == null ? Event.FIRST_COME : String.valueOf(allocationValue);
    if (!Event.FIRST_COME.equals(allocation) && !Event.LOTTERY.equals(allocation)) {
      errors.put("allocation", "field.event.allocation");
    } else if (Event.LOTTERY.equals(allocation)) {
      // The draw happens when registration closes: a lottery must say when, and nobody picks by hand.
      if (closesAt == null) {
        errors.putIfAbsent("registrationClosesAt", "field.event.lotteryNeedsClose");
      }
      if (Boolean.TRUE.equals(approvalValue)) {
        errors.put("approval", "field.event.lotteryNoApproval");
      }
    }
    SeatRules seatRules = SeatRules.parse(body, errors);
    Object verifiedOnlyValue = body.getValue("verifiedOnly");
    if (verifiedOnlyValue != null && !(verifiedOnlyValue instanceof Boolean)) {
      errors.put("verifiedOnly", "field.event.verifiedOnly");
    }
    if (!errors.isEmpty()) {
      throw ApiError.validation(errors);
    }
    return new EventInput(type, title, description, venue, startsAt, endsAt, zone, opensAt, closesAt, audience,
        minAge == null ? null : minAge.intValue(), maxAge == null ? null : maxAge.intValue(), pools, matchingClosesAt, questions,
        Boolean.TRUE.equals(approvalValue), allocation, seatRules, Boolean.TRUE.equals(verifiedOnlyValue));
  }

  /**
   * Only a region of the time-zone database (Asia/Shanghai): an offset (+08:00, UTC+8) has no
   * daylight-saving rules and no calendar time-zone definition, so a calendar file could not say it.
   */
  public static java.util.Optional<ZoneId> regionZone(Object value) {
    if (!(value instanceof String id) || !ZoneId.getAvailableZoneIds().contains(id) || !id.contains("/")) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(ZoneId.of(id));
    } catch (DateTimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static List<PoolInput> pools(JsonObject body, EventType type, Map<String, String> errors) {
    Object capacityValue = body.getValue("capacity");
    Object poolsValue = body.getValue("pools");
    if (capacityValue != null && poolsValue != null) {
      errors.put("pools", "field.event.capacityOrPools");
      return List.of();
    }
    if (poolsValue == null) {
      Long capacity = whole(body, "capacity", 1, MAX_CAPACITY, errors);
      if (capacity == null) {
        errors.putIfAbsent("capacity", "field.event.capacityRequired");
        return List.of();
      }
      if (type == EventType.SPORTS_DAY) {
        errors.put("pools", "field.event.teamsRequired");
        return List.of();
      }
      if (type == EventType.MIXER) {
        int women = (int) ((capacity + 1) / 2);
        return List.of(new PoolInput("FEMALE", "女", women), new PoolInput("MALE", "男", (int) (capacity - women)));
      }
      return List.of(new PoolInput(Pool.MAIN, "名额", capacity.intValue()));
    }
    if (!(poolsValue instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_POOLS) {
      errors.put("pools", type == EventType.SPORTS_DAY && poolsValue instanceof JsonArray a && a.isEmpty()
          ? "field.event.teamsRequired" : "field.event.pools");
      return List.of();
    }
    List<PoolInput> pools = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject pool)) {
        errors.put("pools", "field.event.pools");
        return List.of();
      }
      String key = pool.getValue("key") instanceof String k ? k.strip() : "";
      String label = pool.getValue("label") instanceof String l ? l.strip() : key;
      Long capacity = whole(pool, "capacity", 0, MAX_CAPACITY, new LinkedHashMap<>());
      if (!key.matches("[A-Za-z0-9_-]{1,40}") || !keys.add(key) || label.isEmpty() || label.length() > 60
          || capacity == null) {
        errors.put("pools", "field.event.pools");
        return List.of();
      }
      pools.add(new PoolInput(key, label, capacity.intValue()));
    }
    if (type == EventType.MIXER && !keys.equals(Set.of("FEMALE", "MALE"))) {
      errors.put("pools", "field.event.mixerPools");
    }
    return pools;
  }

  private static String text(JsonObject body, String name, int min, int max, Map<String, String> errors) {
    Object value = body.getValue(name);
    String text = value instanceof String s ? s.strip() : null;
    if (text == null || text.length() < min || text.codePointCount(0, text.length()) > max) {
      errors.put(name, min > 0 ? "field.event." + name : "field.text.tooLong.10000");
      return null;
    }
    return text;
  }

  /** ISO-8601 with an offset, or a local date-time (as a form's datetime-local sends) in the event's zone. */
  private static Instant time(JsonObject body, String name, ZoneId zone, boolean required, Map<String, String> errors) {
    Object value = body.getValue(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      if (required) {
        errors.put(name, "field.event.timeRequired");
      }
      return null;
    }
    String text = String.valueOf(value).strip();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException offsetMissing) {
      try {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      } catch (DateTimeException e) {
        errors.put(name, "field.event.time");
        return null;
      }
    }
  }

  private static Long whole(JsonObject body, String name, long min, long max, Map<String, String> errors) {
    Object value = body.getValue(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    java.util.Optional<Long> number = Numbers.whole(value, Long.MIN_VALUE, Long.MAX_VALUE);
    if (number.isEmpty()) {
      errors.put(name, "field.number.expected");
      return null;
    }
    if (number.get() < min || number.get() > max) {
      errors.put(name, "field.event." + name);
      return null;
    }
    return number.get();
  }

  /** The stored event in the shape of a request body, so a PATCH can be laid over it. */
  public static JsonObject asBody(Event event) {
    JsonArray pools = new JsonArray();
    event.pools().forEach(p -> pools.add(new JsonObject().put("key", p.key()).put("label", p.label())
        .put("capacity", p.capacity())));
    return new JsonObject()
        .put("type", event.type().name())
        .put("title", event.title())
        .put("description", event.description())
        .put("venue", event.venue())
        .put("startsAt", Times.iso(event.startsAt(), event.zone()))
        .put("endsAt", Times.iso(event.endsAt(), event.zone()))
        .put("timeZone", event.zone().getId())
        .put("registrationOpensAt", Times.iso(event.registrationOpensAt(), event.zone()))
        .put("registrationClosesAt", Times.iso(event.registrationClosesAt(), event.zone()))
        .put("audienceUnionId", event.audienceUnionId())
        .put("minAge", event.minAge())
        .put("maxAge", event.maxAge())
        .put("matchingClosesAt", Times.iso(event.matchingClosesAt(), event.zone()))
        .put("pools", pools)
        .put("questions", Question.toJson(event.questions()))
        .put("approval", event.approval())
        .put("allocation", event.allocation())
        .put("verifiedOnly", event.verifiedOnly())
        .mergeIn(event.seatRules().toJson());
  }
}
