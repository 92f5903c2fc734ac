package org.queqiao.health;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/** Whether this instance can serve: PostgreSQL answers a trivial query within two seconds. */
public final class HealthService {
  private final Pool pool;
  private final HealthRepository health;

  public HealthService(Pool pool, HealthRepository health) {
    this.pool = pool;
    this.health = health;
  }

  public Future<Void> ping() {
    return health.ping(pool).timeout(2, TimeUnit.SECONDS);
  }
}
