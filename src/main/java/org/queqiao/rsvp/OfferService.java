package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;

/**
 * Claiming an offered seat, and the job that expires offers and passes them on. Both lock the pool
 * row first, as every seat change does, so a claim and an expiry of the same offer run one after
 * the other: whichever comes first decides, and the other finds the offer gone.
 */
public final class OfferService {
  private final Pool pool;
  private final EventRepository events;
  private final RsvpRepository rsvps;
  private final OfferRepository offers;
  private final SeatFiller filler;
  private final NotificationRepository notifications;

  public OfferService(Pool pool, EventRepository events, RsvpRepository rsvps, OfferRepository offers,
      NotificationRepository notifications) {
    this.pool = pool;
    this.events = events;
    this.rsvps = rsvps;
    this.offers = offers;
    this.notifications = notifications;
    this.filler = new SeatFiller(rsvps, offers, notifications);
  }

  /**
   * The member takes the seat offered to them: 200 CONFIRMED (also when asked again after
   * claiming); 409 when the time is up or nothing is offered.
   */
  public Future<Rsvp> claim(User user, Event event) {
    long eventId = event.id();
    return pool.withTransaction(conn -> rsvps.find(conn, eventId, user.id()).compose(seen -> {
      Rsvp rsvp = seen.orElseThrow(RsvpErrors::rsvpNotFound);
      return rsvps.lockPool(conn, eventId, rsvp.poolKey())
          .compose(locked -> offers.claim(conn, eventId, user.id()))
          .compose(claimed -> rsvps.find(conn, eventId, user.id()).compose(now -> {
            Rsvp current = now.orElseThrow();
            if (claimed) {
              return notifications.notifyUser(conn, user.id(), NotificationKind.RSVP_CONFIRMED, eventId, event.notice())
                  .map(current);
            }
            // A repeated claim (or one from a member who holds the seat anyway) answers with the seat.
            if (Rsvp.CONFIRMED.equals(current.status())) {
              return Future.succeededFuture(current);
            }
            boolean lapsed = Rsvp.OFFER_EXPIRED.equals(current.status()) || Rsvp.OFFERED.equals(current.status());
            return Future.failedFuture(lapsed ? SeatErrors.offerExpired() : SeatErrors.noOffer());
          }));
    }));
  }

  /** The job: each pool with an offer past its time, in its own transaction; returns how many expired. */
  public Future<Integer> expireDue() {
    return offers.poolsWithExpiredOffers(pool).compose(due -> {
      Future<Integer> all = Future.succeededFuture(0);
      for (OfferRepository.PoolRef ref : due) {
        all = all.compose(sofar -> expire(ref).map(n -> sofar + n));
      }
      return all;
    });
  }

  private Future<Integer> expire(OfferRepository.PoolRef ref) {
    return pool.withTransaction(conn -> rsvps.lockPool(conn, ref.eventId(), ref.poolKey())
        .compose(locked -> offers.expire(conn, ref))
        .compose(expired -> expired.isEmpty() ? Future.succeededFuture(0)
            : events.find(conn, ref.eventId()).compose(found -> {
              Event event = found.orElseThrow(ApiError::notFound);
              return notifications.notifyUsers(conn, expired, NotificationKind.OFFER_EXPIRED, event.id(), event.notice())
                  .compose(v -> filler.fill(conn, event, ref.poolKey()))
                  .map(expired.size());
            })));
  }
}
