package org.queqiao.health;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this instance can serve: PostgreSQL answers a trivial query within two seconds. Ready
 * (contract §16) also needs the instance to be serving: {@link #stopServing} is called when it
 * begins to shut down, so a load balancer stops sending it requests while those in flight finish.
 */
public final class HealthService {
  private final Pool pool;
  private final HealthRepository health;
  private final AtomicBoolean serving = new AtomicBoolean(true);

  public HealthService(Pool pool, HealthRepository health) {
    this.pool = pool;
    this.health = health;
  }

  public Future<Void> ping() {
    return health.ping(pool).timeout(2, TimeUnit.SECONDS);
  }

  public boolean serving() {
    return serving.get();
  }

  public void stopServing() {
    serving.set(false);
  }
}
