package org.queqiao.checkin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.queqiao.events.Event;
import org.queqiao.users.User;
import org.queqiao.web.Numbers;
import org.queqiao.web.Times;

/**
 * The door without a network: the kit a door phone downloads to verify this event's tickets
 * offline, and the sync of what it admitted meanwhile (contract §18). Each synced scan is its own
 * transaction; a ticket two phones admitted is checked in once and the later one kept as a duplicate.
 */
public final class DoorService {
  /** A kit outlives the event by this much, for a door still syncing after the end. */
  static final Duration KIT_AFTER_END = Duration.ofHours(6);
  /** A scan stamped before its kit was issued is believed within this much clock drift. */
  static final Duration CLOCK_DRIFT = Duration.ofMinutes(5);
  static final int MAX_BATCH = 500;

  private final Pool pool;
  private final CheckinService checkins;
  private final CheckinRepository checkinRows;
  private final DoorRepository doors;
  private final Clock clock;

  public DoorService(Pool pool, CheckinService checkins, CheckinRepository checkinRows, DoorRepository doors, Clock clock) {
    this.pool = pool;
    this.checkins = checkins;
    this.checkinRows = checkinRows;
    this.doors = doors;
    this.clock = clock;
  }

  /** Issues a kit to this door staff member: the event's door key, the attendee list, until when. */
  public Future<JsonObject> kit(User staff, Event event) {
    Instant now = clock.instant();
    Instant until = event.endsAt().plus(KIT_AFTER_END);
    DoorRepository.Kit kit = new DoorRepository.Kit(UUID.randomUUID(), event.id(), staff.id(), now,
        until.isAfter(now) ? until : now.plus(Duration.ofHours(1)), null, null);
    return doors.insertKit(pool, kit)
        .compose(stored -> doors.reentry(pool, event.id()))
        .compose(reentry -> checkinRows.confirmedAttendees(pool, event.id()).map(attendees -> {
          JsonArray list = new JsonArray();
          attendees.forEach(a -> list.add(new JsonObject().put("rsvpId", a.rsvpId()).put("displayName", a.displayName())
              .put("memberNo", a.memberNo()).put("pool", a.poolKey()).put("badge", a.badge())
              .put("answers", CheckinJson.atDoor(a.answers(), event))
              .put("checkedInAt", a.checkedInAt() == null ? null : Times.iso(a.checkedInAt(), event.zone()))));
          return new JsonObject()
              .put("deviceId", kit.id().toString())
              .put("eventId", event.id())
              .put("keys", new JsonObject()
                  .put("algorithm", "TOTP-SHA256").put("period", TicketCodes.STEP_SECONDS)
                  .put("eventKey", Base64.getUrlEncoder().withoutPadding().encodeToString(checkins.codes().doorKey(event.id()))))
              .put("reentry", reentry)
              .put("attendees", list)
              .put("issuedAt", Times.iso(kit.issuedAt(), event.zone()))
              .put("expiresAt", Times.iso(kit.expiresAt(), event.zone()));
        }));
  }

  public Future<List<DoorRepository.Kit>> kits(Event event) {
    return doors.kits(pool, event.id());
  }

  public Future<Void> setReentry(Event event, boolean allowed) {
    return doors.setReentry(pool, event.id(), allowed);
  }

  public Future<JsonObject> gates(Event event) {
    return doors.insideNow(pool, event.id()).compose(inside -> doors.gates(pool, event.id()).map(gates ->
        new JsonObject().put("insideNow", inside).put("gates", new JsonArray(gates.stream()
            .map(g -> new JsonObject().put("gate", g.gate()).put("insideNow", g.insideNow()).put("checkedIn", g.checkedIn()))
            .toList()))));
  }

  public Future<Boolean> revoke(Event event, UUID kit) {
    return doors.revoke(pool, kit, event.id(), clock.instant());
  }

  /** One synced scan, validated. {@code rsvpId} set when the scan named the sign-up directly. */
  private record Scan(String qr, String code, Long rsvpId, Instant scannedAt, String gate, String direction) {}

  public Future<JsonObject> sync(User staff, Event event, JsonObject body) {
    CheckinService.refuseIfNotOpen(event);
    UUID device = deviceId(body.getValue("deviceId"));
    List<Scan> scans = scans(body.getValue("checkins"));
    return doors.findKit(pool, device, event.id()).compose(found -> {
      Instant now = clock.instant();
      DoorRepository.Kit kit = found.filter(k -> k.userId() == staff.id()).orElseThrow(CheckinErrors::unknownDoorKit);
      if (!kit.usableAt(now)) {
        throw CheckinErrors.doorKitRevoked();
      }
      return checkins.confirmedRsvpIds(event).compose(confirmed -> doors.reentry(pool, event.id()).compose(reentry -> {
        Future<JsonArray> results = Future.succeededFuture(new JsonArray());
        for (Scan scan : scans) {
          results = results.compose(done -> judge(staff, event, kit, confirmed, reentry, scan, now).map(done::add));
        }
        return results.map(all -> new JsonObject().put("results", all));
      }));
    });
  }

  private Future<JsonObject> judge(User staff, Event event, DoorRepository.Kit kit, List<Long> confirmed, boolean reentry,
      Scan scan, Instant now) {
    Instant at = scan.scannedAt().isAfter(now) ? now : scan.scannedAt();
    if (at.isBefore(kit.issuedAt().minus(CLOCK_DRIFT)) || scan.scannedAt().isAfter(now.plus(CLOCK_DRIFT))) {
      return Future.succeededFuture(invalid("OUT_OF_TIME"));
    }
    Optional<Long> rsvp;
    String method;
    if (scan.qr() != null) {
      rsvp = checkins.codes().verifyTicket(scan.qr(), event.id(), scan.scannedAt());
      method = "QR";
    } else if (scan.code() != null) {
      List<Long> matching = confirmed.stream()
          .filter(id -> checkins.codes().ticketDigitsMatch(scan.code(), event.id(), id, scan.scannedAt())).toList();
      rsvp = matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
      method = "CODE";
    } else {
      rsvp = Optional.of(scan.rsvpId());
      method = "SEARCH";
    }
    if (rsvp.isEmpty()) {
      return Future.succeededFuture(invalid("INVALID_TICKET"));
    }
    long rsvpId = rsvp.get();
    if ("OUT".equals(scan.direction())) {
      return pool.withTransaction(conn -> doors.pass(conn, rsvpId, event.id(), "OUT", scan.gate(), at, kit.id()))
          .map(passed -> result("ADMITTED", rsvpId).put("direction", "OUT").put("recorded", passed));
    }
    CheckinRepository.Door door = new CheckinRepository.Door(kit.id(), scan.gate());
    return checkins.admitFromDoor(event, rsvpId, method, staff.id(), at, door).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(invalid("INVALID_TICKET"));
      }
      CheckinRepository.Outcome outcome = found.get();
      if (outcome.checkedInAt() == null) {
        return Future.succeededFuture(invalid("NOT_CONFIRMED").put("rsvpId", rsvpId));
      }
      JsonObject admitted = result("ADMITTED", rsvpId).put("displayName", outcome.displayName())
          .put("firstAt", Times.iso(outcome.checkedInAt(), event.zone()));
      boolean replay = !outcome.created() && kit.id().equals(outcome.deviceId()) && outcome.checkedInAt().equals(at);
      if (outcome.created() || replay) {
        return Future.succeededFuture(admitted);
      }
      if (!outcome.inside() && reentry) {
        return pool.withTransaction(conn -> doors.pass(conn, rsvpId, event.id(), "IN", scan.gate(), at, kit.id()))
            .map(passed -> admitted.put("reentry", true));
      }
      return doors.recordDuplicate(pool, rsvpId, event.id(), kit.id(), at, scan.gate())
          .map(kept -> admitted.put("status", "DUPLICATE").put("scannedAt", Times.iso(at, event.zone())));
    });
  }

  private static JsonObject result(String status, long rsvpId) {
    return new JsonObject().put("status", status).put("rsvpId", rsvpId);
  }

  private static JsonObject invalid(String reason) {
    return new JsonObject().put("status", "INVALID").put("reason", reason);
  }

  private static UUID deviceId(Object value) {
    try {
      return UUID.fromString(value instanceof String s ? s.strip() : "");
    } catch (IllegalArgumentException e) {
      throw CheckinErrors.badSync(Map.of("deviceId", "field.door.deviceId"));
    }
  }

  private static List<Scan> scans(Object value) {
    if (!(value instanceof JsonArray array) || array.size() > MAX_BATCH) {
      throw CheckinErrors.badSync(Map.of("checkins", "field.door.checkins"));
    }
    List<Scan> scans = new ArrayList<>();
    Map<String, String> wrong = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "checkins[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject item)) {
        wrong.put(at, "field.door.checkin");
        continue;
      }
      String qr = text(item.getValue("qr"), 200);
      String code = text(item.getValue("code"), 20);
      code = code == null ? null : code.replaceAll("[\\s-]", "");
      Object id = item.getValue("rsvpId");
      Long rsvpId = id == null ? null : Numbers.wholeNumber(id, 1, Long.MAX_VALUE).orElse(null);
      if (id != null && rsvpId == null) {
        wrong.put(at + ".rsvpId", "field.number.expected");
      } else if (qr == null && code == null && rsvpId == null) {
        wrong.put(at + ".qr", "field.checkin.what");
      }
      Instant scannedAt = null;
      try {
        scannedAt = OffsetDateTime.parse(item.getValue("scannedAt") instanceof String s ? s : "").toInstant();
      } catch (DateTimeParseException e) {
        wrong.put(at + ".scannedAt", "field.checkin.scannedAt");
      }
      String gate = text(item.getValue("gate"), 40);
      if (item.getValue("gate") != null && (gate == null || gate.chars().anyMatch(Character::isISOControl))) {
        wrong.put(at + ".gate", "field.door.gate");
      }
      Object direction = item.getValue("direction");
      if (direction != null && !"IN".equals(direction) && !"OUT".equals(direction)) {
        wrong.put(at + ".direction", "field.door.direction");
      }
      scans.add(new Scan(qr, code, rsvpId, scannedAt, gate, direction == null ? "IN" : (String) direction));
    }
    if (!wrong.isEmpty()) {
      throw CheckinErrors.badSync(wrong);
    }
    return scans;
  }

  private static String text(Object value, int max) {
    return value instanceof String s && !s.isBlank() && s.strip().length() <= max ? s.strip() : null;
  }
}
