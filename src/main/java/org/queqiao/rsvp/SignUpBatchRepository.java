package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of a batched sign-up ({@link SignUpBatch}); the caller holds the pool row lock.
 * Each member's seat is decided by the database row by row, in arrival order, exactly as a lone
 * sign-up decides it: the pool's counters (kept by the trigger, checked by pool_not_oversold) say
 * whether a seat is left when that member's row is written.
 */
final class SignUpBatchRepository {
  // As RsvpRepository.UPSERT, but the status is read from the pool row at the moment this row is
  // written, so the rows of one batch fill the seats in order and the rest join the waitlist.
  private static final String UPSERT_IN_ORDER = "INSERT INTO rsvps AS r (event_id, user_id, pool_key, status,"
      + " waitlist_seq, declares_single, confirmed_at, answers)"
      + " SELECT $1, $2, $3, s.status, CASE WHEN s.status = 'WAITLISTED' THEN nextval('rsvp_waitlist_seq') END, $4,"
      + "  CASE WHEN s.status = 'CONFIRMED' THEN now() END, $5"
      + " FROM (SELECT CASE WHEN p.confirmed + p.offered < p.capacity THEN 'CONFIRMED' ELSE 'WAITLISTED' END AS status"
      + "  FROM event_pools p WHERE p.event_id = $1 AND p.key = $3) s"
      + " ON CONFLICT (event_id, user_id) DO UPDATE SET pool_key = EXCLUDED.pool_key, status = EXCLUDED.status,"
      + "  waitlist_seq = EXCLUDED.waitlist_seq, declares_single = EXCLUDED.declares_single,"
      + "  answers = EXCLUDED.answers,"
      + "  confirmed_at = EXCLUDED.confirmed_at, cancelled_at = NULL, updated_at = now(),"
      + "  offer_expires_at = NULL, reconfirm_requested_at = NULL, reconfirmed_at = NULL, waitlist_reason = NULL"
      + " WHERE r.status IN ('CANCELLED', 'OFFER_EXPIRED', 'RELEASED')"
      + " RETURNING r.id";

  // The members' sign-ups as they stand; a waitlisted one's place counted as a lone read counts it.
  private static final String FIND_MANY = "SELECT r.id, r.event_id, r.user_id, r.pool_key, r.status, r.answers,"
      + " CASE WHEN r.status = 'WAITLISTED' THEN (SELECT count(*) FROM rsvps w WHERE w.event_id = r.event_id"
      + "  AND w.pool_key = r.pool_key AND w.status = 'WAITLISTED' AND w.waitlist_seq <= r.waitlist_seq) END"
      + "  AS waitlist_position, " + SeatTerms.COLUMNS
      + " FROM rsvps r WHERE r.event_id = $1 AND r.user_id = ANY($2::bigint[])";

  // After a batch, for the rows it wrote (all in pool $3, whose row lock the batch holds): those on
  // the waitlist are its last ones, so their places are counted from the end — the pool's waitlist
  // counter (kept by the trigger) minus their rank among the last $4 — which reads at most $4 index
  // entries however long the waitlist is. A numbering pass over the whole waitlist cost 34 ms per
  // batch at 20,000 (and, joined by the planner on lagging statistics, a second). A row that is not
  // among the last (it cannot be, under the lock) would be counted as a lone read counts it.
  private static final String FIND_MANY_NUMBERED = "WITH last AS MATERIALIZED (SELECT id,"
      + "  row_number() OVER (ORDER BY waitlist_seq DESC) AS from_end FROM (SELECT id, waitlist_seq FROM rsvps"
      + "   WHERE event_id = $1 AND pool_key = $3 AND status = 'WAITLISTED' ORDER BY waitlist_seq DESC LIMIT $4) t)"
      + " SELECT r.id, r.event_id, r.user_id, r.pool_key, r.status, r.answers,"
      + " CASE WHEN r.status = 'WAITLISTED' THEN COALESCE("
      + "  (SELECT p.waitlisted - l.from_end + 1 FROM last l, event_pools p"
      + "   WHERE l.id = r.id AND p.event_id = r.event_id AND p.key = r.pool_key),"
      + "  (SELECT count(*) FROM rsvps w WHERE w.event_id = r.event_id AND w.pool_key = r.pool_key"
      + "   AND w.status = 'WAITLISTED' AND w.waitlist_seq <= r.waitlist_seq)) END AS waitlist_position, "
      + SeatTerms.COLUMNS
      + " FROM rsvps r WHERE r.event_id = $1 AND r.user_id = ANY($2::bigint[])";

  /** One member's row to write, in arrival order. */
  record Row(long userId, boolean declaresSingle, JsonObject answers) {}

  /** The members' current sign-ups for the event, by member. */
  Future<Map<Long, Rsvp>> find(SqlClient tx, long eventId, List<Long> userIds) {
    return tx.preparedQuery(FIND_MANY).execute(Tuple.tuple().addLong(eventId).addArrayOfLong(userIds.toArray(Long[]::new))).map(SignUpBatchRepository::byUser);
  }

  /**
   * The members' sign-ups after the batch; the waitlist places are those of pool {@code poolKey},
   * where every row the batch wrote is (a member found in another pool was not written: see {@link SignUpBatch}).
   */
  Future<Map<Long, Rsvp>> findNumbered(SqlClient tx, long eventId, String poolKey, List<Long> userIds) {
    return tx.preparedQuery(FIND_MANY_NUMBERED)
        .execute(Tuple.tuple().addLong(eventId).addArrayOfLong(userIds.toArray(Long[]::new)).addString(poolKey)
            .addInteger(userIds.size()))
        .map(SignUpBatchRepository::byUser);
  }

  /** Writes the rows one statement each, in order, in one round trip; true for each row written. */
  Future<List<Boolean>> upsertInOrder(SqlClient tx, long eventId, String poolKey, List<Row> rows) {
    List<Tuple> batch = new ArrayList<>();
    rows.forEach(row -> batch.add(Tuple.of(eventId, row.userId(), poolKey, row.declaresSingle(), row.answers())));
    return tx.preparedQuery(UPSERT_IN_ORDER).executeBatch(batch).map(result -> {
      List<Boolean> written = new ArrayList<>();
      for (RowSet<io.vertx.sqlclient.Row> each = result; each != null; each = each.next()) {
        written.add(each.rowCount() == 1);
      }
      return written;
    });
  }

  private static Map<Long, Rsvp> byUser(RowSet<io.vertx.sqlclient.Row> rows) {
    Map<Long, Rsvp> found = new HashMap<>();
    rows.forEach(row -> found.put(row.getLong("user_id"), Rsvp.from(row)));
    return found;
  }
}
