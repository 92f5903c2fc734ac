package org.queqiao.lottery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lotteries, their results, and the sign-ups a draw turns from APPLIED into places. The draw's
 * writes expect the caller to hold every pool lock of the event and then the lottery row's lock
 * ({@link #lockPools}, {@link #lockLottery}), the order in which an application takes them too.
 */
public final class LotteryRepository {
  private static final String FIND = "SELECT l.event_id, l.commitment, l.secret, l.applicants_sha256, l.seed, l.seats,"
      + " l.drawn_at, (SELECT count(*) FROM rsvps r WHERE r.event_id = l.event_id AND r.status = 'APPLIED') AS applied"
      + " FROM lotteries l WHERE l.event_id = $1";

  // Masked when read (not stored): a member who deletes their account shows as the deleted name's mask.
  private static final String RESULTS = "SELECT lr.number, lr.pool_key, lr.draw_rank, lr.position, lr.status,"
      + " u.display_name FROM lottery_results lr JOIN rsvps r ON r.id = lr.rsvp_id JOIN users u ON u.id = r.user_id"
      + " WHERE lr.event_id = $1 ORDER BY lr.draw_rank";

  private static final String MINE = "SELECT r.applicant_no, r.status, r.pool_key, lr.status AS drawn_status, lr.position"
      + " FROM rsvps r LEFT JOIN lottery_results lr ON lr.rsvp_id = r.id"
      + " WHERE r.event_id = $1 AND r.user_id = $2 AND r.applicant_no IS NOT NULL"
      + " AND r.status NOT IN ('CANCELLED', 'DECLINED')";

  private static final String LOCK_POOLS = "SELECT key, capacity, confirmed FROM event_pools WHERE event_id = $1"
      + " ORDER BY key FOR UPDATE";
  private static final String LOCK_LOTTERY = "SELECT secret, drawn_at FROM lotteries WHERE event_id = $1 FOR UPDATE";

  private static final String APPLICANTS = "SELECT id, user_id, applicant_no, pool_key FROM rsvps"
      + " WHERE event_id = $1 AND status = 'APPLIED' ORDER BY applicant_no";

  // Conditional: a second draw of the same lottery changes nothing, whichever instance runs it.
  private static final String RECORD_DRAW = "UPDATE lotteries SET applicants_sha256 = $2, seed = $3, seats = $4,"
      + " drawn_at = now(), drawn_by = $5 WHERE event_id = $1 AND drawn_at IS NULL";

  private static final String INSERT_RESULTS = "INSERT INTO lottery_results"
      + " (event_id, number, rsvp_id, pool_key, draw_rank, position, status)"
      + " SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::text[], $5::int[], $6::int[], $7::text[])";

  // Run in draw order, one statement each, so the waitlist sequence follows the draw order.
  private static final String PLACE = "UPDATE rsvps SET status = $2::text,"
      + " waitlist_seq = CASE WHEN $2::text = 'WAITLISTED' THEN nextval('rsvp_waitlist_seq') END,"
      + " confirmed_at = CASE WHEN $2::text = 'CONFIRMED' THEN now() END, updated_at = now()"
      + " WHERE id = $1 AND status = 'APPLIED'";

  private static final String DUE = "SELECT e.id FROM events e JOIN lotteries l ON l.event_id = e.id"
      + " WHERE e.allocation = 'LOTTERY' AND e.status = 'PUBLISHED' AND l.drawn_at IS NULL"
      + " AND e.registration_closes_at <= $1 ORDER BY e.registration_closes_at, e.id LIMIT 50";

  /** A sign-up waiting for the draw. */
  public record Application(long rsvpId, long userId, int number, String pool) {}

  public record Locked(String secret, boolean drawn) {}

  public Future<Optional<Lottery>> find(SqlClient client, long eventId) {
    return client.preparedQuery(FIND).execute(Tuple.of(eventId)).compose(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Future.succeededFuture(Optional.empty());
      }
      Row row = it.next();
      return results(client, eventId).map(results -> Optional.of(new Lottery(eventId, row.getString("commitment"),
          row.getString("secret"), row.getString("applicants_sha256"), row.getString("seed"),
          row.getValue("seats") instanceof JsonObject seats ? seats : null, instant(row.getOffsetDateTime("drawn_at")),
          row.getLong("applied").intValue(), results)));
    });
  }

  private Future<List<Lottery.Result>> results(SqlClient client, long eventId) {
    return client.preparedQuery(RESULTS).execute(Tuple.of(eventId)).map(rows -> {
      List<Lottery.Result> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Lottery.Result(row.getInteger("number"), Draw.mask(row.getString("display_name")),
          row.getString("pool_key"), row.getInteger("draw_rank"), row.getInteger("position"), row.getString("status"))));
      return list;
    });
  }

  /** The member's application, with its result once drawn; {@code seats} of the pool give the waitlist place. */
  public Future<Optional<Lottery.Mine>> mine(SqlClient client, long eventId, long userId, JsonObject seats) {
    return client.preparedQuery(MINE).execute(Tuple.of(eventId, userId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      String drawn = row.getString("drawn_status");
      Integer position = row.getInteger("position");
      return Optional.of(new Lottery.Mine(row.getInteger("applicant_no"), drawn == null ? row.getString("status") : drawn,
          position, position == null || !Draw.WAITLISTED.equals(drawn) || seats == null ? null
              : position - seats.getInteger(row.getString("pool_key"), 0)));
    });
  }

  /** Each pool's free seats, under the pool locks every seat change takes. */
  public Future<Map<String, Integer>> lockPools(SqlClient tx, long eventId) {
    return tx.preparedQuery(LOCK_POOLS).execute(Tuple.of(eventId)).map(rows -> {
      Map<String, Integer> free = new LinkedHashMap<>();
      rows.forEach(row -> free.put(row.getString("key"), Math.max(0, row.getInteger("capacity") - row.getInteger("confirmed"))));
      return free;
    });
  }

  public Future<Optional<Locked>> lockLottery(SqlClient tx, long eventId) {
    return tx.preparedQuery(LOCK_LOTTERY).execute(Tuple.of(eventId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new Locked(row.getString("secret"), row.getValue("drawn_at") != null));
    });
  }

  public Future<List<Application>> applicants(SqlClient tx, long eventId) {
    return tx.preparedQuery(APPLICANTS).execute(Tuple.of(eventId)).map(rows -> {
      List<Application> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Application(row.getLong("id"), row.getLong("user_id"),
          row.getInteger("applicant_no"), row.getString("pool_key"))));
      return list;
    });
  }

  /** False when the lottery was drawn meanwhile. */
  public Future<Boolean> recordDraw(SqlClient tx, long eventId, Draw.Outcome outcome, JsonObject seats, Long drawnBy) {
    return tx.preparedQuery(RECORD_DRAW)
        .execute(Tuple.of(eventId, outcome.applicantsSha256(), outcome.seed(), seats, drawnBy))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Writes the results and gives each applicant their place, in draw order. */
  public Future<Void> place(SqlClient tx, long eventId, List<Draw.Entry> entries, Map<Integer, Application> byNumber) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple results = Tuple.tuple().addLong(eventId)
        .addArrayOfInteger(entries.stream().map(Draw.Entry::number).toArray(Integer[]::new))
        .addArrayOfLong(entries.stream().map(e -> byNumber.get(e.number()).rsvpId()).toArray(Long[]::new))
        .addArrayOfString(entries.stream().map(Draw.Entry::pool).toArray(String[]::new))
        .addArrayOfInteger(entries.stream().map(Draw.Entry::rank).toArray(Integer[]::new))
        .addArrayOfInteger(entries.stream().map(Draw.Entry::position).toArray(Integer[]::new))
        .addArrayOfString(entries.stream().map(Draw.Entry::status).toArray(String[]::new));
    List<Tuple> places = entries.stream()
        .map(e -> Tuple.of(byNumber.get(e.number()).rsvpId(), e.status())).toList();
    return tx.preparedQuery(INSERT_RESULTS).execute(results)
        .compose(done -> tx.preparedQuery(PLACE).executeBatch(places))
        .mapEmpty();
  }

  /** Lottery events whose registration closed by {@code now} and that are not drawn yet. */
  public Future<List<Long>> due(SqlClient client, Instant now) {
    return client.preparedQuery(DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getLong("id")));
      return ids;
    });
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
