package org.queqiao.mixer;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.EventAccess;
import org.queqiao.web.Forms;
import org.queqiao.web.Json;
import org.queqiao.web.Views;

/**
 * Rounds (issue 18): the host starts them and watches the clock; each attendee's phone polls its
 * own table (webroot/js/rounds.js) and counts down to the stored end time.
 */
public final class RoundRoutes {
  private final RoundService rounds;
  private final EventAccess access;
  private final Authentication auth;
  private final Views views;

  public RoundRoutes(RoundService rounds, EventAccess access, Authentication auth, Views views) {
    this.rounds = rounds;
    this.access = access;
    this.auth = auth;
    this.views = views;
  }

  public void mount(Router router) {
    router.post("/api/events/:id/mixer/rounds").handler(auth::requireUser).handler(access::requireManager)
        .handler(this::startRound);
    router.get("/api/events/:id/mixer/rounds/current").handler(auth::requireUser).handler(access::requireManager)
        .handler(this::showHostRound);
    router.get("/api/events/:id/mixer/round").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::showMyRound);
    router.get("/events/:id/mixer/host").handler(auth::requireUser).handler(access::requireManager)
        .handler(this::showHostPage);
    router.post("/events/:id/mixer/rounds").handler(auth::requireUser).handler(access::requireManager)
        .handler(this::submitStartRound);
  }

  private void startRound(RoutingContext ctx) {
    rounds.startNext(CurrentUser.require(ctx).user(), EventAccess.event(ctx), Json.body(ctx).getValue("minutes"))
        .onSuccess(round -> Json.send(ctx, 201, round))
        .onFailure(ctx::fail);
  }

  private void showHostRound(RoutingContext ctx) {
    rounds.hostView(EventAccess.event(ctx), CurrentUser.require(ctx).user())
        .onSuccess(round -> Json.send(ctx, 200, round))
        .onFailure(ctx::fail);
  }

  private void showMyRound(RoutingContext ctx) {
    rounds.myRound(CurrentUser.require(ctx).user(), EventAccess.event(ctx))
        .onSuccess(round -> Json.send(ctx, 200, round))
        .onFailure(ctx::fail);
  }

  private void showHostPage(RoutingContext ctx) {
    renderHost(ctx, null);
  }

  private void renderHost(RoutingContext ctx, Throwable refusal) {
    var event = EventAccess.event(ctx);
    rounds.hostView(event, CurrentUser.require(ctx).user())
        .onSuccess(round -> {
          Map<String, Object> model = new HashMap<>();
          model.put("title", views.message(ctx, "rounds.hostTitle"));
          model.put("eventId", event.id());
          model.put("eventTitle", event.title());
          model.put("round", round.getMap());
          model.put("defaultMinutes", RoundService.DEFAULT_MINUTES);
          if (refusal == null) {
            views.render(ctx, "mixer/host", model);
          } else {
            views.renderRefusal(ctx, "mixer/host", model, refusal);
          }
        })
        .onFailure(ctx::fail);
  }

  private void submitStartRound(RoutingContext ctx) {
    var event = EventAccess.event(ctx);
    rounds.startNext(CurrentUser.require(ctx).user(), event, ctx.request().getFormAttribute("minutes"))
        .onSuccess(round -> Forms.seeOther(ctx, "/events/" + event.id() + "/mixer/host"))
        .onFailure(failure -> renderHost(ctx, failure));
  }
}
