package org.queqiao.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The language switch in the page header. */
public final class LanguageRoutes {
  private static final long ONE_YEAR = 365L * 24 * 3600;

  public void mount(Router router) {
    router.get("/lang/:lang").handler(this::switchLanguage);
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
