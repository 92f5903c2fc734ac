package org.queqiao.db;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

/**
 * Whether PostgreSQL answers right now, asked once a second on a connection of its own (so a
 * surge queueing for the pool cannot delay the question). A busy database answers and its requests
 * may wait their turn; a frozen or unreachable one does not, and its requests get 503 quickly
 * (contract §16, {@link org.queqiao.web.RequestFailures}).
 */
public final class DatabaseProbe extends VerticleBase {
  private static final long INTERVAL_MS = 1_000;
  /** Answered within this long: the database counts as answering. */
  private static final long FRESH_NANOS = 3_000_000_000L;

  private final PgConnectOptions database;
  private volatile long answeredAt = System.nanoTime();
  private PgConnection connection;
  private boolean asking;
  private long timer;

  public DatabaseProbe(PgConnectOptions database) {
    this.database = database;
  }

  public boolean answering() {
    return System.nanoTime() - answeredAt < FRESH_NANOS;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(INTERVAL_MS, tick -> ask());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return connection == null ? Future.succeededFuture() : connection.close();
  }

  /** One question at a time: while a frozen server keeps the last one, nothing piles up behind it. */
  private void ask() {
    if (asking) {
      return;
    }
    asking = true;
    Future<PgConnection> open = connection != null
        ? Future.succeededFuture(connection)
        : PgConnection.connect(vertx, database).onSuccess(opened -> {
          connection = opened;
          opened.closeHandler(closed -> connection = null);
        });
    open.compose(conn -> conn.query("SELECT 1").execute())
        .onSuccess(rows -> answeredAt = System.nanoTime())
        .onFailure(failure -> {
          if (connection != null) {
            connection.close();
            connection = null;
          }
        })
        .onComplete(done -> asking = false);
  }
}
