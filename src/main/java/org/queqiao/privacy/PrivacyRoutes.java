package org.queqiao.privacy;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.config.AppConfig;
import org.queqiao.web.Forms;
import org.queqiao.web.Json;
import org.queqiao.web.Views;

/** The privacy notice, my data (export) and deleting my account, as JSON and as pages. */
public final class PrivacyRoutes {
  private final PrivacyService privacy;
  private final Authentication auth;
  private final Views views;
  private final AppConfig config;

  public PrivacyRoutes(PrivacyService privacy, Authentication auth, Views views, AppConfig config) {
    this.privacy = privacy;
    this.auth = auth;
    this.views = views;
    this.config = config;
  }

  public void mount(Router router) {
    router.get("/api/me/export").handler(auth::requireUser).handler(this::downloadExport);
    router.delete("/api/me").handler(auth::requireUser).handler(this::deleteAccount);
    router.get("/privacy").handler(this::showNotice);
    router.get("/me/data").handler(auth::requireUser).handler(this::showMyData);
    router.post("/me/delete").handler(auth::requireUser).handler(this::submitDeletion);
  }

  private void downloadExport(RoutingContext ctx) {
    privacy.export(CurrentUser.require(ctx).user())
        .onSuccess(data -> {
          if (ctx.request().getParam("download") != null) {
            ctx.response().putHeader("Content-Disposition", "attachment; filename=\"queqiao-my-data.json\"");
          }
          Json.send(ctx, 200, data);
        })
        .onFailure(ctx::fail);
  }

  private void deleteAccount(RoutingContext ctx) {
    privacy.deleteAccount(CurrentUser.require(ctx).user(), Json.body(ctx).getValue("password"))
        .onSuccess(done -> {
          auth.clearSessionCookie(ctx);
          Json.noContent(ctx);
        })
        .onFailure(ctx::fail);
  }

  /** The notice PIPL Art. 17 asks for; the periods are the configured ones. */
  private void showNotice(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", views.message(ctx, "privacy.title"));
    model.put("matchingDays", config.mixerMatchingDays());
    model.put("maxMatchingDays", config.mixerMatchingMaxDays());
    model.put("retentionDays", config.mixerRetentionDays());
    model.put("logDays", config.disclosureRetentionDays());
    model.put("sessionHours", config.sessionHours());
    model.put("rosterDays", org.queqiao.rosters.RosterService.RETENTION_DAYS);
    views.render(ctx, "privacy/notice", model);
  }

  private void showMyData(RoutingContext ctx) {
    views.render(ctx, "privacy/mydata", Map.of("title", views.message(ctx, "mydata.title"), "form", Map.of()));
  }

  private void submitDeletion(RoutingContext ctx) {
    privacy.deleteAccount(CurrentUser.require(ctx).user(), ctx.request().getFormAttribute("password"))
        .onSuccess(done -> {
          auth.clearSessionCookie(ctx);
          Forms.seeOther(ctx, "/?deleted=1");
        })
        .onFailure(failure -> views.renderRefusal(ctx, "privacy/mydata",
            Map.of("title", views.message(ctx, "mydata.title"), "form", Map.of()), failure));
  }
}
