package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;

/**
 * Sign-ups. Every method that changes seats expects its caller to hold the pool row lock
 * ({@link #lockPool}) in the same transaction; the counters themselves are kept by a trigger.
 */
public final class RsvpRepository {
  private static final String POSITION = "CASE WHEN r.status = 'WAITLISTED' THEN (SELECT count(*) FROM rsvps w"
      + " WHERE w.event_id = r.event_id AND w.pool_key = r.pool_key AND w.status = 'WAITLISTED'"
      + " AND w.waitlist_seq <= r.waitlist_seq) END AS waitlist_position";
  private static final String COLUMNS = "r.id, r.event_id, r.user_id, r.pool_key, r.status, r.answers, " + POSITION
      + ", " + SeatTerms.COLUMNS;

  private static final String FIND = "SELECT " + COLUMNS + " FROM rsvps r WHERE r.event_id = $1 AND r.user_id = $2";

  // Offered seats are held (contract §12): they count as taken.
  private static final String LOCK_POOL = "SELECT capacity, confirmed + offered AS confirmed FROM event_pools"
      + " WHERE event_id = $1 AND key = $2 FOR UPDATE";

  // A cancelled sign-up (or a lapsed offer or seat) may be renewed; an active one is left alone.
  private static final String UPSERT = "INSERT INTO rsvps AS r (event_id, user_id, pool_key, status, waitlist_seq,"
      + " declares_single, confirmed_at, answers)"
      + " VALUES ($1, $2, $3, $4::text,"
      + "  CASE WHEN $4::text = 'WAITLISTED' THEN nextval('rsvp_waitlist_seq') END, $5,"
      + "  CASE WHEN $4::text = 'CONFIRMED' THEN now() END, $6)"
      + " ON CONFLICT (event_id, user_id) DO UPDATE SET pool_key = EXCLUDED.pool_key, status = EXCLUDED.status,"
      + "  waitlist_seq = EXCLUDED.waitlist_seq, declares_single = EXCLUDED.declares_single,"
      + "  answers = EXCLUDED.answers,"
      + "  confirmed_at = EXCLUDED.confirmed_at, cancelled_at = NULL, updated_at = now(),"
      + "  offer_expires_at = NULL, reconfirm_requested_at = NULL, reconfirmed_at = NULL, waitlist_reason = NULL"
      + " WHERE r.status IN ('CANCELLED', 'OFFER_EXPIRED', 'RELEASED')"
      + " RETURNING r.id";

  // A member's own single declaration for a mixer: made on their phone at the door, or with their sign-up.
  private static final String OWN_DECLARATION = "SELECT EXISTS (SELECT 1 FROM mixer_declarations WHERE event_id = $1"
      + " AND user_id = $2) OR EXISTS (SELECT 1 FROM rsvps WHERE event_id = $1 AND user_id = $2 AND declares_single)"
      + " AS yes";

  // A member's sign-ups that still hold or wait for a seat at an event that has not ended.
  private static final String ACTIVE_UPCOMING = "SELECT r.id, r.event_id, r.pool_key FROM rsvps r"
      + " JOIN events e ON e.id = r.event_id WHERE r.user_id = $1 AND r.status IN ('CONFIRMED', 'WAITLISTED', 'PENDING_APPROVAL', 'APPLIED', 'OFFERED')"
      + " AND e.ends_at > now()"
      + " ORDER BY r.event_id, r.pool_key";

  private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM rsvps r WHERE r.event_id = $1 AND r.id = $2";

  // Approval (contract §11): a pending sign-up takes a seat if there is one (the caller holds the
  // pool lock and knows), else the end of the waitlist, as a new sign-up would.
  private static final String APPROVE = "UPDATE rsvps SET status = CASE WHEN $2 THEN 'CONFIRMED' ELSE 'WAITLISTED' END,"
      + " waitlist_seq = CASE WHEN $2 THEN NULL ELSE nextval('rsvp_waitlist_seq') END,"
      + " confirmed_at = CASE WHEN $2 THEN now() END, updated_at = now()"
      + " WHERE id = $1 AND status = 'PENDING_APPROVAL' AND pool_key = $3";
  private static final String DECLINE = "UPDATE rsvps SET status = 'DECLINED', updated_at = now()"
      + " WHERE id = $1 AND status = 'PENDING_APPROVAL'";

  private static final String LOCK_ROW = "SELECT id FROM rsvps WHERE id = $1 FOR UPDATE";
  private static final String CHECKED_IN = "SELECT EXISTS (SELECT 1 FROM checkins WHERE rsvp_id = $1) AS yes";

  private static final String CANCEL = "UPDATE rsvps SET status = 'CANCELLED', waitlist_seq = NULL,"
      + " cancelled_at = now(), updated_at = now() WHERE id = $1 AND status <> 'CANCELLED'";

  // Fills the pool's free seats from the head of its waitlist, first come first served; only while
  // the event is published (nobody is promoted into a cancelled event).
  private static final String PROMOTE = "WITH free AS (SELECT greatest(p.capacity - p.confirmed - p.offered, 0) AS n"
      + "  FROM event_pools p JOIN events e ON e.id = p.event_id AND e.status = 'PUBLISHED'"
      + "  WHERE p.event_id = $1 AND p.key = $2),"
      + " next AS (SELECT id FROM rsvps WHERE event_id = $1 AND pool_key = $2 AND status = 'WAITLISTED'"
      + "  ORDER BY waitlist_seq LIMIT coalesce((SELECT n FROM free), 0) FOR UPDATE)"
      + " UPDATE rsvps r SET status = 'CONFIRMED', waitlist_seq = NULL, confirmed_at = now(), updated_at = now()"
      + " FROM next WHERE r.id = next.id RETURNING r.user_id";

  private static final String FOR_EVENT = "SELECT " + COLUMNS + ", u.display_name, u.member_no, un.name AS union_name,"
      + " r.created_at FROM rsvps r JOIN users u ON u.id = r.user_id LEFT JOIN unions un ON un.id = u.union_id"
      + " WHERE r.event_id = $1"
      + " ORDER BY CASE r.status WHEN 'CONFIRMED' THEN 0 WHEN 'OFFERED' THEN 1 WHEN 'WAITLISTED' THEN 1"
      + " WHEN 'PENDING_APPROVAL' THEN 2 ELSE 3 END,"
      + " r.pool_key, r.waitlist_seq NULLS FIRST, r.created_at, r.id";

  private static final String FOR_USER = "SELECT " + COLUMNS + ", "
      + EventRepository.eventColumns("e")
      + ", EXISTS (SELECT 1 FROM checkins c WHERE c.rsvp_id = r.id) AS attended"
      + " FROM rsvps r JOIN events e ON e.id = r.event_id WHERE r.user_id = $1"
      + " ORDER BY e.starts_at DESC, e.id DESC LIMIT 500";

  public record PoolSeats(int capacity, int confirmed) {
    public boolean hasFreeSeat() {
      return confirmed < capacity;
    }
  }

  public record Attendee(Rsvp rsvp, String displayName, String memberNo, String unionName, String signedUpAt) {
    public JsonObject toJson() {
      return rsvp.toJson()
          .put("userId", rsvp.userId())
          .put("displayName", displayName)
          .put("memberNo", memberNo)
          .put("union", unionName)
          .put("signedUpAt", signedUpAt);
    }
  }

  /** One of my sign-ups, its event, and whether I was checked in there. */
  public record MyRsvp(Rsvp rsvp, Event event, boolean attended) {}

  public Future<Optional<Rsvp>> find(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(FIND).execute(Tuple.of(eventId, userId)).map(RsvpRepository::first);
  }

  public Future<Optional<PoolSeats>> lockPool(SqlClient client, long eventId, String key) {
    return client.preparedQuery(LOCK_POOL).execute(Tuple.of(eventId, key)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new PoolSeats(row.getInteger("capacity"), row.getInteger("confirmed")));
    });
  }

  /** Creates or renews the member's sign-up; false when an active (or declined) one already exists. */
  public Future<Boolean> upsert(SqlClient client, long eventId, long userId, String poolKey, boolean confirmed,
      boolean declaresSingle, JsonObject answers) {
    return upsert(client, eventId, userId, poolKey, confirmed ? Rsvp.CONFIRMED : Rsvp.WAITLISTED, declaresSingle,
        answers);
  }

  /** As above with the status to write: CONFIRMED, WAITLISTED, PENDING_APPROVAL or APPLIED. */
  public Future<Boolean> upsert(SqlClient client, long eventId, long userId, String poolKey, String status,
      boolean declaresSingle, JsonObject answers) {
    return client.preparedQuery(UPSERT)
        .execute(Tuple.of(eventId, userId, poolKey, status, declaresSingle, answers))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<Rsvp>> findById(SqlClient client, long eventId, long rsvpId) {
    return client.preparedQuery(FIND_BY_ID).execute(Tuple.of(eventId, rsvpId)).map(RsvpRepository::first);
  }

  /**
   * A pending sign-up confirmed ({@code seat}) or waitlisted; the caller holds the lock of pool
   * {@code poolKey}, and nothing changes if the sign-up has meanwhile moved to another pool.
   */
  public Future<Boolean> approve(SqlClient client, long rsvpId, String poolKey, boolean seat) {
    return client.preparedQuery(APPROVE).execute(Tuple.of(rsvpId, seat, poolKey)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> decline(SqlClient client, long rsvpId) {
    return client.preparedQuery(DECLINE).execute(Tuple.of(rsvpId)).map(rows -> rows.rowCount() == 1);
  }

  /** A sign-up that holds or waits for a seat: its id, event and pool. */
  public record Seat(long rsvpId, long eventId, String poolKey) {}

  public Future<List<Seat>> activeUpcoming(SqlClient client, long userId) {
    return client.preparedQuery(ACTIVE_UPCOMING).execute(Tuple.of(userId)).map(rows -> {
      List<Seat> seats = new ArrayList<>();
      rows.forEach(row -> seats.add(new Seat(row.getLong("id"), row.getLong("event_id"), row.getString("pool_key"))));
      return seats;
    });
  }

  public Future<Boolean> declaredSingle(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(OWN_DECLARATION).execute(Tuple.of(eventId, userId))
        .map(rows -> rows.iterator().next().getBoolean("yes"));
  }

  /** Locks one sign-up row (a check-in of it waits, and vice versa). */
  public Future<Void> lockRow(SqlClient client, long rsvpId) {
    return client.preparedQuery(LOCK_ROW).execute(Tuple.of(rsvpId)).mapEmpty();
  }

  public Future<Boolean> checkedIn(SqlClient client, long rsvpId) {
    return client.preparedQuery(CHECKED_IN).execute(Tuple.of(rsvpId)).map(rows -> rows.iterator().next().getBoolean("yes"));
  }

  public Future<Boolean> cancel(SqlClient client, long rsvpId) {
    return client.preparedQuery(CANCEL).execute(Tuple.of(rsvpId)).map(rows -> rows.rowCount() == 1);
  }

  /** Returns the ids of the members who got a seat. */
  public Future<List<Long>> promote(SqlClient client, long eventId, String poolKey) {
    return client.preparedQuery(PROMOTE).execute(Tuple.of(eventId, poolKey)).map(rows -> {
      List<Long> users = new ArrayList<>();
      rows.forEach(row -> users.add(row.getLong("user_id")));
      return users;
    });
  }

  public Future<List<Attendee>> listForEvent(SqlClient client, long eventId) {
    return client.preparedQuery(FOR_EVENT).execute(Tuple.of(eventId)).map(rows -> {
      List<Attendee> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Attendee(Rsvp.from(row), row.getString("display_name"),
          row.getString("member_no"), row.getString("union_name"),
          row.getOffsetDateTime("created_at").toInstant().toString())));
      return list;
    });
  }

  public Future<List<MyRsvp>> listForUser(SqlClient client, long userId) {
    return client.preparedQuery(FOR_USER).execute(Tuple.of(userId)).map(rows -> {
      List<MyRsvp> list = new ArrayList<>();
      rows.forEach(row -> list.add(new MyRsvp(Rsvp.from(row), Event.from(row), row.getBoolean("attended"))));
      return list;
    });
  }

  private static Optional<Rsvp> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(Rsvp.from(it.next())) : Optional.empty();
  }
}
