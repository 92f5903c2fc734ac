package org.queqiao.checkin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.web.Json;
import org.queqiao.web.Times;

/** The offline door's JSON API (contract §18): door kits, their revocation, sync, re-entry. */
public final class DoorRoutes {
  private final DoorService service;
  private final EventAccess access;

  public DoorRoutes(DoorService service, EventAccess access) {
    this.service = service;
    this.access = access;
  }

  public void mount(Router router) {
    router.get("/api/events/:id/door-kit").handler(access::requireDoorStaff).handler(this::issueKit);
    router.post("/api/events/:id/checkins/sync").handler(access::requireDoorStaff).handler(this::sync);
    router.get("/api/events/:id/door-kits").handler(access::requireManager).handler(this::listKits);
    router.delete("/api/events/:id/door-kits/:kitId").handler(access::requireManager).handler(this::revokeKit);
    router.put("/api/events/:id/door").handler(access::requireManager).handler(this::setDoor);
  }

  private void issueKit(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store");
    service.kit(CurrentUser.require(ctx).user(), EventAccess.event(ctx))
        .onSuccess(kit -> Json.send(ctx, 200, kit))
        .onFailure(ctx::fail);
  }

  private void sync(RoutingContext ctx) {
    service.sync(CurrentUser.require(ctx).user(), EventAccess.event(ctx), Json.body(ctx))
        .onSuccess(results -> Json.send(ctx, 200, results))
        .onFailure(ctx::fail);
  }

  private void listKits(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.kits(event)
        .onSuccess(kits -> Json.send(ctx, 200, new JsonObject().put("items", new JsonArray(kits.stream()
            .map(k -> new JsonObject().put("deviceId", k.id().toString()).put("userId", k.userId())
                .put("holder", k.holder()).put("issuedAt", Times.iso(k.issuedAt(), event.zone()))
                .put("expiresAt", Times.iso(k.expiresAt(), event.zone()))
                .put("revokedAt", k.revokedAt() == null ? null : Times.iso(k.revokedAt(), event.zone())))
            .toList()))))
        .onFailure(ctx::fail);
  }

  private void revokeKit(RoutingContext ctx) {
    UUID kit;
    try {
      kit = UUID.fromString(ctx.pathParam("kitId"));
    } catch (IllegalArgumentException e) {
      ctx.fail(CheckinErrors.doorKitNotFound());
      return;
    }
    service.revoke(EventAccess.event(ctx), kit)
        .onSuccess(revoked -> {
          if (revoked) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(CheckinErrors.doorKitNotFound());
          }
        })
        .onFailure(ctx::fail);
  }

  /** {@code {"reentry": true}}: whether a person who scanned out may come back in. */
  private void setDoor(RoutingContext ctx) {
    Object reentry = Json.body(ctx).getValue("reentry");
    if (!(reentry instanceof Boolean allowed)) {
      ctx.fail(CheckinErrors.badSync(Map.of("reentry", "field.door.reentry")));
      return;
    }
    service.setReentry(EventAccess.event(ctx), allowed)
        .onSuccess(done -> Json.send(ctx, 200, new JsonObject().put("reentry", allowed)))
        .onFailure(ctx::fail);
  }
}
