package org.queqiao.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;

/**
 * A pipelined client for the hottest short reads (the session lookup, the public event list): many
 * requests' queries share a few connections and travel together, so PostgreSQL and the event loops
 * wake up once for several queries instead of once per query. It cannot hold a transaction, so
 * every write and every read that must see its own writes goes through the ordinary pool.
 * Measured in docs/benchmarks.md ("pipelined reads").
 */
public final class ReadClient {
  private ReadClient() {}

  /** A quarter of the pool's size, at least two connections. */
  private static int size(int poolSize) {
    return Math.max(2, poolSize / 4);
  }

  public static SqlClient create(Vertx vertx, PgConnectOptions options, int poolSize) {
    return PgBuilder.client()
        .with(new PoolOptions().setMaxSize(size(poolSize)))
        .connectingTo(options)
        .using(vertx)
        .build();
  }
}
