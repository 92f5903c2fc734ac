package org.queqiao.checkin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;

/**
 * Check-ins. {@link #checkIn} locks the sign-up row, so however many scanners send the same
 * ticket at once, one check-in is written and the others see it.
 */
public final class CheckinRepository {
  /**
   * The channel every instance listens on to push attendance changes to its dashboards. The
   * notification is sent by PostgreSQL when the check-in commits, to every listening instance.
   */
  public static final String CHANNEL = "queqiao_checkins";

  private static final String LOCK_EVENT = "SELECT id FROM events WHERE id = $1 FOR UPDATE";
  private static final String LOCK_RSVP = "SELECT r.id, r.user_id, r.pool_key, r.status, r.answers, u.display_name, u.nickname"
      + " FROM rsvps r JOIN users u ON u.id = r.user_id WHERE r.id = $1 AND r.event_id = $2 FOR UPDATE OF r";
  private static final String EXISTING = "SELECT checked_in_at, badge, device_id, inside FROM checkins WHERE rsvp_id = $1";
  private static final String NEXT_BADGE = "UPDATE events SET last_badge = last_badge + 1 WHERE id = $1 RETURNING last_badge";
  private static final String INSERT = "INSERT INTO checkins (rsvp_id, event_id, user_id, method, checked_in_by, badge,"
      + " checked_in_at, device_id, gate, inside_gate) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)"
      + " RETURNING checked_in_at";
  private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', $1)";

  private static final String OF_RSVP = "SELECT checked_in_at, badge FROM checkins WHERE rsvp_id = $1";
  private static final String CONFIRMED_IDS = "SELECT id FROM rsvps WHERE event_id = $1 AND status = 'CONFIRMED'";

  private static final String ATTENDANCE = "SELECT p.key, p.label, p.confirmed, p.waitlisted,"
      + " (SELECT count(*) FROM checkins c JOIN rsvps r ON r.id = c.rsvp_id"
      + "   WHERE c.event_id = p.event_id AND r.pool_key = p.key AND r.status = 'CONFIRMED') AS checked_in"
      + " FROM event_pools p WHERE p.event_id = $1 ORDER BY p.position";

  private static final String ROWS = "SELECT r.id AS rsvp_id, u.display_name, u.nickname, u.member_no,"
      + " un.name AS union_name, r.pool_key, r.answers, c.checked_in_at, c.badge, c.method"
      + " FROM rsvps r JOIN users u ON u.id = r.user_id LEFT JOIN unions un ON un.id = u.union_id"
      + " LEFT JOIN checkins c ON c.rsvp_id = r.id"
      + " WHERE r.event_id = $1 AND r.status = 'CONFIRMED'"
      + " ORDER BY c.checked_in_at NULLS LAST, u.display_name, r.id";

  private static final String SEARCH = "SELECT r.id AS rsvp_id, u.display_name, u.nickname, u.member_no,"
      + " NULL AS union_name, r.pool_key, r.answers, c.checked_in_at, c.badge, c.method"
      + " FROM rsvps r JOIN users u ON u.id = r.user_id LEFT JOIN checkins c ON c.rsvp_id = r.id"
      + " WHERE r.event_id = $1 AND r.status = 'CONFIRMED'"
      + " AND (u.display_name ILIKE $2 OR u.member_no ILIKE $2 OR u.nickname ILIKE $2 OR right(u.login, 4) = $3)"
      + " ORDER BY u.display_name, r.id LIMIT 20";

  private static final String MINE = "SELECT c.checked_in_at, c.badge, " + EventRepository.eventColumns("e")
      + " FROM checkins c JOIN events e ON e.id = c.event_id WHERE c.user_id = $1"
      + " ORDER BY c.checked_in_at DESC LIMIT 200";

  /** A sign-up as the door sees it. */
  public record Attendee(long rsvpId, String displayName, String nickname, String memberNo, String unionName,
      String poolKey, Instant checkedInAt, Integer badge, String method, JsonObject answers) {
    static Attendee from(Row row) {
      OffsetDateTime at = row.getOffsetDateTime("checked_in_at");
      return new Attendee(row.getLong("rsvp_id"), row.getString("display_name"), row.getString("nickname"),
          row.getString("member_no"), row.getString("union_name"), row.getString("pool_key"),
          at == null ? null : at.toInstant(), row.getInteger("badge"), row.getString("method"), CheckinRepository.answers(row));
    }
  }

  public record PoolAttendance(String key, String label, int confirmed, int checkedIn, int waitlisted) {}

  public record Attended(Event event, Instant checkedInAt, Integer badge) {}

  /** What the check-in found: the sign-up, and whether this call checked it in or it already was. */
  public record Outcome(long rsvpId, long userId, String displayName, String nickname, String poolKey, String status,
      Instant checkedInAt, Integer badge, boolean created, JsonObject answers, java.util.UUID deviceId, boolean inside) {}

  /** Which door phone (its kit) and gate a check-in came through; both may be null. */
  public record Door(java.util.UUID deviceId, String gate) {
    static final Door NONE = new Door(null, null);
  }

  private static JsonObject answers(Row row) {
    return row.getValue("answers") instanceof JsonObject answers ? answers : new JsonObject();
  }

  /**
   * For an event that gives badges: the event row, whose {@code last_badge} the check-in advances.
   * Taken first in the transaction, before any pool or sign-up, which is the order every rule change
   * uses (event, then pools, then sign-ups), so no two transactions wait on each other.
   */
  public Future<Void> lockEventForBadges(SqlConnection conn, long eventId) {
    return conn.preparedQuery(LOCK_EVENT).execute(Tuple.of(eventId)).mapEmpty();
  }

  /**
   * Checks a sign-up in within the caller's transaction. Empty when the sign-up is not of this
   * event; {@code status} tells a waitlisted or cancelled one, {@code created} a repeat. When
   * {@code givesBadge}, the caller has taken {@link #lockEventForBadges} first.
   */
  public Future<Optional<Outcome>> checkIn(SqlConnection conn, long eventId, long rsvpId, String method, Long byUserId,
      boolean givesBadge, Instant at) {
    return checkIn(conn, eventId, rsvpId, method, byUserId, givesBadge, at, Door.NONE);
  }

  public Future<Optional<Outcome>> checkIn(SqlConnection conn, long eventId, long rsvpId, String method, Long byUserId,
      boolean givesBadge, Instant at, Door door) {
    return conn.preparedQuery(LOCK_RSVP).execute(Tuple.of(rsvpId, eventId)).compose(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Future.succeededFuture(Optional.empty());
      }
      Row r = it.next();
      long userId = r.getLong("user_id");
      String status = r.getString("status");
      return conn.preparedQuery(EXISTING).execute(Tuple.of(rsvpId)).compose(existing -> {
        var found = existing.iterator();
        if (found.hasNext()) {
          Row c = found.next();
          return Future.succeededFuture(Optional.of(new Outcome(rsvpId, userId, r.getString("display_name"),
              r.getString("nickname"), r.getString("pool_key"), status,
              c.getOffsetDateTime("checked_in_at").toInstant(), c.getInteger("badge"), false, answers(r),
              c.getUUID("device_id"), c.getBoolean("inside"))));
        }
        if (!"CONFIRMED".equals(status)) {
          return Future.succeededFuture(Optional.of(new Outcome(rsvpId, userId, r.getString("display_name"),
              r.getString("nickname"), r.getString("pool_key"), status, null, null, false, answers(r), null, false)));
        }
        Future<Integer> badge = givesBadge
            ? conn.preparedQuery(NEXT_BADGE).execute(Tuple.of(eventId)).map(b -> b.iterator().next().getInteger("last_badge"))
            : Future.succeededFuture(null);
        return badge.compose(number -> conn.preparedQuery(INSERT)
                .execute(Tuple.tuple().addLong(rsvpId).addLong(eventId).addLong(userId).addString(method)
                    .addLong(byUserId).addInteger(number).addOffsetDateTime(EventRepository.utc(at))
                    .addUUID(door.deviceId()).addString(door.gate()))
                .map(inserted -> inserted.iterator().next().getOffsetDateTime("checked_in_at").toInstant())
                .compose(stored -> conn.preparedQuery(NOTIFY)
                    .execute(Tuple.of(new JsonObject().put("eventId", eventId).put("rsvpId", rsvpId)
                        .put("displayName", r.getString("display_name")).put("pool", r.getString("pool_key"))
                        .put("badge", number).put("gate", door.gate()).put("checkedInAt", stored.toString()).encode()))
                    .map(stored))
                .map(stored -> Optional.of(new Outcome(rsvpId, userId, r.getString("display_name"), r.getString("nickname"),
                    r.getString("pool_key"), status, stored, number, true, answers(r), door.deviceId(), true))));
      });
    });
  }

  public record Checkin(Instant checkedInAt, Integer badge) {}

  public Future<Optional<Checkin>> ofRsvp(SqlClient client, long rsvpId) {
    return client.preparedQuery(OF_RSVP).execute(Tuple.of(rsvpId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new Checkin(row.getOffsetDateTime("checked_in_at").toInstant(), row.getInteger("badge")));
    });
  }

  public Future<List<Long>> confirmedRsvpIds(SqlClient client, long eventId) {
    return client.preparedQuery(CONFIRMED_IDS).execute(Tuple.of(eventId)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getLong("id")));
      return ids;
    });
  }

  public Future<List<PoolAttendance>> attendance(SqlClient client, long eventId) {
    return client.preparedQuery(ATTENDANCE).execute(Tuple.of(eventId)).map(rows -> {
      List<PoolAttendance> pools = new ArrayList<>();
      rows.forEach(row -> pools.add(new PoolAttendance(row.getString("key"), row.getString("label"),
          row.getInteger("confirmed"), row.getLong("checked_in").intValue(), row.getInteger("waitlisted"))));
      return pools;
    });
  }

  public Future<List<Attendee>> confirmedAttendees(SqlClient client, long eventId) {
    return client.preparedQuery(ROWS).execute(Tuple.of(eventId)).map(CheckinRepository::attendees);
  }

  /** Confirmed sign-ups by name, nickname, member number, or the last four digits of the login. */
  public Future<List<Attendee>> search(SqlClient client, long eventId, String query) {
    String q = query.strip();
    String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return client.preparedQuery(SEARCH).execute(Tuple.of(eventId, like, q)).map(CheckinRepository::attendees);
  }

  public Future<List<Attended>> attendedBy(SqlClient client, long userId) {
    return client.preparedQuery(MINE).execute(Tuple.of(userId)).map(rows -> {
      List<Attended> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Attended(Event.from(row), row.getOffsetDateTime("checked_in_at").toInstant(),
          row.getInteger("badge"))));
      return list;
    });
  }

  private static List<Attendee> attendees(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Attendee> list = new ArrayList<>();
    rows.forEach(row -> list.add(Attendee.from(row)));
    return list;
  }
}
