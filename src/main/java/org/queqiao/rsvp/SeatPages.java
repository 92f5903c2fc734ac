package org.queqiao.rsvp;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.web.Forms;

/**
 * The one-tap forms of the event page (contract §12) that the notifications and e-mails lead to.
 * Nothing changes on a GET: a link only opens the page that holds the button; a refusal (the offer
 * ran out meanwhile) is the error page, and the event page then shows where the member stands.
 */
public final class SeatPages {
  private final OfferService offers;
  private final ReconfirmService reconfirmations;
  private final EventAccess access;
  private final Authentication auth;

  public SeatPages(OfferService offers, ReconfirmService reconfirmations, EventAccess access, Authentication auth) {
    this.offers = offers;
    this.reconfirmations = reconfirmations;
    this.access = access;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.post("/events/:id/rsvp/claim").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitClaim);
    router.post("/events/:id/rsvp/reconfirm").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitReconfirm);
  }

  private void submitClaim(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    offers.claim(CurrentUser.require(ctx).user(), event)
        .onSuccess(rsvp -> Forms.seeOther(ctx, "/events/" + event.id() + "?claimed=1"))
        .onFailure(ctx::fail);
  }

  private void submitReconfirm(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    reconfirmations.reconfirm(CurrentUser.require(ctx).user(), event)
        .onSuccess(rsvp -> Forms.seeOther(ctx, "/events/" + event.id() + "?reconfirmed=1"))
        .onFailure(ctx::fail);
  }
}
