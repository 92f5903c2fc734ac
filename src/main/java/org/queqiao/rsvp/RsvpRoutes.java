package org.queqiao.rsvp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.EventRoutes;
import org.queqiao.web.Json;

/** Signing up and cancelling through the JSON API, and the member's own sign-ups. */
public final class RsvpRoutes {
  private final RsvpService service;
  private final RsvpRepository rsvps;
  private final Authentication auth;
  private final Clock clock;

  public RsvpRoutes(RsvpService service, RsvpRepository rsvps, Authentication auth, Clock clock) {
    this.service = service;
    this.rsvps = rsvps;
    this.auth = auth;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/api/events/:id/rsvp").handler(auth::requireUser).handler(this::submitRsvp);
    router.delete("/api/events/:id/rsvp").handler(auth::requireUser).handler(this::cancelRsvp);
    router.get("/api/me/rsvps").handler(auth::requireUser).handler(this::listMyRsvps);
  }

  private void submitRsvp(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    String pool = body.getValue("pool") instanceof String s ? s : null;
    boolean single = Boolean.TRUE.equals(body.getValue("declaresSingle"));
    service.signUp(CurrentUser.require(ctx).user(), EventRoutes.pathId(ctx), pool, single)
        .onSuccess(outcome -> Json.send(ctx, outcome.created() ? 201 : 200, outcome.rsvp().toJson()))
        .onFailure(ctx::fail);
  }

  private void cancelRsvp(RoutingContext ctx) {
    service.cancel(CurrentUser.require(ctx).user(), EventRoutes.pathId(ctx))
        .onSuccess(cancelled -> Json.send(ctx, 200, new JsonObject().put("status", cancelled.rsvp().status())))
        .onFailure(ctx::fail);
  }

  private void listMyRsvps(RoutingContext ctx) {
    rsvps.listForUser(CurrentUser.require(ctx).user().id())
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject().put("items", new JsonArray(list.stream()
            .map(mine -> mine.rsvp().toJson().put("event", mine.event().toJson(clock.instant())))
            .toList()))))
        .onFailure(ctx::fail);
  }
}
