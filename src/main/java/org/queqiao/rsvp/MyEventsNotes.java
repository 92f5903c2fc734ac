package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.queqiao.users.User;

/**
 * Lines another feature adds under events on "my events" (the sports day: the games I played),
 * by event id, in the asker's language. Features depend on rsvp, never the other way round.
 */
public interface MyEventsNotes {
  Future<Map<Long, List<String>>> notes(RoutingContext ctx, User me);
}
