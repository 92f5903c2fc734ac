package org.queqiao.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The SMS columns of the outbox. Rows are queued by the database when a notification is inserted
 * (V36: kind, mobile login, the member's choices and daily cap); this repository claims and marks
 * them for {@link SmsSender}.
 */
public final class SmsOutboxRepository {
  /** An SMS not sent within a day (SMS off for a while, a long outage) would only confuse: dropped. */
  static final int EXPIRE_HOURS = 24;

  private static final String EXPIRE = "UPDATE notifications SET sms_status = 'EXPIRED'"
      + " WHERE sms_status = 'PENDING' AND created_at < now() - make_interval(hours => " + EXPIRE_HOURS + ")";

  // Due, outside the member's quiet hours ($3 is the sender's clock, $4/$5 the quiet window) unless
  // it cancels or changes an event starting within 12 hours; oldest first. The lease (next attempt
  // pushed into the future) is committed at once, so another instance skips them while this one
  // sends.
  private static final String CLAIM = "UPDATE notifications n SET sms_attempts = n.sms_attempts + 1,"
      + " sms_next_attempt_at = now() + make_interval(secs => $2::int)"
      + " FROM (SELECT x.id FROM notifications x"
      + "       LEFT JOIN notification_preferences p ON p.user_id = x.user_id"
      + "       LEFT JOIN events e ON e.id = x.event_id"
      + "       WHERE x.sms_status = 'PENDING' AND x.sms_next_attempt_at <= now()"
      + "         AND x.created_at >= now() - make_interval(hours => " + EXPIRE_HOURS + ")"
      + "         AND (NOT in_quiet_hours($3::timestamptz, coalesce(p.time_zone, 'Asia/Shanghai'), $4::time, $5::time)"
      + "              OR (x.kind IN ('EVENT_CANCELLED', 'EVENT_CHANGED') AND e.starts_at <= $3::timestamptz + interval '12 hours'))"
      + "       ORDER BY x.created_at, x.id LIMIT $1 FOR UPDATE OF x SKIP LOCKED) due"
      + " WHERE n.id = due.id"
      + " RETURNING n.id, n.user_id, n.kind, n.event_id, n.params, n.created_at, n.read_at, n.sms_to, n.sms_attempts";
  private static final String MARK_SENT = "UPDATE notifications SET sms_status = 'SENT', sms_sent_at = now(),"
      + " sms_last_error = NULL WHERE id = $1 AND sms_status = 'PENDING'";
  private static final String MARK_FAILED = "UPDATE notifications SET sms_last_error = $2,"
      + " sms_next_attempt_at = now() + make_interval(secs => $3::int),"
      + " sms_status = CASE WHEN $5 OR sms_attempts >= $4 THEN 'FAILED' ELSE 'PENDING' END"
      + " WHERE id = $1 AND sms_status = 'PENDING'";

  public record Sms(Notification notification, String to, int attempts) {}

  public Future<List<Sms>> claim(SqlClient client, int limit, int leaseSeconds, OffsetDateTime now, LocalTime quietFrom,
      LocalTime quietUntil) {
    return client.query(EXPIRE).execute()
        .compose(expired -> client.preparedQuery(CLAIM).execute(Tuple.of(limit, leaseSeconds, now, quietFrom, quietUntil)))
        .map(rows -> {
          List<Sms> claimed = new ArrayList<>();
          for (Row row : rows) {
            claimed.add(new Sms(Notification.from(row), row.getString("sms_to"), row.getInteger("sms_attempts")));
          }
          return claimed;
        });
  }

  public Future<Void> markSent(SqlClient client, long id) {
    return client.preparedQuery(MARK_SENT).execute(Tuple.of(id)).mapEmpty();
  }

  /** Records a failure: retried after {@code retryInSeconds}, or FAILED when given up or out of attempts. */
  public Future<Void> markFailed(SqlClient client, long id, String error, int retryInSeconds, int maxAttempts,
      boolean giveUp) {
    String shortError = error == null ? "unknown" : error.length() > 500 ? error.substring(0, 500) : error;
    return client.preparedQuery(MARK_FAILED).execute(Tuple.of(id, shortError, retryInSeconds, maxAttempts, giveUp))
        .mapEmpty();
  }
}
