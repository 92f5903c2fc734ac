package org.queqiao.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The inbox and the e-mail outbox outside a change's own transaction: reading and marking the
 * inbox, writing due reminders, and the sender's claims. Notifications caused by a change are
 * written by that change, in its transaction, through {@link NotificationRepository}.
 */
public final class NotificationService {
  private static final int SURVEY_EVENTS_PER_RUN = 500;

  private final Pool pool;
  private final NotificationRepository notifications;
  private final NotificationSettingsRepository settings = new NotificationSettingsRepository();

  public NotificationService(Pool pool, NotificationRepository notifications) {
    this.pool = pool;
    this.notifications = notifications;
  }

  public Future<List<Notification>> inbox(long userId, Long beforeId, int limit) {
    return notifications.inbox(pool, userId, beforeId, limit);
  }

  public Future<Long> unreadCount(long userId) {
    return notifications.unreadCount(pool, userId);
  }

  public Future<Void> markRead(long userId, List<Long> ids) {
    return notifications.markRead(pool, userId, ids);
  }

  public Future<Void> markAllRead(long userId) {
    return notifications.markAllRead(pool, userId);
  }

  public Future<Integer> insertDueReminders(int hoursAhead) {
    return notifications.insertDueReminders(pool, hoursAhead);
  }

  /** The survey job (contract §15): each checked-in attendee of an ended event is asked once. */
  public Future<Integer> insertDueSurveys() {
    return notifications.insertDueSurveys(pool, SURVEY_EVENTS_PER_RUN);
  }

  /** Every kind's e-mail and SMS choice (defaults where the member chose nothing) and the SMS daily cap. */
  public Future<NotificationSettings> settings(long userId) {
    return settings.choices(pool, userId).compose(choices -> settings.smsDailyCap(pool, userId)
        .map(cap -> NotificationSettings.withDefaults(choices, cap)));
  }

  /** Saves the given kinds' choices (others unchanged) and the cap if given, in one transaction. */
  public Future<NotificationSettings> saveSettings(long userId, Map<NotificationKind, NotificationSettingsRepository.Choice> choices,
      Integer smsDailyCap) {
    return pool.withTransaction(tx -> settings.save(tx, userId, choices, smsDailyCap)).compose(v -> settings(userId));
  }

  public Future<List<NotificationRepository.Email>> claimEmails(int limit, int leaseSeconds, OffsetDateTime now,
      LocalTime quietFrom, LocalTime quietUntil) {
    return notifications.claimEmails(pool, limit, leaseSeconds, now, quietFrom, quietUntil);
  }

  public Future<Long> emailQueueLength() {
    return notifications.emailQueueLength(pool);
  }

  public Future<Void> markSent(long id) {
    return notifications.markSent(pool, id);
  }

  public Future<Void> markFailed(long id, String error, int retryInSeconds, int maxAttempts) {
    return notifications.markFailed(pool, id, error, retryInSeconds, maxAttempts);
  }
}
