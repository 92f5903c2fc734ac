package org.queqiao.health;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

public final class HealthRepository {
  public Future<Void> ping(SqlClient client) {
    return client.query("SELECT 1").execute().mapEmpty();
  }
}
