package org.queqiao.series;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.users.Role;
import org.queqiao.web.Json;

/** The series JSON API (contract §11): create, read, follow and unfollow. */
public final class SeriesRoutes {
  private final SeriesService service;
  private final SeriesAccess access;
  private final Authentication auth;
  private final Clock clock;

  public SeriesRoutes(SeriesService service, SeriesAccess access, Authentication auth, Clock clock) {
    this.service = service;
    this.access = access;
    this.auth = auth;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/api/series").handler(auth.requireRole(Role.ORGANIZER, Role.ADMIN)).handler(this::createSeries);
    router.get("/api/series/:id").handler(access::requireVisible).handler(this::showSeries);
    router.post("/api/series/:id/follow").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::followSeries);
    router.delete("/api/series/:id/follow").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::unfollowSeries);
  }

  private void createSeries(RoutingContext ctx) {
    Instant now = clock.instant();
    service.create(CurrentUser.require(ctx).user(), Json.body(ctx))
        .onSuccess(created -> Json.send(ctx, 201, new JsonObject()
            .put("id", created.series().id())
            .put("title", created.series().title())
            .put("description", created.series().description())
            .put("events", new JsonArray(created.dates().stream().map(e -> e.toJson(now)).toList()))))
        .onFailure(ctx::fail);
  }

  private void showSeries(RoutingContext ctx) {
    Json.send(ctx, 200, toJson(SeriesAccess.view(ctx), clock.instant()));
  }

  private void followSeries(RoutingContext ctx) {
    service.follow(CurrentUser.require(ctx).user(), SeriesAccess.view(ctx).series())
        .onSuccess(done -> Json.send(ctx, 200, new JsonObject().put("following", true)))
        .onFailure(ctx::fail);
  }

  private void unfollowSeries(RoutingContext ctx) {
    service.unfollow(CurrentUser.require(ctx).user(), SeriesAccess.view(ctx).series())
        .onSuccess(done -> Json.send(ctx, 200, new JsonObject().put("following", false)))
        .onFailure(ctx::fail);
  }

  /** {@code following} only for a signed-in asker, {@code followers} only for the series' managers. */
  static JsonObject toJson(SeriesService.View view, Instant now) {
    JsonObject json = new JsonObject()
        .put("id", view.series().id())
        .put("title", view.series().title())
        .put("description", view.series().description())
        .put("events", new JsonArray(view.dates().stream().map(d -> d.event().toJson(now)).toList()));
    if (view.following() != null) {
      json.put("following", view.following());
    }
    if (view.followers() != null) {
      json.put("followers", view.followers());
    }
    return json;
  }
}
