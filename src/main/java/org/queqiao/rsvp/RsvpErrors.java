package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals of signing up and cancelling (contract §4). */
public final class RsvpErrors {
  private RsvpErrors() {}

  public static ApiError registrationClosed() {
    return new ApiError(409, "REGISTRATION_CLOSED", "error.registrationClosed");
  }

  public static ApiError rsvpNotFound() {
    return new ApiError(404, "RSVP_NOT_FOUND", "error.rsvpNotFound");
  }

  public static ApiError cancelAfterCheckin() {
    return new ApiError(409, "ALREADY_CHECKED_IN", "error.cancelAfterCheckin");
  }

  public static ApiError eventStarted() {
    return new ApiError(409, "EVENT_STARTED", "error.eventStarted");
  }

  public static ApiError noFreeSeat() {
    return new ApiError(409, "NO_FREE_SEAT", "error.noFreeSeat");
  }

  public static ApiError profileIncomplete(boolean mixer) {
    return new ApiError(400, "PROFILE_INCOMPLETE", "error.profileIncomplete",
        mixer ? Map.of("gender", "field.profile.needed", "birthYear", "field.profile.needed")
            : Map.of("birthYear", "field.profile.needed"));
  }

  public static ApiError genderNeeded() {
    return new ApiError(400, "PROFILE_INCOMPLETE", "error.profileIncomplete", Map.of("gender", "field.profile.needed"));
  }

  public static ApiError notInAudience() {
    return new ApiError(403, "NOT_ELIGIBLE", "error.notEligible.audience");
  }

  /** Contract §17: the event is for verified members of its union (or of one below it). */
  public static ApiError notVerified() {
    return new ApiError(403, "NOT_VERIFIED", "error.notVerified");
  }

  public static ApiError outsideAgeRange() {
    return new ApiError(403, "NOT_ELIGIBLE", "error.notEligible.age");
  }

  public static ApiError notDeclaredSingle() {
    return new ApiError(403, "NOT_ELIGIBLE", "error.notEligible.single");
  }

  public static ApiError unknownPool() {
    return new ApiError(400, "UNKNOWN_POOL", "error.unknownPool", Map.of("pool", "field.pool.unknown"));
  }

  public static ApiError poolRequired() {
    return new ApiError(400, "POOL_REQUIRED", "error.poolRequired", Map.of("pool", "field.pool.required"));
  }

  /** Missing or wrong answers to the event's questions, each named {@code answers.<key>}. */
  public static ApiError answersInvalid(Map<String, String> fields) {
    return ApiError.validation(fields);
  }

  /** A walk-in to a mixer waits for the member's own single declaration, made on their phone. */
  public static ApiError declarationRequired() {
    return new ApiError(409, "DECLARATION_REQUIRED", "error.declarationRequired");
  }

  /** Approving or declining a sign-up that is not waiting for approval (contract §11). */
  public static ApiError notPending() {
    return new ApiError(409, "NOT_PENDING", "error.rsvpNotPending");
  }

  /**
   * An application that reached a lottery already drawn (the database refuses it: V26's
   * applied_before_draw) is a sign-up after registration closed.
   */
  static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof PgException pg && "applied_before_draw".equals(pg.getConstraint())) {
      return Future.failedFuture(registrationClosed());
    }
    return Future.failedFuture(failure);
  }
}
