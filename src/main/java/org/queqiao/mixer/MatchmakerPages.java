package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Views;

/**
 * The matchmaker's desk: requests to forward or not, and what they forwarded — never an answer,
 * never a request they are party to (see {@link IntroService}).
 */
public final class MatchmakerPages {
  private final IntroService intros;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;

  public MatchmakerPages(IntroService intros, Authentication auth, Views views, Messages messages) {
    this.intros = intros;
    this.auth = auth;
    this.views = views;
    this.messages = messages;
  }

  public void mount(Router router) {
    var matchmaker = auth.requireRole(Role.MATCHMAKER, Role.ADMIN);
    router.get("/matchmaker").handler(matchmaker).handler(this::showQueue);
    router.post("/matchmaker/requests/:rid/:action").handler(matchmaker).handler(this::submitDecision);
  }

  private void showQueue(RoutingContext ctx) {
    queueModel(ctx).onSuccess(model -> views.render(ctx, "mixer/queue", model)).onFailure(ctx::fail);
  }

  private Future<Map<String, Object>> queueModel(RoutingContext ctx) {
    String lang = Lang.of(ctx);
    String status = ctx.request().getParam("status", IntroRequestRepository.PENDING);
    return intros.queue(CurrentUser.require(ctx).user(), status).map(list -> {
      Map<String, Object> model = new HashMap<>();
      model.put("title", messages.get(lang, "queue.title"));
      model.put("status", status);
      model.put("tabs", List.of(IntroRequestRepository.PENDING, IntroRequestRepository.FORWARDED).stream()
          .map(s -> Map.of("value", s, "label", messages.get(lang, "queueStatus." + s), "current", s.equals(status)))
          .toList());
      model.put("items", list.stream().map(r -> {
        Map<String, Object> row = new HashMap<>();
        row.put("id", r.id());
        row.put("eventTitle", r.eventTitle());
        row.put("fromBadge", r.fromBadge());
        row.put("fromNickname", r.fromNickname());
        row.put("toBadge", r.toBadge());
        row.put("toNickname", r.toNickname());
        row.put("message", r.message());
        row.put("note", r.matchmakerNote());
        boolean pending = r.forwardedAt() == null;
        row.put("pending", pending);
        row.put("statusLabel", messages.get(lang, "queueStatus." + (pending ? "PENDING" : "FORWARDED")));
        return row;
      }).toList());
      return model;
    });
  }

  private void submitDecision(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    long id = MixerRoutes.requestId(ctx);
    Future<Void> done = switch (ctx.pathParam("action")) {
      case "forward" -> intros.forward(me, id, ctx.request().getFormAttribute("note"));
      case "reject" -> intros.reject(me, id, ctx.request().getFormAttribute("reason"));
      default -> Future.failedFuture(ApiError.notFound());
    };
    done.onSuccess(v -> Forms.seeOther(ctx, "/matchmaker"))
        .onFailure(failure -> queueModel(ctx)
            .onSuccess(model -> views.renderRefusal(ctx, "mixer/queue", model, failure))
            .onFailure(ctx::fail));
  }
}
