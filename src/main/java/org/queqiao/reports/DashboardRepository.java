package org.queqiao.reports;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The union dashboard (contract §15): one statement aggregates the published events of a union's
 * subtree (or of everything) within a date range, per month in Asia/Shanghai and per event type.
 * docs/benchmarks.md has its timing on 10,021 unions and 100,000 events.
 */
public final class DashboardRepository {
  // The subtree as an array, so the events are found through (audience_union_id, starts_at) for
  // exactly those unions; MATERIALIZED keeps the per-event look-ups below to the events in range.
  private static final String TREE = "WITH RECURSIVE tree AS (SELECT id FROM unions WHERE id = $3"
      + " UNION ALL SELECT u.id FROM unions u JOIN tree t ON u.parent_id = t.id),";
  private static final String EVENTS_IN_TREE = " ev AS MATERIALIZED (SELECT e.id, e.type, e.ends_at <= now() AS ended,"
      + "  to_char(e.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month FROM events e"
      + "  WHERE e.audience_union_id = ANY (ARRAY(SELECT id FROM tree))"
      + "  AND e.status = 'PUBLISHED' AND e.starts_at >= $1 AND e.starts_at < $2)";
  private static final String ALL_EVENTS = "WITH ev AS MATERIALIZED (SELECT e.id, e.type, e.ends_at <= now() AS ended,"
      + "  to_char(e.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month FROM events e"
      + "  WHERE e.status = 'PUBLISHED' AND e.starts_at >= $1 AND e.starts_at < $2)";
  // Each event's figures by index look-ups (pools' counters; check-ins and answers through their
  // event indexes, index-only), so the cost follows the number of events shown, not the tables'
  // sizes. A no-show is a confirmed seat without a check-in: confirmed − checked in, never below 0.
  private static final String ROLL_UP = " SELECT ev.month, ev.type, count(*) AS events,"
      + "  sum(s.confirmed + s.waitlisted) AS signups, sum(s.confirmed) AS confirmed, sum(c.attended) AS attendances,"
      + "  coalesce(sum(c.attended) FILTER (WHERE ev.ended), 0) AS attended_ended,"
      + "  coalesce(sum(s.confirmed) FILTER (WHERE ev.ended), 0) AS confirmed_ended,"
      + "  coalesce(sum(greatest(s.confirmed - c.attended, 0)) FILTER (WHERE ev.ended), 0) AS no_shows,"
      + "  sum(r.rating_sum) AS rating_sum, sum(r.answers) AS answers"
      + " FROM ev"
      + " CROSS JOIN LATERAL (SELECT coalesce(sum(p.confirmed), 0) AS confirmed, coalesce(sum(p.waitlisted), 0) AS waitlisted"
      + "  FROM event_pools p WHERE p.event_id = ev.id) s"
      + " CROSS JOIN LATERAL (SELECT count(*) AS attended FROM checkins c WHERE c.event_id = ev.id) c"
      + " CROSS JOIN LATERAL (SELECT coalesce(sum(a.rating), 0) AS rating_sum, count(*) AS answers"
      + "  FROM survey_answers a WHERE a.event_id = ev.id) r"
      + " GROUP BY ev.month, ev.type ORDER BY ev.month, ev.type";
  private static final String FOR_TREE = TREE + EVENTS_IN_TREE + ROLL_UP;
  private static final String FOR_ALL = ALL_EVENTS + ROLL_UP;

  // The union and its ancestors, nearest first: whether it exists, and whether $2 is one of them.
  private static final String LINEAGE = "WITH RECURSIVE up AS (SELECT id, name, parent_id, 0 AS depth FROM unions WHERE id = $1"
      + " UNION ALL SELECT u.id, u.name, u.parent_id, up.depth + 1 FROM unions u JOIN up ON u.id = up.parent_id"
      + " WHERE up.depth < 100) SELECT id, name FROM up ORDER BY depth";

  // The unions one level below (or the top ones), to narrow the dashboard down by one tap.
  private static final String BELOW = "SELECT id, name FROM unions WHERE parent_id = $1 ORDER BY name, id LIMIT $2";
  private static final String TOP = "SELECT id, name FROM unions WHERE parent_id IS NULL ORDER BY name, id LIMIT $1";

  /** One month and event type; the rates are over events that have ended (future seats are not missed yet). */
  public record Figures(String month, String type, long events, long signups, long confirmed, long attendances,
      long attendedEnded, long confirmedEnded, long noShows, long ratingSum, long answers) {}

  public record Named(long id, String name) {}

  /** {@code unionId} null: every published event. {@code to} is exclusive. */
  public Future<List<Figures>> rows(SqlClient client, Long unionId, Instant from, Instant to) {
    Tuple args = Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
    Future<io.vertx.sqlclient.RowSet<Row>> result = unionId == null
        ? client.preparedQuery(FOR_ALL).execute(args)
        : client.preparedQuery(FOR_TREE).execute(args.addLong(unionId));
    return result.map(rows -> {
      List<Figures> list = new ArrayList<>();
      for (Row r : rows) {
        list.add(new Figures(r.getString("month"), r.getString("type"), r.getLong("events"), r.getLong("signups"),
            r.getLong("confirmed"), r.getLong("attendances"), r.getLong("attended_ended"), r.getLong("confirmed_ended"),
            r.getLong("no_shows"), r.getLong("rating_sum"), r.getLong("answers")));
      }
      return list;
    });
  }

  /** The union and its ancestors, nearest first; empty when there is no such union. */
  public Future<List<Named>> lineage(SqlClient client, long unionId) {
    return client.preparedQuery(LINEAGE).execute(Tuple.of(unionId)).map(rows -> {
      List<Named> list = new ArrayList<>();
      rows.forEach(r -> list.add(new Named(r.getLong("id"), r.getString("name"))));
      return list;
    });
  }

  /** The unions directly below {@code unionId} (null: the top ones), at most {@code limit}. */
  public Future<List<Named>> below(SqlClient client, Long unionId, int limit) {
    var rows = unionId == null ? client.preparedQuery(TOP).execute(Tuple.of(limit))
        : client.preparedQuery(BELOW).execute(Tuple.of(unionId, limit));
    return rows.map(found -> {
      List<Named> list = new ArrayList<>();
      found.forEach(r -> list.add(new Named(r.getLong("id"), r.getString("name"))));
      return list;
    });
  }
}
