package org.queqiao.sports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.queqiao.events.Event;

/**
 * The standings each live page of this instance is sent after a result: computed once per result
 * sheet per instance, however many projectors and phones watch (every stream hears the same
 * notification and asks for the same sheet id), and never older than that sheet.
 */
final class StandingsFeed {
  private record Computed(long sheetId, Future<JsonObject> standings) {}

  private final SportsService service;
  private final Map<Long, Computed> latest = new ConcurrentHashMap<>();

  StandingsFeed(SportsService service) {
    this.service = service;
  }

  /** The event's standings as of at least result sheet {@code sheetId} (read after its commit). */
  Future<JsonObject> after(Event event, long sheetId) {
    Computed computed = latest.compute(event.id(), (id, known) -> known != null && known.sheetId() >= sheetId
        ? known
        : new Computed(sheetId, now(event)));
    return computed.standings();
  }

  Future<JsonObject> now(Event event) {
    return service.standings(event).map(s -> SportsJson.standings(s, event));
  }

  /** For a plain GET: from the replica when there is one (the stream is what keeps a page current). */
  Future<JsonObject> published(Event event) {
    return service.publishedStandings(event).map(s -> SportsJson.standings(s, event));
  }
}
