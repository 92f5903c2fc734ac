package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import org.queqiao.events.Event;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;

/**
 * Where a freed seat goes: without offers, to the head of the pool's waitlist at once; with
 * {@code offerHours}, to the head as an offer to claim in time (contract §12). One rule for a
 * cancellation, a larger capacity, an expired offer and a released seat alike.
 */
final class SeatFiller {
  private final RsvpRepository rsvps;
  private final OfferRepository offers;
  private final NotificationRepository notifications;

  SeatFiller(RsvpRepository rsvps, OfferRepository offers, NotificationRepository notifications) {
    this.rsvps = rsvps;
    this.offers = offers;
    this.notifications = notifications;
  }

  /**
   * Fills the pool's free seats; the caller holds the pool lock and passes the event as read under
   * it. Returns the members who were given a seat outright (none when seats are offered).
   */
  Future<List<Long>> fill(SqlConnection conn, Event event, String poolKey) {
    if (event.seatRules().offerHours() == null) {
      return rsvps.promote(conn, event.id(), poolKey)
          .compose(promoted -> notifications.notifyUsers(conn, promoted, NotificationKind.PROMOTED_FROM_WAITLIST,
              event.id(), event.notice()).map(promoted));
    }
    return offers.offer(conn, event.id(), poolKey).compose(made -> {
      Future<Void> all = Future.succeededFuture();
      for (OfferRepository.Offer offer : made) {
        all = all.compose(v -> notifications.notifyUser(conn, offer.userId(), NotificationKind.SEAT_OFFERED, event.id(),
            event.notice().put("deadline", offer.expiresAt().toString())));
      }
      return all.map(List.<Long>of());
    });
  }
}
