package org.queqiao.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.queqiao.users.Role;
import org.queqiao.web.PageHeader;

/**
 * The layout's header for the person asking: their name, the menus their roles open, and the
 * unread badge (counted with the session lookup for page views; {@code unread} counts otherwise).
 */
public final class SignedInHeader implements PageHeader {
  private final Function<Long, Future<Long>> unread;

  public SignedInHeader(Function<Long, Future<Long>> unread) {
    this.unread = unread;
  }

  @Override
  public Future<Void> fill(RoutingContext ctx, Map<String, Object> data) {
    Optional<CurrentUser> current = CurrentUser.of(ctx);
    if (current.isEmpty()) {
      return PageHeader.ANONYMOUS.fill(ctx, data);
    }
    var user = current.get().user();
    data.put("me", user.toJson());
    data.put("isOrganizer", user.has(Role.ORGANIZER) || user.has(Role.ADMIN));
    data.put("isMatchmaker", user.has(Role.MATCHMAKER) || user.has(Role.ADMIN));
    data.put("isAdmin", user.has(Role.ADMIN));
    Long counted = current.get().unreadAtStart();
    Future<Long> count = counted != null ? Future.succeededFuture(counted) : unread.apply(user.id());
    return count.map(n -> {
      data.put("unread", n);
      return null;
    });
  }
}
