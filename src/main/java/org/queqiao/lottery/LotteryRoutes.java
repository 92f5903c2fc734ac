package org.queqiao.lottery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.web.Json;

/** The public draw of a lottery event, the manager's draw, and the applicant list to check it with. */
public final class LotteryRoutes {
  private final LotteryService service;
  private final EventAccess access;

  public LotteryRoutes(LotteryService service, EventAccess access) {
    this.service = service;
    this.access = access;
  }

  public void mount(Router router) {
    router.get("/api/events/:id/draw").handler(access::requireVisible).handler(this::showDraw);
    router.post("/api/events/:id/draw").handler(access::requireManager).handler(this::drawNow);
    router.get("/api/events/:id/draw/applicants.csv").handler(access::requireVisible).handler(this::downloadApplicants);
  }

  private void showDraw(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.find(event)
        .compose(lottery -> withMine(ctx, event, lottery))
        .onSuccess(json -> Json.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** A signed-in applicant also sees their own number and result ("mine"); nobody else's. */
  private Future<JsonObject> withMine(RoutingContext ctx, Event event, Lottery lottery) {
    JsonObject json = lottery.toJson(event);
    Optional<CurrentUser> viewer = CurrentUser.of(ctx);
    if (viewer.isEmpty()) {
      return Future.succeededFuture(json);
    }
    return service.mine(event, viewer.get().user().id(), lottery)
        .map(mine -> json.put("mine", mine.map(Lottery.Mine::toJson).orElse(null)));
  }

  private void drawNow(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.draw(event, CurrentUser.require(ctx).user().id())
        .onSuccess(lottery -> Json.send(ctx, 200, lottery.toJson(event)))
        .onFailure(ctx::fail);
  }

  private void downloadApplicants(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.find(event)
        .compose(lottery -> lottery.drawn() ? Future.succeededFuture(ApplicantList.csv(lottery))
            : Future.failedFuture(LotteryErrors.notDrawnYet()))
        .onSuccess(csv -> ctx.response()
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"draw-" + event.id() + "-applicants.csv\"")
            .end(csv))
        .onFailure(ctx::fail);
  }
}
