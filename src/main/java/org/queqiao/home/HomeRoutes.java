package org.queqiao.home;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Views;

public final class HomeRoutes {
  private static final long ONE_YEAR = 365L * 24 * 3600;
  private final Views views;

  public HomeRoutes(Views views) {
    this.views = views;
  }

  public void mount(Router router) {
    router.get("/").handler(this::showHome);
    router.get("/lang/:lang").handler(this::switchLanguage);
  }

  private void showHome(RoutingContext ctx) {
    views.render(ctx, "home/index", Map.of(
        "welcome", "1".equals(ctx.request().getParam("welcome"))));
  }

  /** Remembers the chosen language for a year and returns to the page the member was on. */
  private void switchLanguage(RoutingContext ctx) {
    String lang = ctx.pathParam("lang");
    if (Messages.supported(lang)) {
      ctx.response().addCookie(Cookie.cookie(Lang.COOKIE, lang)
          .setPath("/").setMaxAge(ONE_YEAR).setSameSite(CookieSameSite.LAX));
    }
    ctx.redirect(Forms.safeNext(ctx.request().getParam("next")));
  }
}
