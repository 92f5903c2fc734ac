package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;

/**
 * Reconfirmation (contract §12): {@code reconfirmHours} before the start confirmed members are asked
 * once; a seat not reconfirmed by half that time before the start is released to the waitlist. A
 * release locks the pool like a cancellation, so the two never both free one seat; a reconfirmation
 * and a release of the same seat are ordered by the sign-up's row lock, and the release only takes
 * seats still not reconfirmed.
 */
public final class ReconfirmService {
  private final Pool pool;
  private final EventRepository events;
  private final RsvpRepository rsvps;
  private final OfferRepository offers;
  private final SeatFiller filler;
  private final NotificationRepository notifications;

  public ReconfirmService(Pool pool, EventRepository events, RsvpRepository rsvps, OfferRepository offers,
      NotificationRepository notifications) {
    this.pool = pool;
    this.events = events;
    this.rsvps = rsvps;
    this.offers = offers;
    this.notifications = notifications;
    this.filler = new SeatFiller(rsvps, offers, notifications);
  }

  /** The member keeps their seat: 200 with the sign-up (also when repeated); 409 without a seat to keep. */
  public Future<Rsvp> reconfirm(User user, Event event) {
    return pool.withTransaction(conn -> offers.reconfirm(conn, event.id(), user.id()).compose(done -> done
        ? rsvps.find(conn, event.id(), user.id()).map(found -> found.orElseThrow())
        : Future.failedFuture(SeatErrors.nothingToReconfirm())));
  }

  /** The job: asks every member now due, once; returns how many were asked. */
  public Future<Integer> requestDue() {
    return pool.withTransaction(conn -> offers.requestDue(conn).compose(asked -> {
      Map<Long, List<Long>> byEvent = new LinkedHashMap<>();
      asked.forEach(a -> byEvent.computeIfAbsent(a.eventId(), k -> new ArrayList<>()).add(a.userId()));
      Future<Void> all = Future.succeededFuture();
      for (var entry : byEvent.entrySet()) {
        all = all.compose(v -> notifyAsked(conn, entry.getKey(), entry.getValue()));
      }
      return all.map(asked.size());
    }));
  }

  private Future<Void> notifyAsked(SqlConnection conn, long eventId, List<Long> userIds) {
    return events.find(conn, eventId).compose(found -> {
      Event event = found.orElseThrow(ApiError::notFound);
      return notifications.notifyUsers(conn, userIds, NotificationKind.RECONFIRM_REQUESTED, eventId,
          event.notice().put("deadline", deadline(event).toString()));
    });
  }

  /** When an unreconfirmed seat is released: half of reconfirmHours before the start. */
  public static java.time.Instant deadline(Event event) {
    return event.startsAt().minus(Duration.ofMinutes(event.seatRules().reconfirmHours() * 30L));
  }

  /** The job: releases each pool's seats not reconfirmed in time, one transaction a pool; returns how many. */
  public Future<Integer> releaseDue() {
    return offers.poolsWithDueReleases(pool).compose(due -> {
      Future<Integer> all = Future.succeededFuture(0);
      for (OfferRepository.PoolRef ref : due) {
        all = all.compose(sofar -> release(ref).map(n -> sofar + n));
      }
      return all;
    });
  }

  private Future<Integer> release(OfferRepository.PoolRef ref) {
    return pool.withTransaction(conn -> rsvps.lockPool(conn, ref.eventId(), ref.poolKey())
        .compose(locked -> offers.release(conn, ref))
        .compose(released -> released.isEmpty() ? Future.succeededFuture(0)
            : events.find(conn, ref.eventId()).compose(found -> {
              Event event = found.orElseThrow(ApiError::notFound);
              return notifications.notifyUsers(conn, released, NotificationKind.SEAT_RELEASED, event.id(), event.notice())
                  .compose(v -> filler.fill(conn, event, ref.poolKey()))
                  .map(released.size());
            })));
  }
}
