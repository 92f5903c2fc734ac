package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.queqiao.events.EventRepository;
import org.queqiao.web.Times;

/**
 * My record in each series I follow or signed up to a date of. A date counts once it was held: it
 * was published (not cancelled, not a draft) and has ended, or I was already checked in there.
 * {@code attended}: held dates I was checked in to; {@code streak}: how many of the most recent
 * held dates in a row I was checked in to (a missed date ends it; a cancelled one does not).
 */
final class SeriesStreaks {
  private static final String MINE = "WITH mine AS ("
      + "  SELECT e.series_id FROM rsvps r JOIN events e ON e.id = r.event_id"
      + "  WHERE r.user_id = $1 AND e.series_id IS NOT NULL"
      + "  UNION SELECT series_id FROM series_follows WHERE user_id = $1),"
      + " held AS (SELECT e.series_id, e.starts_at, e.ends_at, e.id,"
      + "   EXISTS (SELECT 1 FROM checkins c WHERE c.event_id = e.id AND c.user_id = $1) AS attended"
      + "  FROM events e JOIN mine m ON m.series_id = e.series_id WHERE e.status = 'PUBLISHED'),"
      // Ordered newest first, bool_and stays true only while every date so far was attended.
      + " runs AS (SELECT series_id, attended,"
      + "   bool_and(attended) OVER (PARTITION BY series_id ORDER BY starts_at DESC, id DESC) AS unbroken"
      + "  FROM held WHERE attended OR ends_at <= $2)"
      + " SELECT s.id, s.title,"
      + "  EXISTS (SELECT 1 FROM series_follows f WHERE f.series_id = s.id AND f.user_id = $1) AS following,"
      + "  count(r.series_id) AS held, count(*) FILTER (WHERE r.attended) AS attended,"
      + "  count(*) FILTER (WHERE r.unbroken) AS streak,"
      + "  next.id AS next_id, next.starts_at AS next_starts_at, next.time_zone AS next_time_zone"
      + " FROM mine m JOIN event_series s ON s.id = m.series_id LEFT JOIN runs r ON r.series_id = s.id"
      + " LEFT JOIN LATERAL (SELECT e.id, e.starts_at, e.time_zone FROM events e WHERE e.series_id = s.id"
      + "  AND e.status = 'PUBLISHED' AND e.ends_at > $2 ORDER BY e.starts_at, e.id LIMIT 1) next ON true"
      + " GROUP BY s.id, s.title, next.id, next.starts_at, next.time_zone ORDER BY s.title, s.id";

  /** My record in one series, and its next published date still to come (null: none yet). */
  record SeriesRecord(long seriesId, String title, boolean following, int held, int attended, int streak,
      Long nextEventId, Instant nextStartsAt, ZoneId nextZone) {

    JsonObject toJson() {
      return new JsonObject()
          .put("seriesId", seriesId)
          .put("title", title)
          .put("following", following)
          .put("datesHeld", held)
          .put("attended", attended)
          .put("streak", streak)
          .put("nextEventId", nextEventId)
          .put("nextStartsAt", nextStartsAt == null ? null : Times.iso(nextStartsAt, nextZone));
    }

    static SeriesRecord from(Row row) {
      OffsetDateTime next = row.getOffsetDateTime("next_starts_at");
      String zone = row.getString("next_time_zone");
      return new SeriesRecord(row.getLong("id"), row.getString("title"), row.getBoolean("following"),
          row.getLong("held").intValue(), row.getLong("attended").intValue(), row.getLong("streak").intValue(),
          row.getLong("next_id"), next == null ? null : next.toInstant(), zone == null ? null : ZoneId.of(zone));
    }
  }

  Future<List<SeriesRecord>> forUser(SqlClient client, long userId, Instant now) {
    return client.preparedQuery(MINE).execute(Tuple.of(userId, EventRepository.utc(now))).map(rows -> {
      List<SeriesRecord> list = new ArrayList<>();
      rows.forEach(row -> list.add(SeriesRecord.from(row)));
      return list;
    });
  }
}
