package org.queqiao.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Limits guesses and bursts per key (a client address, a member at an event, a scanning session),
 * counted in PostgreSQL so that every instance sees the same numbers. An attempt is counted before
 * it is judged, so parallel guesses cannot slip past the limit; a refused attempt is rolled back and
 * changes nothing. Shares its table with the sign-in throttle; keys never collide (each has a prefix).
 */
public final class AttemptThrottle {
  private static final String COUNT_ATTEMPT = "INSERT INTO login_failures AS f (key, failures, window_started_at)"
      + " VALUES ($1, 1, now())"
      + " ON CONFLICT (key) DO UPDATE SET"
      + "  failures = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2) THEN 1 ELSE f.failures + 1 END,"
      + "  window_started_at = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2)"
      + "                      THEN now() ELSE f.window_started_at END"
      + " RETURNING failures, GREATEST(1, ceil(extract(epoch FROM"
      + "   (window_started_at + make_interval(mins => $2) - now()))))::int AS retry_after";
  private static final String FORGET = "DELETE FROM login_failures WHERE key = $1";
  // One statement, one snapshot: the last attempt's row goes, or the count drops by one.
  private static final String TAKE_BACK = "WITH last AS (DELETE FROM login_failures WHERE key = $1 AND failures = 1)"
      + " UPDATE login_failures SET failures = failures - 1 WHERE key = $1 AND failures > 1";
  // No window is longer than a day (the configuration allows at most 24 h).
  private static final String PURGE_EXPIRED = "DELETE FROM login_failures WHERE window_started_at < now() - interval '1 day'";

  private final Pool pool;
  private final String prefix;
  private final int limit;
  private final int windowMinutes;

  public AttemptThrottle(Pool pool, String prefix, int limit, int windowMinutes) {
    this.pool = pool;
    this.prefix = prefix + ":";
    this.limit = limit;
    this.windowMinutes = windowMinutes;
  }

  /** Counts an attempt; fails with 429 (counting nothing) when the limit is already reached. */
  public Future<Void> count(String key) {
    return pool.withTransaction(conn -> conn.preparedQuery(COUNT_ATTEMPT).execute(Tuple.of(prefix + key, windowMinutes))
        .compose(rows -> {
          Row row = rows.iterator().next();
          return row.getInteger("failures") > limit
              ? Future.failedFuture(AuthErrors.tooManyAttempts(row.getInteger("retry_after")))
              : Future.<Void>succeededFuture();
        }));
  }

  /** An attempt that succeeded does not count: only failures use up the limit. */
  public Future<Void> takeBack(String key) {
    return pool.preparedQuery(TAKE_BACK).execute(Tuple.of(prefix + key)).mapEmpty();
  }

  /** Counters whose window ended long ago, of every throttle (sign-ins too): run hourly. */
  public static Future<Integer> purgeExpired(SqlClient client) {
    return client.query(PURGE_EXPIRED).execute().map(rows -> rows.rowCount());
  }

  /** After a success: the key starts afresh. */
  public Future<Void> forget(String key) {
    return pool.preparedQuery(FORGET).execute(Tuple.of(prefix + key)).mapEmpty();
  }
}
