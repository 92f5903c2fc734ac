package org.queqiao.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The inbox and the e-mail outbox outside a change's own transaction: reading and marking the
 * inbox, writing due reminders, and the sender's claims. Notifications caused by a change are
 * written by that change, in its transaction, through {@link NotificationRepository}.
 */
public final class NotificationService {
  private static final int SURVEY_EVENTS_PER_RUN = 500;

  private final Pool pool;
  private final NotificationRepository notifications;

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

  public Future<List<NotificationRepository.Email>> claimEmails(int limit, int leaseSeconds) {
    return notifications.claimEmails(pool, limit, leaseSeconds);
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
