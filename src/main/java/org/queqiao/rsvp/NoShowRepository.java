package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * No-show records (contract §12): a confirmed sign-up without a check-in when its event ends. A
 * record counts the last twelve months by the event's start, so it fades by itself.
 */
public final class NoShowRepository {
  // The event row is the claim: only the statement that sets no_shows_marked_at marks its
  // sign-ups, so several instances (or a retried run) record each no-show once.
  private static final String MARK_DUE = "WITH due AS (UPDATE events SET no_shows_marked_at = now()"
      + "  WHERE no_shows_marked_at IS NULL AND ends_at <= now() RETURNING id, status)"
      + " UPDATE rsvps r SET no_show = true, updated_at = now() FROM due"
      + " WHERE r.event_id = due.id AND due.status = 'PUBLISHED' AND r.status = 'CONFIRMED'"
      + " AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.rsvp_id = r.id)";

  // A check-in recorded late (after the mark) still wins over the mark.
  private static final String RECORD = "SELECT"
      + " count(*) FILTER (WHERE r.no_show AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.rsvp_id = r.id)) AS no_shows,"
      + " count(*) FILTER (WHERE EXISTS (SELECT 1 FROM checkins c WHERE c.rsvp_id = r.id)) AS attended"
      + " FROM rsvps r JOIN events e ON e.id = r.event_id"
      + " WHERE r.user_id = $1 AND e.starts_at > now() - interval '12 months' AND e.starts_at <= now()";

  private static final String HOLD_BACK = "UPDATE rsvps SET waitlist_reason = 'RECENT_NO_SHOWS'"
      + " WHERE event_id = $1 AND user_id = $2 AND status = 'WAITLISTED'";

  private static final String WAIVE = "UPDATE rsvps SET no_show = false, updated_at = now()"
      + " WHERE event_id = $1 AND id = $2 AND no_show";

  /** A member's last twelve months. */
  public record Record(long noShows, long attended) {
    public JsonObject toJson() {
      return new JsonObject().put("noShows12Months", noShows).put("attended12Months", attended);
    }
  }

  /** Records the no-shows of every event that has ended since the last run; returns how many. */
  public Future<Integer> markDue(SqlClient client) {
    return client.preparedQuery(MARK_DUE).execute().map(rows -> rows.rowCount());
  }

  public Future<Record> record(SqlClient client, long userId) {
    return client.preparedQuery(RECORD).execute(Tuple.of(userId)).map(rows -> {
      Row row = rows.iterator().next();
      return new Record(row.getLong("no_shows"), row.getLong("attended"));
    });
  }

  /** Notes on a waitlisted sign-up that it waits because of the member's recent no-shows. */
  public Future<Void> holdBack(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(HOLD_BACK).execute(Tuple.of(eventId, userId)).mapEmpty();
  }

  /** A manager forgives one recorded no-show; false when that sign-up has none. */
  public Future<Boolean> waive(SqlClient client, long eventId, long rsvpId) {
    return client.preparedQuery(WAIVE).execute(Tuple.of(eventId, rsvpId)).map(rows -> rows.rowCount() == 1);
  }
}
