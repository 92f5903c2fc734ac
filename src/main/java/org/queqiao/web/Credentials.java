package org.queqiao.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** Where a request carries its session: the {@code Authorization: Bearer} header or the session cookie. */
public final class Credentials {
  public static final String SESSION_COOKIE = "qq_session";

  private Credentials() {}

  public static Optional<String> bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(header.substring(7).strip());
    }
    return Optional.empty();
  }
}
