package org.queqiao.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * What the layout shows of the person asking (name, menus for their roles, the unread badge). The
 * sign-in feature supplies it, so the render path knows nothing of users or sessions.
 */
@FunctionalInterface
public interface PageHeader {
  PageHeader ANONYMOUS = (ctx, data) -> {
    data.put("unread", 0L);
    return Future.succeededFuture();
  };

  /** Adds the header's fields to the page's model. */
  Future<Void> fill(RoutingContext ctx, Map<String, Object> data);
}
