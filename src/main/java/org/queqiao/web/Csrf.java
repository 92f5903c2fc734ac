package org.queqiao.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Double-submit CSRF protection. A random token lives in an HttpOnly cookie and is rendered into
 * every page (meta tag and hidden form fields); a state-changing request that rides on the session
 * cookie, and every page form, must echo it in {@code X-CSRF-Token} or {@code _csrf}. Bearer
 * requests carry no ambient credential and need no token.
 */
public final class Csrf {
  public static final String COOKIE = "qq_csrf";
  public static final String HEADER = "X-CSRF-Token";
  public static final String FIELD = "_csrf";
  private static final String KEY = "csrfToken";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final boolean secureCookies;

  public Csrf(boolean secureCookies) {
    this.secureCookies = secureCookies;
  }

  public static String token(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  public void handle(RoutingContext ctx) {
    if (Credentials.bearerToken(ctx).isPresent()) {
      ctx.next();
      return;
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    String token = cookie == null ? null : cookie.getValue();
    boolean api = ctx.normalizedPath().startsWith("/api/");
    if ((token == null || token.length() < 32) && !api) {
      token = newToken();
      ctx.response().addCookie(Cookie.cookie(COOKIE, token)
          .setPath("/").setHttpOnly(true).setSecure(secureCookies).setSameSite(CookieSameSite.LAX));
    }
    ctx.put(KEY, token);
    boolean ridesOnSession = !api || ctx.request().getCookie(Credentials.SESSION_COOKIE) != null;
    if (SAFE.contains(ctx.request().method()) || !ridesOnSession) {
      ctx.next();
      return;
    }
    String sent = ctx.request().getHeader(HEADER);
    if (sent == null) {
      sent = ctx.request().getFormAttribute(FIELD);
    }
    if (cookie == null || sent == null || !MessageDigest.isEqual(
        sent.getBytes(StandardCharsets.UTF_8), cookie.getValue().getBytes(StandardCharsets.UTF_8))) {
      ctx.fail(new ApiError(403, "CSRF_TOKEN_INVALID", "error.csrf"));
      return;
    }
    ctx.next();
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
