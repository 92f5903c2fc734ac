package org.queqiao.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** Where a request carries its session: the {@code Authorization: Bearer} header or the session cookie. */
public final class Credentials {
  public static final String SESSION_COOKIE = "qq_session";

  private static final String COOKIE_SESSION = "cookieSessionId";

  private Credentials() {}

  /** Set by authentication when the session cookie holds a valid session: what the CSRF token is bound to. */
  public static void cookieSession(RoutingContext ctx, String sessionId) {
    ctx.put(COOKIE_SESSION, sessionId);
  }

  public static Optional<String> cookieSession(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(COOKIE_SESSION));
  }

  public static Optional<String> bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(header.substring(7).strip());
    }
    return Optional.empty();
  }
}
