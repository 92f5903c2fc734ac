package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;
import org.queqiao.events.EventState;
import org.queqiao.events.EventType;
import org.queqiao.notify.Notification;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;

/**
 * Sign-up and cancellation: the rules that span events, their pools and sign-ups. Each runs in one
 * transaction that first locks the pool row; the event is read again after the lock, so a
 * cancellation or a rule change that locked the pool first is always seen.
 */
public final class RsvpService {
  private final Pool pool;
  private final EventRepository events;
  private final RsvpRepository rsvps;
  private final NotificationRepository notifications;
  private final Clock clock;

  public RsvpService(Pool pool, EventRepository events, RsvpRepository rsvps, NotificationRepository notifications,
      Clock clock) {
    this.pool = pool;
    this.events = events;
    this.rsvps = rsvps;
    this.notifications = notifications;
    this.clock = clock;
  }

  /** What a notification about this event shows of it. */
  public static JsonObject aboutEvent(Event event) {
    return Notification.aboutEvent(event.title(), event.startsAt(), event.zone().getId(), event.venue());
  }

  /** The sign-up as it now stands, and whether this request created it. */
  public record Outcome(Rsvp rsvp, boolean created) {}

  public record Cancelled(Rsvp rsvp, List<Long> promotedUserIds) {}

  public Future<Outcome> signUp(User user, long eventId, String requestedPool, boolean declaresSingle) {
    return events.find(eventId).compose(found -> {
      Event event = found.filter(e -> e.visibleTo(Optional.of(user))).orElseThrow(ApiError::notFound);
      return pool.withTransaction(conn -> rsvps.find(conn, eventId, user.id()).compose(existing -> {
        if (existing.isPresent() && existing.get().active()) {
          return Future.succeededFuture(new Outcome(existing.get(), false));
        }
        String poolKey = checkEligible(event, user, requestedPool, declaresSingle, false);
        return rsvps.lockPool(conn, eventId, poolKey)
            .compose(seats -> events.find(conn, eventId).compose(fresh -> {
              // The rules as they stand now that the pool is locked: an edit that got there first counts.
              Event current = fresh.orElseThrow(ApiError::notFound);
              if (seats.isEmpty() || !poolKey.equals(checkEligible(current, user, requestedPool, declaresSingle, false))) {
                return Future.failedFuture(registrationClosed());
              }
              return rsvps.upsert(conn, eventId, user.id(), poolKey, seats.get().hasFreeSeat(), declaresSingle)
                  .compose(written -> rsvps.find(conn, eventId, user.id()).compose(now -> {
                    Rsvp rsvp = now.orElseThrow();
                    if (!written) {
                      return Future.succeededFuture(new Outcome(rsvp, false));
                    }
                    boolean confirmed = Rsvp.CONFIRMED.equals(rsvp.status());
                    return notifications.notifyUser(conn, user.id(),
                            confirmed ? NotificationKind.RSVP_CONFIRMED : NotificationKind.RSVP_WAITLISTED, eventId,
                            aboutEvent(current).put("position", rsvp.waitlistPosition()))
                        .map(done -> new Outcome(rsvp, true));
                  }));
            }));
      }));
    });
  }

  public Future<Cancelled> cancel(User user, long eventId) {
    return pool.withTransaction(conn -> rsvps.find(conn, eventId, user.id()).compose(existing -> {
      Rsvp seen = existing.orElseThrow(() -> new ApiError(404, "RSVP_NOT_FOUND", "error.rsvpNotFound"));
      if (!seen.active()) {
        return Future.succeededFuture(new Cancelled(seen, List.of()));
      }
      // Read the sign-up again under the pool lock: a promotion may have changed it meanwhile.
      return rsvps.lockPool(conn, eventId, seen.poolKey())
          .compose(locked -> rsvps.lockRow(conn, seen.id()))
          .compose(locked -> rsvps.find(conn, eventId, user.id()))
          .compose(current -> rsvps.checkedIn(conn, seen.id()).compose(checkedIn -> {
            Rsvp rsvp = current.orElseThrow();
            if (!rsvp.active()) {
              return Future.succeededFuture(new Cancelled(rsvp, List.of()));
            }
            if (checkedIn) {
              return Future.failedFuture(new ApiError(409, "ALREADY_CHECKED_IN", "error.cancelAfterCheckin"));
            }
            return events.find(conn, eventId).compose(found -> {
              Event event = found.orElseThrow();
              if (!clock.instant().isBefore(event.startsAt())) {
                return Future.failedFuture(new ApiError(409, "EVENT_STARTED", "error.eventStarted"));
              }
              return rsvps.cancel(conn, rsvp.id())
                  .compose(done -> rsvps.promote(conn, eventId, rsvp.poolKey()))
                  .compose(promoted -> notifications.notifyUsers(conn, promoted, NotificationKind.PROMOTED_FROM_WAITLIST,
                          eventId, aboutEvent(event))
                      .compose(notified -> rsvps.find(conn, eventId, user.id()))
                      .map(now -> new Cancelled(now.orElseThrow(), promoted)));
            });
          }));
    }));
  }

  /**
   * A walk-in: signs the member up at the door within the caller's transaction, outside the
   * registration window but under the same capacity rules — a free place or a refusal, never the
   * waitlist. An existing confirmed sign-up is simply returned.
   */
  public Future<Rsvp> signUpAtDoor(SqlConnection conn, Event event, User member, String requestedPool,
      boolean declaresSingle) {
    return rsvps.find(conn, event.id(), member.id()).compose(existing -> {
      if (existing.isPresent() && Rsvp.CONFIRMED.equals(existing.get().status())) {
        return Future.succeededFuture(existing.get());
      }
      String poolKey = checkEligible(event, member, requestedPool, declaresSingle, true);
      return rsvps.lockPool(conn, event.id(), poolKey).compose(seats -> {
        if (seats.isEmpty() || !seats.get().hasFreeSeat()) {
          return Future.failedFuture(new ApiError(409, "NO_FREE_SEAT", "error.noFreeSeat"));
        }
        Future<Boolean> written = existing.isPresent() && existing.get().active()
            ? rsvps.cancel(conn, existing.get().id())
                .compose(v -> rsvps.upsert(conn, event.id(), member.id(), poolKey, true, declaresSingle))
            : rsvps.upsert(conn, event.id(), member.id(), poolKey, true, declaresSingle);
        return written
            .compose(done -> notifications.notifyUser(conn, member.id(), NotificationKind.RSVP_CONFIRMED, event.id(),
                aboutEvent(event)))
            .compose(done -> rsvps.find(conn, event.id(), member.id()))
            .map(now -> now.orElseThrow());
      });
    });
  }

  /**
   * Seats freed by a larger capacity go to the waitlist, in order, and the promoted members are
   * told; the caller holds the pool locks.
   */
  public Future<List<Long>> fillFreeSeats(SqlConnection conn, Event event) {
    Future<List<Long>> all = Future.succeededFuture(List.of());
    for (var p : event.pools()) {
      all = all.compose(sofar -> rsvps.promote(conn, event.id(), p.key()).map(more -> {
        List<Long> joined = new java.util.ArrayList<>(sofar);
        joined.addAll(more);
        return joined;
      }));
    }
    return all.compose(promoted -> notifications.notifyUsers(conn, promoted, NotificationKind.PROMOTED_FROM_WAITLIST,
        event.id(), aboutEvent(event)).map(promoted));
  }

  /**
   * Which pool the member signs up into, or the refusal, in the contract's order: closed (409),
   * incomplete profile (400), not eligible (403), unknown team (400). At the door the registration
   * window does not apply, but every other rule does.
   */
  private String checkEligible(Event event, User user, String requestedPool, boolean declaresSingle, boolean atDoor) {
    EventState state = event.state(clock.instant());
    boolean open = atDoor
        ? state != EventState.DRAFT && state != EventState.CANCELLED && state != EventState.PAST
        : state.acceptsSignUps();
    if (!open) {
      throw registrationClosed();
    }
    boolean mixer = event.type() == EventType.MIXER;
    boolean needsAge = mixer || event.minAge() != null || event.maxAge() != null;
    if ((mixer && user.gender() == null) || (needsAge && user.birthYear() == null)) {
      throw new ApiError(400, "PROFILE_INCOMPLETE", "error.profileIncomplete",
          mixer ? Map.of("gender", "field.profile.needed", "birthYear", "field.profile.needed")
              : Map.of("birthYear", "field.profile.needed"));
    }
    if (event.audienceUnionId() != null && !event.audienceUnionId().equals(user.unionId())) {
      throw new ApiError(403, "NOT_ELIGIBLE", "error.notEligible.audience");
    }
    if (needsAge) {
      int age = event.startsAt().atZone(event.zone()).getYear() - user.birthYear();
      if ((event.minAge() != null && age < event.minAge()) || (event.maxAge() != null && age > event.maxAge())) {
        throw new ApiError(403, "NOT_ELIGIBLE", "error.notEligible.age");
      }
    }
    if (mixer && !declaresSingle) {
      throw new ApiError(403, "NOT_ELIGIBLE", "error.notEligible.single");
    }
    return poolFor(event, user, requestedPool);
  }

  private static String poolFor(Event event, User user, String requestedPool) {
    if (event.type() == EventType.MIXER) {
      if (user.gender() == null) {
        throw new ApiError(400, "PROFILE_INCOMPLETE", "error.profileIncomplete",
            Map.of("gender", "field.profile.needed"));
      }
      return user.gender();
    }
    if (requestedPool != null && !requestedPool.isBlank()) {
      return event.pool(requestedPool.strip()).map(p -> p.key()).orElseThrow(() ->
          new ApiError(400, "UNKNOWN_POOL", "error.unknownPool", Map.of("pool", "field.pool.unknown")));
    }
    if (event.pools().size() == 1) {
      return event.pools().get(0).key();
    }
    throw new ApiError(400, "POOL_REQUIRED", "error.poolRequired", Map.of("pool", "field.pool.required"));
  }

  private static ApiError registrationClosed() {
    return new ApiError(409, "REGISTRATION_CLOSED", "error.registrationClosed");
  }
}
