package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.EventAccess;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Json;
import org.queqiao.web.Views;

/**
 * Follow-ups (contract §14): my answer, as JSON and as a page of one-tap forms (the notification
 * links there; reading it changes nothing), and an event's counts for its managers and matchmakers.
 */
public final class FollowUpRoutes {
  private final FollowUpService followUps;
  private final EventAccess access;
  private final Authentication auth;
  private final Views views;

  public FollowUpRoutes(FollowUpService followUps, EventAccess access, Authentication auth, Views views) {
    this.followUps = followUps;
    this.access = access;
    this.auth = auth;
    this.views = views;
  }

  public void mount(Router router) {
    router.post("/api/me/matches/:mid/follow-up").handler(auth::requireUser).handler(this::answerFollowUp);
    router.get("/api/events/:id/mixer/follow-ups").handler(auth::requireUser).handler(access::requireVisible)
        .handler(FollowUpRoutes::requireOutcomeReader).handler(this::showCounts);
    router.get("/me/follow-ups/:mid").handler(auth::requireUser).handler(this::showFollowUp);
    router.post("/me/follow-ups/:mid").handler(auth::requireUser).handler(this::submitFollowUp);
    router.get("/events/:id/mixer/outcomes").handler(auth::requireUser).handler(access::requireVisible)
        .handler(FollowUpRoutes::requireOutcomeReader).handler(this::showOutcomes);
  }

  /** The event's managers and its assigned matchmakers (who still hold the role). */
  static void requireOutcomeReader(RoutingContext ctx) {
    User user = CurrentUser.require(ctx).user();
    EventAccess.Grant grant = EventAccess.grant(ctx);
    boolean matchmaker = user.has(Role.MATCHMAKER) && "MATCHMAKER".equals(grant.staffRole());
    if (grant.manager() || user.has(Role.ADMIN) || matchmaker) {
      ctx.next();
    } else {
      ctx.fail(ApiError.forbidden());
    }
  }

  private void answerFollowUp(RoutingContext ctx) {
    followUps.answer(CurrentUser.require(ctx).user(), MixerRoutes.matchId(ctx), Json.body(ctx).getValue("stillInTouch"))
        .onSuccess(stage -> Json.send(ctx, 200, new JsonObject().put("stage", stage)
            .put("stillInTouch", Json.body(ctx).getValue("stillInTouch"))))
        .onFailure(ctx::fail);
  }

  private void showCounts(RoutingContext ctx) {
    followUps.counts(EventAccess.event(ctx).id())
        .onSuccess(counts -> Json.send(ctx, 200, counts))
        .onFailure(ctx::fail);
  }

  private void showFollowUp(RoutingContext ctx) {
    followUpModel(ctx).onSuccess(model -> views.render(ctx, "mixer/follow-up", model)).onFailure(ctx::fail);
  }

  private Future<Map<String, Object>> followUpModel(RoutingContext ctx) {
    long matchId = MixerRoutes.matchId(ctx);
    return followUps.question(CurrentUser.require(ctx).user(), matchId).map(q -> {
      Map<String, Object> model = new HashMap<>();
      model.put("title", views.message(ctx, "followUp.title"));
      model.put("matchId", q.matchId());
      model.put("eventTitle", q.eventTitle());
      model.put("nickname", q.otherDeleted() ? views.message(ctx, "matches.deletedMember") : q.otherNickname());
      model.put("stageLabel", views.message(ctx, "followUp.stage." + q.stage()));
      model.put("answered", q.stillInTouch() != null);
      model.put("stillInTouch", Boolean.TRUE.equals(q.stillInTouch()));
      model.put("thanks", "1".equals(ctx.request().getParam("answered")));
      return model;
    });
  }

  private void submitFollowUp(RoutingContext ctx) {
    long matchId = MixerRoutes.matchId(ctx);
    String answer = ctx.request().getFormAttribute("stillInTouch");
    Object value = "yes".equals(answer) ? Boolean.TRUE : "no".equals(answer) ? Boolean.FALSE : answer;
    followUps.answer(CurrentUser.require(ctx).user(), matchId, value)
        .onSuccess(stage -> Forms.seeOther(ctx, "/me/follow-ups/" + matchId + "?answered=1"))
        .onFailure(failure -> followUpModel(ctx)
            .onSuccess(model -> views.renderRefusal(ctx, "mixer/follow-up", model, failure))
            .onFailure(ctx::fail));
  }

  private void showOutcomes(RoutingContext ctx) {
    var event = EventAccess.event(ctx);
    followUps.counts(event.id())
        .onSuccess(counts -> {
          Map<String, Object> model = new HashMap<>(counts.getMap());
          model.put("title", views.message(ctx, "outcomes.title"));
          model.put("eventId", event.id());
          model.put("eventTitle", event.title());
          views.render(ctx, "mixer/outcomes", model);
        })
        .onFailure(ctx::fail);
  }
}
