package org.queqiao.db;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The clients for reads outside a transaction, beside the ordinary pool.
 *
 * <p>{@link #primary}: pipelined, for the hottest short reads that must see the latest commit (the
 * session lookup, a member's own sign-up): many requests' queries share a few connections and
 * travel together, so PostgreSQL and the event loops wake up once for several queries instead of
 * once per query. Measured in docs/benchmarks.md ("pipelined reads").
 *
 * <p>{@link #lagging}: for reads that may be a moment behind (the public event list, an event's
 * page for its audience, standings, reports). With {@code DATABASE_READ_URL} it goes to that
 * streaming replica; without, it is the primary's pipelined client. Never for a member's own
 * just-written state, nor for a decision that a write follows (contract §16).
 *
 * <p>Neither can hold a transaction: every write goes through the pool.
 */
public final class ReadClient {
  /**
   * How long a request waits for a free connection before it is refused with 503. Just under the
   * longest a request may wait while the database answers (30 s, web/RequestFailures): a surge that
   * only queues is not cut short, and no waiter outlives its request. A frozen database is answered
   * sooner by the request deadline (7 s, db/DatabaseProbe).
   */
  public static final int ACQUIRE_TIMEOUT_MS = 25_000;
  /** Opening a TCP connection to PostgreSQL; an unreachable host fails well before the deadline. */
  public static final int CONNECT_TIMEOUT_MS = 3_000;

  private ReadClient() {}

  /** The ordinary pool: transactions, writes and the reads that decide them. */
  public static Pool pool(Vertx vertx, PgConnectOptions options, int poolSize) {
    return PgBuilder.pool()
        .with(options(poolSize).setName("primary"))
        .with(network())
        .connectingTo(options)
        .using(vertx)
        .build();
  }

  public static SqlClient primary(Vertx vertx, PgConnectOptions options, int poolSize) {
    return PgBuilder.client()
        .with(options(Math.max(2, poolSize / 4)).setName("reads"))
        .with(network())
        .connectingTo(options)
        .using(vertx)
        .build();
  }

  /** The replica's client when there is one, else {@code primary} itself. */
  public static SqlClient lagging(Vertx vertx, Optional<DatabaseTarget> replica, SqlClient primary, int poolSize) {
    return replica.<SqlClient>map(target -> PgBuilder.client()
            .with(options(Math.max(2, poolSize / 2)).setName("replica"))
            .with(network())
            .connectingTo(target.connectOptions())
            .using(vertx)
            .build())
        .orElse(primary);
  }

  private static NetClientOptions network() {
    return new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS);
  }

  private static PoolOptions options(int size) {
    return new PoolOptions().setMaxSize(size)
        .setConnectionTimeout(ACQUIRE_TIMEOUT_MS).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
  }
}
