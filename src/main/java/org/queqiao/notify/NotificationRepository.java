package org.queqiao.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inbox and the e-mail outbox in one table. Every {@code notify…} method takes the caller's
 * transaction: a notification exists exactly when the change that causes it committed.
 */
public final class NotificationRepository {
  private static final String INSERT_COLUMNS = "INSERT INTO notifications (user_id, kind, event_id, params, dedupe_key,"
      + " email_to, email_status, email_next_attempt_at)";

  private static final String NOTIFY_USERS = INSERT_COLUMNS
      + " SELECT u.id, $2, $3, $4, NULL," + emailColumns("$5")
      + " FROM users u WHERE u.id = ANY($1::bigint[])";

  // One statement for many members, each with their own params (a batch of sign-ups' notices).
  private static final String NOTIFY_EACH = INSERT_COLUMNS
      + " SELECT u.id, $2, $3, p.params, NULL," + emailColumns("$5")
      + " FROM unnest($1::bigint[], $4::jsonb[]) WITH ORDINALITY AS p(user_id, params, n)"
      + " JOIN users u ON u.id = p.user_id ORDER BY p.n";

  private static final String NOTIFY_EVENT_MEMBERS_WITH_STATUS = INSERT_COLUMNS
      + " SELECT u.id, $2, $1, $3, NULL," + emailColumns("$4")
      + " FROM rsvps r JOIN users u ON u.id = r.user_id"
      + " WHERE r.event_id = $1 AND r.status = ANY($5::text[])";

  private static final String NOTIFY_EVENT_MEMBERS = INSERT_COLUMNS
      + " SELECT u.id, $2, $1, $3, NULL," + emailColumns("$4")
      + " FROM rsvps r JOIN users u ON u.id = r.user_id"
      + " WHERE r.event_id = $1 AND r.status IN ('CONFIRMED', 'WAITLISTED', 'PENDING_APPROVAL', 'APPLIED', 'OFFERED')";

  // Keyed by $6 and the member: a cause that might run twice (a retried job, a second path to the
  // same change) still writes each member's notification once.
  private static final String NOTIFY_USERS_ONCE = INSERT_COLUMNS
      + " SELECT u.id, $2, $3, $4, $6 || ':' || u.id," + emailColumns("$5")
      + " FROM users u WHERE u.id = ANY($1::bigint[])"
      + " ON CONFLICT (dedupe_key) DO NOTHING";

  // Keyed by sign-up and start time: run on any number of instances, a reminder is written once
  // (and once more only if the event is moved).
  private static final String INSERT_DUE_REMINDERS = INSERT_COLUMNS
      + " SELECT u.id, 'EVENT_REMINDER', e.id,"
      + "  jsonb_build_object('eventTitle', e.title, 'startsAt', e.starts_at, 'timeZone', e.time_zone, 'venue', e.venue),"
      + "  'reminder:' || r.id || ':' || extract(epoch FROM e.starts_at)::bigint,"
      + emailColumns("$2")
      + " FROM events e JOIN rsvps r ON r.event_id = e.id AND r.status = 'CONFIRMED' JOIN users u ON u.id = r.user_id"
      + " WHERE e.status = 'PUBLISHED' AND e.starts_at > now() AND e.starts_at <= now() + make_interval(hours => $1)"
      + " ON CONFLICT (dedupe_key) DO NOTHING";

  // The event row is the claim: only the run whose UPDATE sets survey_requested_at asks that event's
  // attendees, and the dedupe key keeps each attendee's request single even if a run is retried.
  // A batch at a time, oldest first, so a backlog never makes one huge transaction.
  private static final String INSERT_DUE_SURVEYS = "WITH due AS (UPDATE events SET survey_requested_at = now()"
      + "  WHERE survey_requested_at IS NULL AND id IN (SELECT id FROM events"
      + "    WHERE survey_requested_at IS NULL AND ends_at <= now() ORDER BY ends_at LIMIT $1 FOR UPDATE SKIP LOCKED)"
      + "  RETURNING id, status, title, starts_at, time_zone, venue)"
      + INSERT_COLUMNS
      + " SELECT u.id, 'SURVEY', due.id,"
      + "  jsonb_build_object('eventTitle', due.title, 'startsAt', due.starts_at, 'timeZone', due.time_zone, 'venue', due.venue),"
      + "  'survey:' || due.id || ':' || u.id,"
      + emailColumns("$2")
      + " FROM due JOIN checkins c ON c.event_id = due.id JOIN users u ON u.id = c.user_id"
      + " WHERE due.status = 'PUBLISHED' AND u.deleted_at IS NULL"
      + " ON CONFLICT (dedupe_key) DO NOTHING";

  private static final String INBOX = "SELECT id, user_id, kind, event_id, params, created_at, read_at FROM notifications"
      + " WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3";
  private static final String UNREAD = "SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL";
  private static final String MARK_READ = "UPDATE notifications SET read_at = now()"
      + " WHERE user_id = $1 AND id = ANY($2::bigint[]) AND read_at IS NULL";
  private static final String MARK_ALL_READ = "UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL";

  // Claims due e-mails for one sender: the lease (next attempt pushed into the future) is
  // committed at once, so another instance skips them while this one sends. Outside the member's
  // quiet hours ($3 the sender's clock, $4/$5 the window) unless it cancels or changes an event
  // starting within 12 hours; held ones go oldest first when the quiet hours end.
  private static final String CLAIM_EMAILS = "UPDATE notifications n SET email_attempts = n.email_attempts + 1,"
      + " email_next_attempt_at = now() + make_interval(secs => $2::int)"
      + " FROM (SELECT x.id FROM notifications x"
      + "       LEFT JOIN notification_preferences p ON p.user_id = x.user_id"
      + "       LEFT JOIN events e ON e.id = x.event_id"
      + "       WHERE x.email_status = 'PENDING' AND x.email_next_attempt_at <= now()"
      + "         AND (NOT in_quiet_hours($3::timestamptz, coalesce(p.time_zone, 'Asia/Shanghai'), $4::time, $5::time)"
      + "              OR (x.kind IN ('EVENT_CANCELLED', 'EVENT_CHANGED') AND e.starts_at <= $3::timestamptz + interval '12 hours'))"
      + "       ORDER BY x.email_next_attempt_at, x.id LIMIT $1 FOR UPDATE OF x SKIP LOCKED) due"
      + " WHERE n.id = due.id"
      + " RETURNING n.id, n.user_id, n.kind, n.event_id, n.params, n.created_at, n.read_at, n.email_to, n.email_attempts";
  private static final String MARK_SENT = "UPDATE notifications SET email_status = 'SENT', email_sent_at = now(),"
      + " email_last_error = NULL WHERE id = $1";
  private static final String MARK_FAILED = "UPDATE notifications SET email_last_error = $2,"
      + " email_next_attempt_at = now() + make_interval(secs => $3::int),"
      + " email_status = CASE WHEN email_attempts >= $4 THEN 'FAILED' ELSE 'PENDING' END WHERE id = $1";

  private static final String EMAIL_QUEUE = "SELECT count(*) AS n FROM notifications WHERE email_status = 'PENDING'";

  private final boolean emailEnabled;

  /** An e-mail is queued for members whose login is an e-mail address, when SMTP is configured. */
  private static String emailColumns(String enabledParam) {
    String mailable = " WHEN " + enabledParam + " AND u.login LIKE '%@%'";
    return " CASE" + mailable + " THEN u.login END, CASE" + mailable + " THEN 'PENDING' END,"
        + " CASE" + mailable + " THEN now() END";
  }

  public NotificationRepository(boolean emailEnabled) {
    this.emailEnabled = emailEnabled;
  }

  public record Email(Notification notification, String to, int attempts) {}

  public Future<Void> notifyUsers(SqlClient tx, List<Long> userIds, NotificationKind kind, Long eventId,
      JsonObject params) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(NOTIFY_USERS)
        .execute(Tuple.tuple().addArrayOfLong(userIds.toArray(Long[]::new)).addString(kind.name()).addLong(eventId)
            .addValue(params).addBoolean(emailEnabled))
        .mapEmpty();
  }

  /**
   * As {@link #notifyUsers}, but at most once per member for {@code onceKey} (e.g. "series-date:42"),
   * however often it is called; returns how many were new.
   */
  public Future<Integer> notifyUsersOnce(SqlClient tx, List<Long> userIds, NotificationKind kind, Long eventId,
      JsonObject params, String onceKey) {
    if (userIds.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return tx.preparedQuery(NOTIFY_USERS_ONCE)
        .execute(Tuple.tuple().addArrayOfLong(userIds.toArray(Long[]::new)).addString(kind.name()).addLong(eventId)
            .addValue(params).addBoolean(emailEnabled).addString(onceKey))
        .map(rows -> rows.rowCount());
  }

  public Future<Void> notifyUser(SqlClient tx, long userId, NotificationKind kind, Long eventId, JsonObject params) {
    return notifyUsers(tx, List.of(userId), kind, eventId, params);
  }

  /** One notification each with its own params (each member's own place), in one batch. */
  public Future<Void> notifyEach(SqlClient tx, NotificationKind kind, Long eventId, Map<Long, JsonObject> paramsByUser) {
    if (paramsByUser.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] users = paramsByUser.keySet().toArray(Long[]::new);
    JsonObject[] params = paramsByUser.values().toArray(JsonObject[]::new);
    return tx.preparedQuery(NOTIFY_EACH).execute(Tuple.tuple().addArrayOfLong(users).addString(kind.name())
        .addLong(eventId).addArrayOfJsonObject(params).addBoolean(emailEnabled)).mapEmpty();
  }

  /** Everyone holding a place, waiting for one, waiting for approval or for the draw at the event. */
  public Future<Void> notifyEventMembers(SqlClient tx, long eventId, NotificationKind kind, JsonObject params) {
    return tx.preparedQuery(NOTIFY_EVENT_MEMBERS)
        .execute(Tuple.tuple().addLong(eventId).addString(kind.name()).addValue(params).addBoolean(emailEnabled))
        .mapEmpty();
  }

  /** The event's members whose sign-up has one of {@code statuses}; returns how many were notified. */
  public Future<Integer> notifyEventMembers(SqlClient tx, long eventId, NotificationKind kind, JsonObject params,
      List<String> statuses) {
    return tx.preparedQuery(NOTIFY_EVENT_MEMBERS_WITH_STATUS)
        .execute(Tuple.tuple().addLong(eventId).addString(kind.name()).addValue(params).addBoolean(emailEnabled)
            .addArrayOfString(statuses.toArray(String[]::new)))
        .map(rows -> rows.rowCount());
  }

  /** Writes the reminders now due; returns how many were new. */
  public Future<Integer> insertDueReminders(SqlClient client, int hoursAhead) {
    return client.preparedQuery(INSERT_DUE_REMINDERS).execute(Tuple.of(hoursAhead, emailEnabled)).map(rows -> rows.rowCount());
  }

  /** Asks the attendees of events that have ended since the last run for a rating; returns how many were asked. */
  public Future<Integer> insertDueSurveys(SqlClient client, int eventsPerRun) {
    return client.preparedQuery(INSERT_DUE_SURVEYS).execute(Tuple.of(eventsPerRun, emailEnabled)).map(rows -> rows.rowCount());
  }

  public Future<List<Notification>> inbox(SqlClient client, long userId, Long beforeId, int limit) {
    return client.preparedQuery(INBOX).execute(Tuple.of(userId, beforeId, limit)).map(rows -> {
      List<Notification> list = new ArrayList<>();
      rows.forEach(row -> list.add(Notification.from(row)));
      return list;
    });
  }

  /** E-mails waiting to be sent (due or retrying later); counted on the outbox's partial index. */
  public Future<Long> emailQueueLength(SqlClient client) {
    return client.query(EMAIL_QUEUE).execute().map(rows -> rows.iterator().next().getLong("n"));
  }

  public Future<Long> unreadCount(SqlClient client, long userId) {
    return client.preparedQuery(UNREAD).execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getLong("n"));
  }

  public Future<Void> markRead(SqlClient client, long userId, List<Long> ids) {
    return client.preparedQuery(MARK_READ).execute(Tuple.tuple().addLong(userId).addArrayOfLong(ids.toArray(Long[]::new)))
        .mapEmpty();
  }

  public Future<Void> markAllRead(SqlClient client, long userId) {
    return client.preparedQuery(MARK_ALL_READ).execute(Tuple.of(userId)).mapEmpty();
  }

  public Future<List<Email>> claimEmails(SqlClient client, int limit, int leaseSeconds, OffsetDateTime now,
      LocalTime quietFrom, LocalTime quietUntil) {
    return client.preparedQuery(CLAIM_EMAILS).execute(Tuple.of(limit, leaseSeconds, now, quietFrom, quietUntil)).map(rows -> {
      List<Email> emails = new ArrayList<>();
      for (Row row : rows) {
        emails.add(new Email(Notification.from(row), row.getString("email_to"), row.getInteger("email_attempts")));
      }
      return emails;
    });
  }

  public Future<Void> markSent(SqlClient client, long id) {
    return client.preparedQuery(MARK_SENT).execute(Tuple.of(id)).mapEmpty();
  }

  public Future<Void> markFailed(SqlClient client, long id, String error, int retryInSeconds, int maxAttempts) {
    String shortError = error == null ? "unknown" : error.length() > 500 ? error.substring(0, 500) : error;
    return client.preparedQuery(MARK_FAILED).execute(Tuple.of(id, shortError, retryInSeconds, maxAttempts)).mapEmpty();
  }
}
