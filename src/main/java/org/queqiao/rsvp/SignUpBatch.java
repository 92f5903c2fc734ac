package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.User;

/**
 * Many members' first-come sign-ups for one pool decided in one transaction: the pool row is locked
 * once, the event read once, each member's row written in arrival order by the database (which
 * decides seat or waitlist from the pool's counters, as for a lone sign-up), and every
 * confirmation or waitlist notice written before the one commit. A member whose request cannot be
 * decided here (the rules changed since it was checked) is sent back to go alone.
 */
final class SignUpBatch {
  /** Which pool the member signs up into, or throws the refusal (RsvpService's own rules). */
  interface Eligibility {
    String poolFor(Event event, User user, boolean inAudience, String requestedPool, boolean declaresSingle);
  }

  /** One member's request, checked against {@code event} as it was before it joined the batch. */
  record Request(User user, Event event, String requestedPool, boolean declaresSingle, Object answers,
      boolean inAudience) {}

  /** What the batch decided for one request: an outcome, a refusal, or neither (then it goes alone). */
  record Result(RsvpService.Outcome outcome, RuntimeException refusal) {
    static final Result ALONE = new Result(null, null);

    boolean alone() {
      return outcome == null && refusal == null;
    }
  }

  private final Pool pool;
  private final EventRepository events;
  private final RsvpRepository rsvps;
  private final SignUpBatchRepository batches = new SignUpBatchRepository();
  private final NotificationRepository notifications;
  private final Eligibility eligibility;

  SignUpBatch(Pool pool, EventRepository events, RsvpRepository rsvps, NotificationRepository notifications,
      Eligibility eligibility) {
    this.pool = pool;
    this.events = events;
    this.rsvps = rsvps;
    this.notifications = notifications;
    this.eligibility = eligibility;
  }

  /**
   * Only plain first-come sign-ups are batched. Approval and lottery events seat nobody at sign-up,
   * an event for verified members checks each member against the roster first,
   * and a no-show limit needs each member's record under the lock: those go alone, as before.
   */
  static boolean batchable(Event event) {
    return !event.lottery() && !event.approval() && !event.verifiedOnly() && event.seatRules().maxRecentNoShows() == null;
  }

  /** One result per request, in the same order. */
  Future<List<Result>> run(long eventId, String poolKey, List<Request> requests) {
    return pool.withTransaction(conn -> rsvps.lockPool(conn, eventId, poolKey)
        .compose(seats -> events.find(conn, eventId).compose(fresh -> {
          if (seats.isEmpty() || fresh.isEmpty() || !batchable(fresh.get())) {
            return Future.succeededFuture(requests.stream().map(r -> Result.ALONE).toList());
          }
          return decide(conn, fresh.get(), poolKey, requests);
        })));
  }

  private Future<List<Result>> decide(SqlConnection conn, Event current, String poolKey, List<Request> requests) {
    long eventId = current.id();
    List<Long> userIds = requests.stream().map(r -> r.user().id()).toList();
    return batches.find(conn, eventId, userIds).compose(existing -> {
      Result[] results = new Result[requests.size()];
      List<SignUpBatchRepository.Row> rows = new ArrayList<>();
      List<Integer> rowOf = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        Request request = requests.get(i);
        Rsvp had = existing.get(request.user().id());
        if (had != null && had.active()) {
          results[i] = new Result(new RsvpService.Outcome(had, false), null);
        } else if (!Objects.equals(current.audienceUnionId(), request.event().audienceUnionId())) {
          results[i] = Result.ALONE;
        } else {
          try {
            if (!poolKey.equals(eligibility.poolFor(current, request.user(), request.inAudience(),
                request.requestedPool(), request.declaresSingle()))) {
              throw RsvpErrors.registrationClosed();
            }
            JsonObject answered = Answers.validate(current.questions(), request.answers());
            rows.add(new SignUpBatchRepository.Row(request.user().id(), request.declaresSingle(), answered));
            rowOf.add(i);
          } catch (RuntimeException refused) {
            results[i] = new Result(null, refused);
          }
        }
      }
      if (rows.isEmpty()) {
        return Future.succeededFuture(List.of(results));
      }
      return batches.upsertInOrder(conn, eventId, poolKey, rows)
          .compose(written -> readBack(conn, eventId, poolKey, rows, written).compose(now -> {
            Map<Long, JsonObject> confirmed = new LinkedHashMap<>();
            Map<Long, JsonObject> waitlisted = new LinkedHashMap<>();
            for (int k = 0; k < rows.size(); k++) {
              long userId = rows.get(k).userId();
              Rsvp rsvp = now.get(userId);
              boolean created = written.get(k);
              results[rowOf.get(k)] = new Result(new RsvpService.Outcome(rsvp, created), null);
              if (created) {
                (Rsvp.CONFIRMED.equals(rsvp.status()) ? confirmed : waitlisted)
                    .put(userId, current.notice().put("position", rsvp.waitlistPosition()));
              }
            }
            return notifications.notifyEach(conn, NotificationKind.RSVP_CONFIRMED, eventId, confirmed)
                .compose(done -> notifications.notifyEach(conn, NotificationKind.RSVP_WAITLISTED, eventId, waitlisted))
                .map(done -> List.of(results));
          }));
    });
  }

  /**
   * The rows now: those written numbered in one pass over this pool's waitlist; a member whose
   * row was not written (signed up a moment ago elsewhere) read as a lone read would.
   */
  private Future<Map<Long, Rsvp>> readBack(SqlConnection conn, long eventId, String poolKey,
      List<SignUpBatchRepository.Row> rows, List<Boolean> written) {
    List<Long> created = new ArrayList<>();
    List<Long> other = new ArrayList<>();
    for (int k = 0; k < rows.size(); k++) {
      (written.get(k) ? created : other).add(rows.get(k).userId());
    }
    Future<Map<Long, Rsvp>> numbered = created.isEmpty() ? Future.succeededFuture(Map.of())
        : batches.findNumbered(conn, eventId, poolKey, created);
    return numbered.compose(first -> (other.isEmpty() ? Future.<Map<Long, Rsvp>>succeededFuture(Map.of())
        : batches.find(conn, eventId, other)).map(second -> {
          Map<Long, Rsvp> all = new LinkedHashMap<>(second);
          all.putAll(first);
          return all;
        }));
  }
}
