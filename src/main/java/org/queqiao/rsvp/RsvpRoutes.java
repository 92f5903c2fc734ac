package org.queqiao.rsvp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.web.Json;
import org.queqiao.web.PathParams;

/** An event as a member sees it with their sign-up; signing up and cancelling; sign-up lists. */
public final class RsvpRoutes {
  private final RsvpService service;
  private final EventAccess access;
  private final Authentication auth;
  private final Clock clock;

  public RsvpRoutes(RsvpService service, EventAccess access, Authentication auth, Clock clock) {
    this.service = service;
    this.access = access;
    this.auth = auth;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/events/:id").handler(access::requireVisible).handler(this::showEvent);
    router.post("/api/events/:id/rsvp").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitRsvp);
    router.delete("/api/events/:id/rsvp").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::cancelRsvp);
    router.get("/api/events/:id/rsvps").handler(access::requireManager).handler(this::listRsvps);
    router.post("/api/events/:id/rsvps/:rsvpId/approve").handler(access::requireManager).handler(this::approve);
    router.post("/api/events/:id/rsvps/:rsvpId/decline").handler(access::requireManager).handler(this::decline);
    router.get("/api/me/rsvps").handler(auth::requireUser).handler(this::listMyRsvps);
    router.get("/api/me/series").handler(auth::requireUser).handler(this::listMySeries);
  }

  private void showEvent(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    JsonObject json = event.toJson(clock.instant());
    Optional<CurrentUser> viewer = CurrentUser.of(ctx);
    if (viewer.isEmpty()) {
      Json.send(ctx, 200, json);
      return;
    }
    service.mine(viewer.get().user(), event)
        .onSuccess(mine -> Json.send(ctx, 200, json.put("myRsvp", mine.map(Rsvp::toJson).orElse(null))))
        .onFailure(ctx::fail);
  }

  private void submitRsvp(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    String pool = body.getValue("pool") instanceof String s ? s : null;
    boolean single = Boolean.TRUE.equals(body.getValue("declaresSingle"));
    service.signUp(CurrentUser.require(ctx).user(), EventAccess.event(ctx), pool, single, body.getValue("answers"))
        .onSuccess(outcome -> Json.send(ctx, outcome.created() ? 201 : 200, outcome.rsvp().toJson()))
        .onFailure(ctx::fail);
  }

  private void cancelRsvp(RoutingContext ctx) {
    service.cancel(CurrentUser.require(ctx).user(), EventAccess.event(ctx))
        .onSuccess(cancelled -> Json.send(ctx, 200, new JsonObject().put("status", cancelled.rsvp().status())))
        .onFailure(ctx::fail);
  }

  private void listRsvps(RoutingContext ctx) {
    service.listForEvent(EventAccess.event(ctx))
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject()
            .put("items", new JsonArray(list.stream().map(RsvpRepository.Attendee::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void approve(RoutingContext ctx) {
    service.approve(EventAccess.event(ctx), rsvpId(ctx))
        .onSuccess(rsvp -> Json.send(ctx, 200, rsvp.toJson()))
        .onFailure(ctx::fail);
  }

  private void decline(RoutingContext ctx) {
    service.decline(EventAccess.event(ctx), rsvpId(ctx))
        .onSuccess(rsvp -> Json.send(ctx, 200, rsvp.toJson()))
        .onFailure(ctx::fail);
  }

  private static long rsvpId(RoutingContext ctx) {
    return PathParams.pathLong(ctx, "rsvpId", RsvpErrors::rsvpNotFound);
  }

  private void listMyRsvps(RoutingContext ctx) {
    service.listMine(CurrentUser.require(ctx).user())
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject().put("items", new JsonArray(list.stream()
            .map(mine -> mine.rsvp().toJson().put("event", mine.event().toJson(clock.instant())))
            .toList()))))
        .onFailure(ctx::fail);
  }

  private void listMySeries(RoutingContext ctx) {
    service.mySeries(CurrentUser.require(ctx).user())
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject().put("items",
            new JsonArray(list.stream().map(SeriesStreaks.SeriesRecord::toJson).toList()))))
        .onFailure(ctx::fail);
  }
}
