package org.queqiao.rsvp;

import org.queqiao.web.ApiError;

/** The refusals of claiming an offer, reconfirming and waiving a no-show (contract §12). */
public final class SeatErrors {
  private SeatErrors() {}

  /** The offer's time ran out (the seat has passed or will pass to the next in line). */
  public static ApiError offerExpired() {
    return new ApiError(409, "OFFER_EXPIRED", "seats.error.offerExpired");
  }

  /** Nothing is offered to this member at this event. */
  public static ApiError noOffer() {
    return new ApiError(409, "NO_OFFER", "seats.error.noOffer");
  }

  /** Reconfirming needs a confirmed seat at an event that asks for it, before it starts. */
  public static ApiError nothingToReconfirm() {
    return new ApiError(409, "NOT_CONFIRMED", "seats.error.nothingToReconfirm");
  }

  public static ApiError notANoShow() {
    return new ApiError(409, "NOT_A_NO_SHOW", "seats.error.notANoShow");
  }
}
