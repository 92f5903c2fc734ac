package org.queqiao.auth;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.queqiao.users.User;

/**
 * Who is asking, as established by {@link Authentication} for this request. {@code unreadAtStart}
 * is the number of unread notifications when the request arrived, counted for page requests that
 * change nothing (GET/HEAD) so the header badge costs no extra query; null otherwise.
 */
public record CurrentUser(User user, UUID tokenId, Instant tokenIssuedAt, Instant tokenExpiresAt, Long unreadAtStart) {
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
