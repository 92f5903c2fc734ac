package org.queqiao.web;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failure means PostgreSQL cannot be reached right now (down, restarting, frozen, every
 * connection taken by requests that wait on it), as opposed to a bug: such a request is answered
 * 503 {@code DATABASE_UNAVAILABLE} with a Retry-After, at once, instead of 500 (contract §16). The
 * pools reconnect by themselves, so the app recovers when the database comes back.
 */
final class DatabaseOutage {
  /** SQLSTATE classes and codes of a server going away: connection exceptions, shutdowns, start-up. */
  private static final String CONNECTION_CLASS = "08";
  private static final java.util.Set<String> SHUTTING_DOWN = java.util.Set.of("57P01", "57P02", "57P03", "53300");

  /**
   * How the SQL client's pool says a request waited {@code connectionTimeout} for a connection in
   * vain: taking a connection ({@code withTransaction}) fails with the first, a query sent to the
   * pool itself with the second (a bare {@code Promise.fail("Timeout")}).
   */
  private static final String ACQUIRE_TIMEOUT = "Timeout waiting for connection";
  private static final String QUERY_ACQUIRE_TIMEOUT = "Timeout";

  private DatabaseOutage() {}

  static boolean is(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof ClosedConnectionException || t instanceof TimeoutException
          || (t instanceof VertxException && ACQUIRE_TIMEOUT.equals(t.getMessage()))
          || (t instanceof NoStackTraceThrowable && QUERY_ACQUIRE_TIMEOUT.equals(t.getMessage()))) {
        return true;
      }
      if (t instanceof DatabaseException db && db.getSqlState() != null
          && (db.getSqlState().startsWith(CONNECTION_CLASS) || SHUTTING_DOWN.contains(db.getSqlState()))) {
        return true;
      }
    }
    return false;
  }
}
