package org.queqiao.auth;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.queqiao.users.User;

/** Who is asking, as established by {@link Authentication} for this request. */
public record CurrentUser(User user, UUID tokenId, Instant tokenExpiresAt) {
  private static final String KEY = "currentUser";

  public static Optional<CurrentUser> of(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(KEY));
  }

  /** For handlers behind {@link Authentication#requireUser}. */
  public static CurrentUser require(RoutingContext ctx) {
    return of(ctx).orElseThrow(() -> new IllegalStateException("route is missing requireUser"));
  }

  void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }
}
