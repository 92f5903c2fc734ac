package org.queqiao.reports;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The figures of one event's report (contract §15), each read in one statement. */
public final class ReportRepository {
  // Seats from the pools' counters (kept by the trigger on rsvps); no-shows as the dashboard counts
  // them: confirmed − checked in, never below 0, once the event has ended.
  private static final String COUNTS = "SELECT"
      + " (SELECT coalesce(sum(capacity), 0) FROM event_pools WHERE event_id = $1) AS capacity,"
      + " (SELECT coalesce(sum(confirmed), 0) FROM event_pools WHERE event_id = $1) AS confirmed,"
      + " (SELECT coalesce(sum(waitlisted), 0) FROM event_pools WHERE event_id = $1) AS waitlisted,"
      + " (SELECT count(*) FROM checkins WHERE event_id = $1) AS checked_in,"
      + " (SELECT count(*) FROM rsvps WHERE event_id = $1) AS ever_signed_up";
  // Every sign-up ever made, by the day it was made in the event's zone (cancelled ones too: they were demand).
  private static final String SIGNUPS_BY_DAY = "SELECT (r.created_at AT TIME ZONE e.time_zone)::date AS day, count(*) AS n"
      + " FROM rsvps r JOIN events e ON e.id = r.event_id WHERE r.event_id = $1 GROUP BY 1 ORDER BY 1";
  // Arrivals in 10-minute slots, by the slot's start.
  private static final String ARRIVALS = "SELECT to_timestamp(floor(extract(epoch FROM checked_in_at) / 600) * 600) AS slot,"
      + " count(*) AS n FROM checkins WHERE event_id = $1 GROUP BY 1 ORDER BY 1";

  public record Counts(long capacity, long confirmed, long waitlisted, long checkedIn, long unattended,
      long everSignedUp) {}

  public record Day(LocalDate day, long count) {}

  public record Slot(Instant start, long count) {}

  public Future<Counts> counts(SqlClient client, long eventId) {
    return client.preparedQuery(COUNTS).execute(Tuple.of(eventId)).map(rows -> {
      Row r = rows.iterator().next();
      return new Counts(r.getLong("capacity"), r.getLong("confirmed"), r.getLong("waitlisted"), r.getLong("checked_in"),
          Math.max(0, r.getLong("confirmed") - r.getLong("checked_in")), r.getLong("ever_signed_up"));
    });
  }

  public Future<List<Day>> signupsByDay(SqlClient client, long eventId) {
    return client.preparedQuery(SIGNUPS_BY_DAY).execute(Tuple.of(eventId)).map(rows -> {
      List<Day> days = new ArrayList<>();
      rows.forEach(r -> days.add(new Day(r.getLocalDate("day"), r.getLong("n"))));
      return days;
    });
  }

  public Future<List<Slot>> arrivals(SqlClient client, long eventId) {
    return client.preparedQuery(ARRIVALS).execute(Tuple.of(eventId)).map(rows -> {
      List<Slot> slots = new ArrayList<>();
      rows.forEach(r -> slots.add(new Slot(r.getOffsetDateTime("slot").toInstant(), r.getLong("n"))));
      return slots;
    });
  }
}
