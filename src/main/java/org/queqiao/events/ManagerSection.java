package org.queqiao.events;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * A part of the organiser's event page that another feature supplies (the messages log and form):
 * its entries are added to the page's model. Features depend on events, never the other way round.
 */
public interface ManagerSection {
  Future<Map<String, Object>> model(RoutingContext ctx, Event event);
}
