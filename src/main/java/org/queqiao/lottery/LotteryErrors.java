package org.queqiao.lottery;

import org.queqiao.web.ApiError;

/** The refusals of drawing and of reading a draw (contract §12). */
public final class LotteryErrors {
  private LotteryErrors() {}

  public static ApiError notALottery() {
    return new ApiError(404, "NOT_A_LOTTERY", "error.lottery.notALottery");
  }

  /** A draw before registration closes would leave out who applies later. */
  public static ApiError registrationStillOpen() {
    return new ApiError(409, "REGISTRATION_OPEN", "error.lottery.stillOpen");
  }

  public static ApiError alreadyDrawn() {
    return new ApiError(409, "ALREADY_DRAWN", "error.lottery.alreadyDrawn");
  }

  public static ApiError eventNotPublished() {
    return new ApiError(409, "EVENT_NOT_PUBLISHED", "error.lottery.notPublished");
  }

  public static ApiError notDrawnYet() {
    return new ApiError(409, "NOT_DRAWN_YET", "error.lottery.notDrawnYet");
  }
}
