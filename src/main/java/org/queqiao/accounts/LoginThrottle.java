package org.queqiao.accounts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.queqiao.config.AppConfig;

/**
 * Limits password guessing per login and per client address, counted in PostgreSQL so that every
 * instance sees the same numbers. An attempt is counted before the password is checked (so a
 * burst of parallel guesses cannot slip past the limit) and taken back when it succeeds; an
 * attempt that is refused is rolled back and changes nothing.
 */
public final class LoginThrottle {
  private static final String COUNT_ATTEMPT = "INSERT INTO login_failures AS f (key, failures, window_started_at)"
      + " VALUES ($1, 1, now())"
      + " ON CONFLICT (key) DO UPDATE SET"
      + "  failures = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2) THEN 1 ELSE f.failures + 1 END,"
      + "  window_started_at = CASE WHEN f.window_started_at <= now() - make_interval(mins => $2)"
      + "                      THEN now() ELSE f.window_started_at END"
      + " RETURNING failures, GREATEST(1, ceil(extract(epoch FROM"
      + "   (window_started_at + make_interval(mins => $2) - now()))))::int AS retry_after";
  private static final String FORGET_LOGIN = "DELETE FROM login_failures WHERE key = $1";
  private static final String UNCOUNT_ADDRESS =
      "UPDATE login_failures SET failures = failures - 1 WHERE key = $1 AND failures > 1";

  private final Pool pool;
  private final int perLogin;
  private final int perAddress;
  private final int windowMinutes;

  public LoginThrottle(Pool pool, AppConfig config) {
    this.pool = pool;
    this.perLogin = config.loginMaxFailuresPerLogin();
    this.perAddress = config.loginMaxFailuresPerAddress();
    this.windowMinutes = config.loginFailureWindowMinutes();
  }

  /** Counts an attempt; fails with 429 (and counts nothing) when either limit is already reached. */
  public Future<Void> countAttempt(String login, String address) {
    return pool.withTransaction(conn -> conn.preparedQuery(COUNT_ATTEMPT).execute(Tuple.of(loginKey(login), windowMinutes))
        .compose(byLogin -> conn.preparedQuery(COUNT_ATTEMPT).execute(Tuple.of(addressKey(address), windowMinutes))
            .compose(byAddress -> {
              Row l = byLogin.iterator().next();
              Row a = byAddress.iterator().next();
              if (l.getInteger("failures") > perLogin || a.getInteger("failures") > perAddress) {
                int retry = Math.max(l.getInteger("failures") > perLogin ? l.getInteger("retry_after") : 0,
                    a.getInteger("failures") > perAddress ? a.getInteger("retry_after") : 0);
                return Future.failedFuture(AccountErrors.tooManyAttempts(retry));
              }
              return Future.<Void>succeededFuture();
            })));
  }

  public Future<Void> succeeded(String login, String address) {
    return pool.preparedQuery(FORGET_LOGIN).execute(Tuple.of(loginKey(login)))
        .compose(done -> pool.preparedQuery(UNCOUNT_ADDRESS).execute(Tuple.of(addressKey(address))))
        .mapEmpty();
  }

  private static String loginKey(String login) {
    return "login:" + login;
  }

  private static String addressKey(String address) {
    return "addr:" + address;
  }

}
