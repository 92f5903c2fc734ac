package org.queqiao.rsvp;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.EventAccess;
import org.queqiao.web.Json;
import org.queqiao.web.PathParams;

/** Claiming an offer, reconfirming, my attendance record, waiving a no-show (contract §12): the API. */
public final class SeatRoutes {
  private final OfferService offers;
  private final ReconfirmService reconfirmations;
  private final NoShowService noShows;
  private final EventAccess access;
  private final Authentication auth;

  public SeatRoutes(OfferService offers, ReconfirmService reconfirmations, NoShowService noShows, EventAccess access,
      Authentication auth) {
    this.offers = offers;
    this.reconfirmations = reconfirmations;
    this.noShows = noShows;
    this.access = access;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.post("/api/events/:id/rsvp/claim").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::claimOffer);
    router.post("/api/events/:id/rsvp/reconfirm").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::reconfirmSeat);
    router.get("/api/me/record").handler(auth::requireUser).handler(this::showRecord);
    router.post("/api/events/:id/rsvps/:rsvpId/waive-no-show").handler(access::requireManager)
        .handler(this::waiveNoShow);
  }

  private void claimOffer(RoutingContext ctx) {
    offers.claim(CurrentUser.require(ctx).user(), EventAccess.event(ctx))
        .onSuccess(rsvp -> Json.send(ctx, 200, rsvp.toJson()))
        .onFailure(ctx::fail);
  }

  private void reconfirmSeat(RoutingContext ctx) {
    reconfirmations.reconfirm(CurrentUser.require(ctx).user(), EventAccess.event(ctx))
        .onSuccess(rsvp -> Json.send(ctx, 200, rsvp.toJson()))
        .onFailure(ctx::fail);
  }

  private void showRecord(RoutingContext ctx) {
    noShows.record(CurrentUser.require(ctx).user())
        .onSuccess(record -> Json.send(ctx, 200, record.toJson()))
        .onFailure(ctx::fail);
  }

  private void waiveNoShow(RoutingContext ctx) {
    noShows.waive(EventAccess.event(ctx), PathParams.pathLong(ctx, "rsvpId", RsvpErrors::rsvpNotFound))
        .onSuccess(rsvp -> Json.send(ctx, 200, rsvp.toJson()))
        .onFailure(ctx::fail);
  }
}
