package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.events.EventRepository;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;

/**
 * Follow-ups after a match (contract §14), as Minhang's union does them by hand: 3 days, 3 weeks
 * and 3 months after a match each side is asked privately whether they are still in touch. An
 * answer is seen by nobody but its author; organisers and matchmakers see only an event's counts,
 * and only from {@link #MINIMUM_ANSWERS} answers on, so no answer can be told from the totals.
 */
public final class FollowUpService {
  public static final int MINIMUM_ANSWERS = 5;

  private final Pool pool;
  private final FollowUpRepository followUps;
  private final EventRepository events;
  private final NotificationRepository notifications;

  public FollowUpService(Pool pool, FollowUpRepository followUps, EventRepository events,
      NotificationRepository notifications) {
    this.pool = pool;
    this.followUps = followUps;
    this.events = events;
    this.notifications = notifications;
  }

  /** Where the notification leads: a page with one-tap answers. */
  public static String link(long matchId) {
    return "/me/follow-ups/" + matchId;
  }

  /** The job: asks everyone now due, in the transaction that records the asking; returns how many. */
  public Future<Integer> askDue() {
    return pool.withTransaction(conn -> followUps.askDue(conn).compose(asked -> {
      Map<Long, List<FollowUpRepository.Asked>> byEvent = new LinkedHashMap<>();
      asked.forEach(a -> byEvent.computeIfAbsent(a.eventId(), k -> new ArrayList<>()).add(a));
      Future<Void> all = Future.succeededFuture();
      for (var entry : byEvent.entrySet()) {
        all = all.compose(v -> notifyAsked(conn, entry.getKey(), entry.getValue()));
      }
      return all.map(asked.size());
    }));
  }

  private Future<Void> notifyAsked(SqlConnection conn, long eventId, List<FollowUpRepository.Asked> asked) {
    return events.find(conn, eventId).compose(found -> {
      JsonObject notice = found.map(e -> e.notice()).orElseGet(JsonObject::new);
      Map<Long, JsonObject> each = new LinkedHashMap<>();
      // One notification per member and batch: a member asked about two matches gets two rows.
      Future<Void> all = Future.succeededFuture();
      for (FollowUpRepository.Asked a : asked) {
        JsonObject params = notice.copy().put("nickname", a.otherNickname()).put("link", link(a.matchId()))
            .put("stage", a.stage());
        if (each.containsKey(a.userId())) {
          all = all.compose(v -> notifications.notifyUser(conn, a.userId(), NotificationKind.FOLLOW_UP, eventId, params));
        } else {
          each.put(a.userId(), params);
        }
      }
      return all.compose(v -> notifications.notifyEach(conn, NotificationKind.FOLLOW_UP, eventId, each));
    });
  }

  /** My answer to the latest question about one of my matches. */
  public Future<Integer> answer(User user, long matchId, Object stillInTouch) {
    if (!(stillInTouch instanceof Boolean yes)) {
      return Future.failedFuture(ApiError.validation(Map.of("stillInTouch", "field.boolean.expected")));
    }
    return followUps.answer(pool, matchId, user.id(), yes)
        .map(stage -> stage.orElseThrow(ApiError::notFound));
  }

  public Future<FollowUpRepository.Question> question(User user, long matchId) {
    return followUps.latest(pool, matchId, user.id()).map(found -> found.orElseThrow(ApiError::notFound));
  }

  /** The counts of an event, or nothing while fewer than the minimum answers exist. */
  public Future<JsonObject> counts(long eventId) {
    return followUps.counts(pool, eventId).map(c -> {
      JsonObject json = new JsonObject().put("minimumAnswers", MINIMUM_ANSWERS);
      if (c.answers() < MINIMUM_ANSWERS) {
        return json.put("shown", false);
      }
      return json.put("shown", true).put("answers", c.answers()).put("stillInTouch", c.stillInTouch())
          .put("notInTouch", c.answers() - c.stillInTouch());
    });
  }
}
