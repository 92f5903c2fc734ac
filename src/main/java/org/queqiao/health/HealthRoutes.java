package org.queqiao.health;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.queqiao.web.Json;

public final class HealthRoutes {
  private final HealthService health;

  public HealthRoutes(HealthService health) {
    this.health = health;
  }

  public void mount(Router router) {
    router.get("/health").handler(this::showHealth);
    router.get("/health/ready").handler(this::showReadiness);
  }

  /** 200 only while serving and PostgreSQL answers: what a load balancer routes by. */
  private void showReadiness(RoutingContext ctx) {
    if (!health.serving()) {
      Json.send(ctx, 503, new JsonObject().put("status", "DRAINING"));
      return;
    }
    health.ping()
        .onSuccess(ok -> Json.send(ctx, 200, new JsonObject().put("status", "READY").put("db", "UP")))
        .onFailure(down -> Json.send(ctx, 503, new JsonObject().put("status", "NOT_READY").put("db", "DOWN")));
  }

  private void showHealth(RoutingContext ctx) {
    health.ping()
        .onSuccess(ok -> Json.send(ctx, 200, new JsonObject().put("status", "UP").put("db", "UP")))
        .onFailure(down -> Json.send(ctx, 503, new JsonObject().put("status", "DOWN").put("db", "DOWN")));
  }
}
