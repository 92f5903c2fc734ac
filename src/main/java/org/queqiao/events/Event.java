package org.queqiao.events;

import org.queqiao.web.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.queqiao.notify.Notification;

public record Event(
    long id,
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
    String status,
    String cancelReason,
    long organizerId,
    List<Pool> pools,
    Instant matchingClosesAt,
    List<Question> questions,
    boolean approval,
    EventCover cover,
    Long seriesId,
    String seriesTitle,
    String allocation,
    SeatRules seatRules,
    boolean verifiedOnly) {

  public static final String DRAFT = "DRAFT";
  public static final String PUBLISHED = "PUBLISHED";
  public static final String CANCELLED = "CANCELLED";
  public static final String FIRST_COME = "FIRST_COME";
  /** Places are drawn by lot when registration closes (contract §12); sign-ups are applications. */
  public static final String LOTTERY = "LOTTERY";

  /** Reads the columns listed by {@link EventRepository#eventColumns}. */
  public static Event from(Row row) {
    List<Pool> pools = new ArrayList<>();
    Object raw = row.getValue("pools");
    if (raw instanceof JsonArray array) {
      array.forEach(p -> pools.add(Pool.from((JsonObject) p)));
    }
    Short minAge = row.getShort("min_age");
    Short maxAge = row.getShort("max_age");
    return new Event(
        row.getLong("event_row_id"),
        EventType.valueOf(row.getString("type")),
        row.getString("title"),
        row.getString("description"),
        row.getString("venue"),
        instant(row, "starts_at"),
        instant(row, "ends_at"),
        ZoneId.of(row.getString("time_zone")),
        instant(row, "registration_opens_at"),
        instant(row, "registration_closes_at"),
        row.getLong("audience_union_id"),
        minAge == null ? null : minAge.intValue(),
        maxAge == null ? null : maxAge.intValue(),
        row.getString("event_status"),
        row.getString("cancel_reason"),
        row.getLong("organizer_id"),
        List.copyOf(pools),
        instant(row, "matching_closes_at"),
        Question.fromStored(row.getValue("questions")),
        Boolean.TRUE.equals(row.getBoolean("approval")),
        EventCover.from(row.getValue("cover")),
        row.getLong("series_id"),
        row.getString("series_title"),
        row.getString("allocation"),
        SeatRules.from(row),
        Boolean.TRUE.equals(row.getBoolean("verified_only")));
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  public boolean lottery() {
    return LOTTERY.equals(allocation);
  }

  /** Sign-up closes when the organiser said, or else when the event starts. */
  public Instant effectiveClosesAt() {
    return registrationClosesAt == null ? startsAt : registrationClosesAt;
  }

  public int capacity() {
    return pools.stream().mapToInt(Pool::capacity).sum();
  }

  public int seatsLeft() {
    return pools.stream().mapToInt(Pool::seatsLeft).sum();
  }

  public int waitlisted() {
    return pools.stream().mapToInt(Pool::waitlisted).sum();
  }

  public Optional<Pool> pool(String key) {
    return pools.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  public EventState state(Instant now) {
    if (DRAFT.equals(status)) {
      return EventState.DRAFT;
    }
    if (CANCELLED.equals(status)) {
      return EventState.CANCELLED;
    }
    if (!now.isBefore(endsAt)) {
      return EventState.PAST;
    }
    if (!now.isBefore(startsAt)) {
      return EventState.ONGOING;
    }
    if (registrationOpensAt != null && now.isBefore(registrationOpensAt)) {
      return EventState.NOT_YET_OPEN;
    }
    if (!now.isBefore(effectiveClosesAt())) {
      return EventState.CLOSED;
    }
    return seatsLeft() == 0 ? EventState.FULL : EventState.OPEN;
  }

  /** What a notification about this event shows of it. */
  public JsonObject notice() {
    return Notification.aboutEvent(title, startsAt, zone.getId(), venue);
  }

  public JsonObject toJson(Instant now) {
    JsonArray poolJson = new JsonArray();
    pools.forEach(p -> poolJson.add(p.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("type", type.name())
        .put("title", title)
        .put("description", description)
        .put("venue", venue)
        .put("startsAt", Times.iso(startsAt, zone))
        .put("endsAt", Times.iso(endsAt, zone))
        .put("timeZone", zone.getId())
        .put("registrationOpensAt", Times.iso(registrationOpensAt, zone))
        .put("registrationClosesAt", Times.iso(effectiveClosesAt(), zone))
        .put("audienceUnionId", audienceUnionId)
        .put("minAge", minAge)
        .put("maxAge", maxAge)
        .put("status", status)
        .put("state", state(now).name())
        .put("cancelReason", cancelReason)
        .put("organizerId", organizerId)
        .put("capacity", capacity())
        .put("pools", poolJson)
        .put("seatsLeft", seatsLeft())
        .put("waitlisted", waitlisted())
        .put("matchingClosesAt", Times.iso(matchingClosesAt, zone))
        .put("questions", Question.toJson(questions))
        .put("approval", approval)
        .put("cover", cover == null ? null : cover.toJson(this))
        .put("seriesId", seriesId)
        .put("allocation", allocation)
        .put("verifiedOnly", verifiedOnly)
        .mergeIn(seatRules.toJson());
  }
}
