package org.queqiao.checkin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.queqiao.events.EventRepository;

/** The offline door: door kits, duplicate admissions, exits and re-entries, who is inside per gate. */
public final class DoorRepository {
  private static final String INSERT_KIT = "INSERT INTO door_kits (id, event_id, user_id, issued_at, expires_at)"
      + " VALUES ($1, $2, $3, $4, $5)";
  private static final String FIND_KIT = "SELECT id, event_id, user_id, issued_at, expires_at, revoked_at FROM door_kits"
      + " WHERE id = $1 AND event_id = $2";
  private static final String LIST_KITS = "SELECT k.id, k.event_id, k.user_id, k.issued_at, k.expires_at, k.revoked_at,"
      + " u.display_name FROM door_kits k JOIN users u ON u.id = k.user_id WHERE k.event_id = $1 ORDER BY k.issued_at DESC";
  private static final String REVOKE_KIT = "UPDATE door_kits SET revoked_at = coalesce(revoked_at, $3)"
      + " WHERE id = $1 AND event_id = $2 RETURNING id";
  private static final String DUPLICATE = "INSERT INTO checkin_duplicates (rsvp_id, event_id, device_id, scanned_at, gate)"
      + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING";
  private static final String PASSAGE = "INSERT INTO gate_passages (rsvp_id, event_id, direction, gate, passed_at, device_id)"
      + " SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM checkins c WHERE c.rsvp_id = $1 AND c.event_id = $2"
      + "   AND c.inside = ($3 = 'OUT') AND ($3 = 'OUT' OR (SELECT reentry FROM events WHERE id = $2)))"
      + " ON CONFLICT DO NOTHING RETURNING rsvp_id";
  private static final String MOVE = "UPDATE checkins SET inside = ($3 = 'IN'), inside_gate = $4"
      + " WHERE rsvp_id = $1 AND event_id = $2 RETURNING user_id";
  private static final String LOCK_CHECKIN = "SELECT c.inside, u.display_name, r.pool_key FROM checkins c"
      + " JOIN rsvps r ON r.id = c.rsvp_id JOIN users u ON u.id = c.user_id"
      + " WHERE c.rsvp_id = $1 AND c.event_id = $2 FOR UPDATE OF c";
  private static final String NOTIFY = "SELECT pg_notify('" + CheckinRepository.CHANNEL + "', $1)";
  private static final String GATES = "SELECT coalesce(g.gate, '') AS gate,"
      + " (SELECT count(*) FROM checkins c WHERE c.event_id = $1 AND coalesce(c.gate, '') = g.gate) AS checked_in,"
      + " (SELECT count(*) FROM checkins c WHERE c.event_id = $1 AND c.inside AND coalesce(c.inside_gate, '') = g.gate) AS inside"
      + " FROM (SELECT DISTINCT coalesce(gate, '') AS gate FROM checkins WHERE event_id = $1"
      + "       UNION SELECT coalesce(inside_gate, '') FROM checkins WHERE event_id = $1) g ORDER BY 1";
  private static final String INSIDE = "SELECT count(*) AS n FROM checkins c JOIN rsvps r ON r.id = c.rsvp_id"
      + " WHERE c.event_id = $1 AND c.inside AND r.status = 'CONFIRMED'";

  public record Kit(UUID id, long eventId, long userId, Instant issuedAt, Instant expiresAt, Instant revokedAt,
      String holder) {
    boolean usableAt(Instant now) {
      return revokedAt == null && now.isBefore(expiresAt);
    }

    static Kit from(Row row) {
      return new Kit(row.getUUID("id"), row.getLong("event_id"), row.getLong("user_id"),
          row.getOffsetDateTime("issued_at").toInstant(), row.getOffsetDateTime("expires_at").toInstant(),
          row.getOffsetDateTime("revoked_at") == null ? null : row.getOffsetDateTime("revoked_at").toInstant(),
          row.getColumnIndex("display_name") >= 0 ? row.getString("display_name") : null);
    }
  }

  /** Per gate ('' for check-ins with no gate): checked in through it, and inside now through it. */
  public record GateCount(String gate, int checkedIn, int insideNow) {}

  public Future<Void> insertKit(SqlClient client, Kit kit) {
    return client.preparedQuery(INSERT_KIT).execute(Tuple.of(kit.id(), kit.eventId(), kit.userId(),
        EventRepository.utc(kit.issuedAt()), EventRepository.utc(kit.expiresAt()))).mapEmpty();
  }

  public Future<Optional<Kit>> findKit(SqlClient client, UUID id, long eventId) {
    return client.preparedQuery(FIND_KIT).execute(Tuple.of(id, eventId)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(Kit.from(it.next())) : Optional.empty();
    });
  }

  public Future<List<Kit>> kits(SqlClient client, long eventId) {
    return client.preparedQuery(LIST_KITS).execute(Tuple.of(eventId)).map(rows -> {
      List<Kit> kits = new ArrayList<>();
      rows.forEach(row -> kits.add(Kit.from(row)));
      return kits;
    });
  }

  public Future<Boolean> revoke(SqlClient client, UUID id, long eventId, Instant at) {
    return client.preparedQuery(REVOKE_KIT).execute(Tuple.of(id, eventId, EventRepository.utc(at)))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Keeps a second phone's admission of a ticket already checked in; nothing new on a replay. */
  public Future<Void> recordDuplicate(SqlClient client, long rsvpId, long eventId, UUID device, Instant scannedAt,
      String gate) {
    return client.preparedQuery(DUPLICATE).execute(Tuple.of(rsvpId, eventId, device, EventRepository.utc(scannedAt), gate))
        .mapEmpty();
  }

  /**
   * An exit ({@code OUT}) of someone inside, or a re-entry ({@code IN}) of someone outside at an
   * event that allows it, in one transaction with the check-in row locked. False when it does not
   * apply (not checked in, already that side, no re-entry) or was already recorded (a replay).
   */
  public Future<Boolean> pass(SqlConnection conn, long rsvpId, long eventId, String direction, String gate, Instant at,
      UUID device) {
    return conn.preparedQuery(LOCK_CHECKIN).execute(Tuple.of(rsvpId, eventId)).compose(locked -> {
      if (!locked.iterator().hasNext()) {
        return Future.succeededFuture(false);
      }
      Row who = locked.iterator().next();
      return conn.preparedQuery(PASSAGE).execute(Tuple.tuple().addLong(rsvpId).addLong(eventId).addString(direction)
              .addString(gate).addOffsetDateTime(EventRepository.utc(at)).addUUID(device))
          .compose(inserted -> inserted.rowCount() == 0 ? Future.succeededFuture(false)
              : conn.preparedQuery(MOVE).execute(Tuple.of(rsvpId, eventId, direction, gate))
                  .compose(moved -> conn.preparedQuery(NOTIFY).execute(Tuple.of(new JsonObject()
                      .put("eventId", eventId).put("rsvpId", rsvpId).put("displayName", who.getString("display_name"))
                      .put("pool", who.getString("pool_key")).put("direction", direction).put("gate", gate)
                      .put("checkedInAt", at.toString()).encode())))
                  .map(true));
    });
  }

  public Future<List<GateCount>> gates(SqlClient client, long eventId) {
    return client.preparedQuery(GATES).execute(Tuple.of(eventId)).map(rows -> {
      List<GateCount> gates = new ArrayList<>();
      rows.forEach(row -> gates.add(new GateCount(row.getString("gate"), row.getLong("checked_in").intValue(),
          row.getLong("inside").intValue())));
      return gates;
    });
  }

  public Future<Boolean> reentry(SqlClient client, long eventId) {
    return client.preparedQuery("SELECT reentry FROM events WHERE id = $1").execute(Tuple.of(eventId))
        .map(rows -> rows.iterator().hasNext() && rows.iterator().next().getBoolean("reentry"));
  }

  public Future<Void> setReentry(SqlClient client, long eventId, boolean allowed) {
    return client.preparedQuery("UPDATE events SET reentry = $2 WHERE id = $1").execute(Tuple.of(eventId, allowed)).mapEmpty();
  }

  public Future<Integer> insideNow(SqlClient client, long eventId) {
    return client.preparedQuery(INSIDE).execute(Tuple.of(eventId)).map(rows -> rows.iterator().next().getLong("n").intValue());
  }
}
