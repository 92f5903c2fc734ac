package org.queqiao.health;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

public final class HealthRepository {
  private final Pool pool;

  public HealthRepository(Pool pool) {
    this.pool = pool;
  }

  /** Succeeds when PostgreSQL answers a trivial query within two seconds. */
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().<Void>mapEmpty().timeout(2, TimeUnit.SECONDS);
  }
}
