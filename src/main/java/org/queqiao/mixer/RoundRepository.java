package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Rounds of a mixer: who sits where, which pairs have met, and the shared end time. */
public final class RoundRepository {
  // One host at a time starts a round of a mixer: the numbering and the pairs depend on the last one.
  private static final String LOCK_ROUNDS = "SELECT pg_advisory_xact_lock(hashtextextended('mixer-rounds:' || $1::bigint, 0))";
  private static final String LAST_ROUND = "SELECT coalesce(max(round_no), 0) AS n FROM mixer_rounds WHERE event_id = $1";
  // Starting a round ends the one before it, if it still runs.
  private static final String END_CURRENT = "UPDATE mixer_rounds SET ends_at = greatest(started_at"
      + " + interval '1 millisecond', least(ends_at, now())) WHERE event_id = $1 AND round_no = $2";
  private static final String PRESENT = "SELECT c.user_id, r.pool_key FROM checkins c JOIN rsvps r ON r.id = c.rsvp_id"
      + " WHERE c.event_id = $1 AND c.badge IS NOT NULL AND c.mixer_left_at IS NULL";
  // Pairs that may not sit together: those who met in an earlier round, and those hidden from each
  // other (a block either way, or the same employer with either asking not to be shown to colleagues).
  private static final String FORBIDDEN = "WITH p AS (SELECT c.user_id, u.employer_key, u.avoid_same_employer"
      + "   FROM checkins c JOIN users u ON u.id = c.user_id"
      + "   WHERE c.event_id = $1 AND c.badge IS NOT NULL AND c.mixer_left_at IS NULL)"
      + " SELECT user_a AS a, user_b AS b FROM mixer_round_pairs WHERE event_id = $1"
      + " UNION SELECT b.blocker, b.blocked FROM mixer_blocks b JOIN p x ON x.user_id = b.blocker"
      + "   JOIN p y ON y.user_id = b.blocked"
      + " UNION SELECT x.user_id, y.user_id FROM p x JOIN p y ON x.user_id < y.user_id"
      + "   AND x.employer_key = y.employer_key AND (x.avoid_same_employer OR y.avoid_same_employer)";
  private static final String RESTS = "SELECT user_id, count(*) AS n FROM mixer_round_seats WHERE event_id = $1"
      + " AND table_no IS NULL GROUP BY user_id";
  private static final String INSERT_ROUND = "INSERT INTO mixer_rounds (event_id, round_no, ends_at)"
      + " VALUES ($1, $2, now() + make_interval(mins => $3)) RETURNING started_at, ends_at";
  private static final String INSERT_PAIR = "INSERT INTO mixer_round_pairs (event_id, round_no, table_no, user_a, user_b)"
      + " VALUES ($1, $2, $3, $4, $5)";
  private static final String INSERT_SEAT = "INSERT INTO mixer_round_seats (event_id, round_no, user_id, table_no)"
      + " VALUES ($1, $2, $3, $4)";
  private static final String CURRENT = "SELECT r.round_no, r.started_at, r.ends_at, now() AS now,"
      + " (SELECT count(*) FROM mixer_round_pairs p WHERE p.event_id = r.event_id AND p.round_no = r.round_no) AS tables,"
      + " (SELECT count(*) FROM mixer_round_seats s WHERE s.event_id = r.event_id AND s.round_no = r.round_no"
      + "   AND s.table_no IS NULL) AS resting,"
      + " s.user_id IS NOT NULL AS seated, s.table_no"
      + " FROM mixer_rounds r LEFT JOIN mixer_round_seats s ON s.event_id = r.event_id AND s.round_no = r.round_no"
      + "   AND s.user_id = $2"
      + " WHERE r.event_id = $1 ORDER BY r.round_no DESC LIMIT 1";

  /** The latest round, with the asker's seat in it (a table, resting, or not seated: came later). */
  public record Round(int number, Instant startedAt, Instant endsAt, Instant now, long tables, long resting,
      boolean seated, Integer table) {}

  public Future<Void> lock(SqlClient client, long eventId) {
    return client.preparedQuery(LOCK_ROUNDS).execute(Tuple.of(eventId)).mapEmpty();
  }

  public Future<Integer> lastRound(SqlClient client, long eventId) {
    return client.preparedQuery(LAST_ROUND).execute(Tuple.of(eventId))
        .map(rows -> rows.iterator().next().getInteger("n"));
  }

  public Future<Void> endRound(SqlClient client, long eventId, int round) {
    return client.preparedQuery(END_CURRENT).execute(Tuple.of(eventId, round)).mapEmpty();
  }

  /** Who is at the mixer now, by pool: user ids. */
  public Future<Map<String, List<Long>>> present(SqlClient client, long eventId) {
    return client.preparedQuery(PRESENT).execute(Tuple.of(eventId)).map(rows -> {
      Map<String, List<Long>> byPool = new HashMap<>();
      rows.forEach(row -> byPool.computeIfAbsent(row.getString("pool_key"), k -> new ArrayList<>())
          .add(row.getLong("user_id")));
      return byPool;
    });
  }

  public Future<Set<RoundPairing.Pair>> forbidden(SqlClient client, long eventId) {
    return client.preparedQuery(FORBIDDEN).execute(Tuple.of(eventId)).map(rows -> {
      Set<RoundPairing.Pair> pairs = new HashSet<>();
      rows.forEach(row -> pairs.add(new RoundPairing.Pair(row.getLong("a"), row.getLong("b"))));
      return pairs;
    });
  }

  public Future<Map<Long, Integer>> rests(SqlClient client, long eventId) {
    return client.preparedQuery(RESTS).execute(Tuple.of(eventId)).map(rows -> {
      Map<Long, Integer> rests = new HashMap<>();
      rows.forEach(row -> rests.put(row.getLong("user_id"), row.getLong("n").intValue()));
      return rests;
    });
  }

  /** Records the round and its seating; the unique pair constraint refuses any pair met before. */
  public Future<Void> insertRound(SqlClient client, long eventId, int round, int minutes, RoundPairing.Seating seating) {
    List<Tuple> pairs = new ArrayList<>();
    List<Tuple> seats = new ArrayList<>();
    for (int i = 0; i < seating.tables().size(); i++) {
      RoundPairing.Pair p = seating.tables().get(i);
      pairs.add(Tuple.of(eventId, round, i + 1, p.a(), p.b()));
      seats.add(Tuple.of(eventId, round, p.a(), i + 1));
      seats.add(Tuple.of(eventId, round, p.b(), i + 1));
    }
    seating.resting().forEach(id -> seats.add(Tuple.tuple().addLong(eventId).addInteger(round).addLong(id)
        .addInteger(null)));
    Future<?> inserted = client.preparedQuery(INSERT_ROUND).execute(Tuple.of(eventId, round, minutes));
    if (!pairs.isEmpty()) {
      inserted = inserted.compose(v -> client.preparedQuery(INSERT_PAIR).executeBatch(pairs));
    }
    if (!seats.isEmpty()) {
      inserted = inserted.compose(v -> client.preparedQuery(INSERT_SEAT).executeBatch(seats));
    }
    return inserted.mapEmpty();
  }

  public Future<Optional<Round>> current(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(CURRENT).execute(Tuple.of(eventId, userId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new Round(row.getInteger("round_no"), row.getOffsetDateTime("started_at").toInstant(),
          row.getOffsetDateTime("ends_at").toInstant(), row.getOffsetDateTime("now").toInstant(),
          row.getLong("tables"), row.getLong("resting"), row.getBoolean("seated"), row.getInteger("table_no")));
    });
  }
}
