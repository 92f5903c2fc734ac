package org.queqiao.messages;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.events.Event;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.User;

/**
 * A manager's message to the event's members (contract §11): validated, throttled per event, and
 * written with every recipient's notification in one transaction (the e-mails go from the outbox).
 */
public final class MessageService {
  public static final int PER_HOUR = 10;
  public static final int SUBJECT_MAX = 100;
  public static final int BODY_MAX = 2000;
  private static final List<String> AUDIENCES = List.of("CONFIRMED", "WAITLISTED", "ALL");

  private final Pool pool;
  private final MessageRepository messages;
  private final NotificationRepository notifications;

  public MessageService(Pool pool, MessageRepository messages, NotificationRepository notifications) {
    this.pool = pool;
    this.messages = messages;
    this.notifications = notifications;
  }

  public record Draft(String subject, String body, String to) {}

  /** Checks a request body; throws 400 naming every wrong field. */
  public static Draft parse(JsonObject body) {
    Map<String, String> errors = new LinkedHashMap<>();
    String subject = text(body.getValue("subject"), SUBJECT_MAX);
    if (subject == null) {
      errors.put("subject", "field.message.subject");
    }
    String text = text(body.getValue("body"), BODY_MAX);
    if (text == null) {
      errors.put("body", "field.message.body");
    }
    Object to = body.getValue("to");
    if (!(to instanceof String s) || !AUDIENCES.contains(s)) {
      errors.put("to", "field.message.to");
    }
    if (!errors.isEmpty()) {
      throw MessageErrors.invalid(errors);
    }
    return new Draft(subject, text, (String) to);
  }

  private static String text(Object value, int max) {
    if (!(value instanceof String s)) {
      return null;
    }
    String stripped = s.strip();
    int length = stripped.codePointCount(0, stripped.length());
    return length < 1 || length > max ? null : stripped;
  }

  /** Sends the message; returns how many members received it. */
  public Future<Integer> send(User sender, Event event, Draft draft) {
    List<String> statuses = "ALL".equals(draft.to()) ? List.of("CONFIRMED", "WAITLISTED") : List.of(draft.to());
    JsonObject params = event.notice().put("subject", draft.subject()).put("message", draft.body());
    return pool.withTransaction(tx -> messages.lockEvent(tx, event.id())
        .compose(locked -> messages.recent(tx, event.id()))
        .compose(recent -> recent.count() >= PER_HOUR
            ? Future.failedFuture(MessageErrors.tooMany(recent.retryAfterSeconds()))
            : notifications.notifyEventMembers(tx, event.id(), NotificationKind.ORGANIZER_MESSAGE, params, statuses))
        .compose(count -> messages.insert(tx, event.id(), sender.id(), draft.subject(), draft.body(), draft.to(), count)
            .map(id -> count)));
  }

  public Future<List<MessageRepository.Sent>> sentFor(Event event) {
    return messages.forEvent(pool, event.id());
  }
}
