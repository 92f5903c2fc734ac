package org.queqiao.rosters;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.web.Forms;
import org.queqiao.web.Views;

/** The member's page: the unions they are verified in, their own roster rows (nothing else of a roster), disputes. */
public final class MyRosterPages {
  private final RosterService service;
  private final Authentication auth;
  private final Views views;

  public MyRosterPages(RosterService service, Authentication auth, Views views) {
    this.service = service;
    this.auth = auth;
    this.views = views;
  }

  public void mount(Router router) {
    router.get("/me/roster").handler(auth::requireUser).handler(this::showMyRoster);
    router.post("/me/roster/:entryId/dispute").handler(auth::requireUser).handler(this::submitDispute);
  }

  private void showMyRoster(RoutingContext ctx) {
    service.myRows(CurrentUser.require(ctx).user()).onSuccess(rows -> {
      Map<String, Object> model = new HashMap<>();
      model.put("title", views.message(ctx, "roster.mine.title"));
      model.put("rows", rows.stream().map(r -> RosterRoutes.rowJson(r).getMap()).toList());
      model.put("verified", rows.stream().anyMatch(r -> !r.disputed()));
      model.put("disputed", "1".equals(ctx.request().getParam("disputed")));
      views.render(ctx, "rosters/mine", model);
    }).onFailure(ctx::fail);
  }

  private void submitDispute(RoutingContext ctx) {
    String id = ctx.pathParam("entryId");
    if (id == null || !id.matches("\\d{1,18}")) {
      ctx.fail(RosterErrors.notYourRow());
      return;
    }
    service.dispute(CurrentUser.require(ctx).user(), Long.parseLong(id), ctx.request().getFormAttribute("reason"))
        .onSuccess(created -> Forms.seeOther(ctx, "/me/roster?disputed=1"))
        .onFailure(ctx::fail);
  }
}
