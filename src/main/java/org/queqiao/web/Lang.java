package org.queqiao.web;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * The asker's language: a link's own {@code ?lang=}, then the remembered choice (cookie). Pages default to Chinese whatever the
 * browser says, because the product is Chinese first; API clients may ask for English with
 * Accept-Language.
 */
public final class Lang {
  public static final String COOKIE = "qq_lang";
  private static final String KEY = "lang";

  private Lang() {}

  public static String of(RoutingContext ctx) {
    String cached = ctx.get(KEY);
    if (cached != null) {
      return cached;
    }
    String lang = resolve(ctx);
    ctx.put(KEY, lang);
    return lang;
  }

  private static String resolve(RoutingContext ctx) {
    // A link may name its language (?lang=en), e.g. the privacy notice sent to someone.
    String asked = ctx.request().getParam("lang");
    if (Messages.supported(asked)) {
      return asked;
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie != null && Messages.supported(cookie.getValue())) {
      return cookie.getValue();
    }
    if (ctx.normalizedPath().startsWith("/api/")) {
      String accept = ctx.request().getHeader("Accept-Language");
      if (accept != null && accept.trim().toLowerCase().startsWith("en")) {
        return "en";
      }
    }
    return Messages.DEFAULT_LANG;
  }
}
