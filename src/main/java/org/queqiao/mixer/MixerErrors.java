package org.queqiao.mixer;

import org.queqiao.web.ApiError;

/** The refusals of the mixer (contract §6). None of them may tell one member about another's marks. */
public final class MixerErrors {
  private MixerErrors() {}

  public static ApiError notAnAttendee() {
    return new ApiError(403, "NOT_AN_ATTENDEE", "error.notAnAttendee");
  }

  public static ApiError noSuchBadge() {
    return new ApiError(404, "NO_SUCH_BADGE", "error.noSuchBadge");
  }

  public static ApiError matchingClosed() {
    return new ApiError(409, "MATCHING_CLOSED", "error.matchingClosed");
  }

  public static ApiError consentOutdated() {
    return new ApiError(409, "CONSENT_OUTDATED", "error.consentOutdated");
  }

  public static ApiError tooManyOpenRequests(int limit) {
    return new ApiError(429, "TOO_MANY_OPEN_REQUESTS", "error.tooManyOpenRequests", limit);
  }

  public static ApiError requestExists() {
    return new ApiError(409, "REQUEST_EXISTS", "error.requestExists");
  }

  public static ApiError notPending() {
    return new ApiError(409, "NOT_PENDING", "error.notPending");
  }

  public static ApiError notAwaitingAnswer() {
    return new ApiError(409, "NOT_AWAITING_ANSWER", "error.notAwaitingAnswer");
  }

  public static ApiError alreadyAnswered() {
    return new ApiError(409, "ALREADY_ANSWERED", "error.alreadyAnswered");
  }

  public static ApiError consentRequired() {
    return new ApiError(400, "CONSENT_REQUIRED", "error.consentRequired");
  }

  /** The fields consented to must be on the card when the consent is given. */
  public static ApiError fieldsNotOnCard() {
    return ApiError.validation(java.util.Map.of("fields", "field.consent.notOnCard"));
  }

  /** The member's own card cannot be read (the key changed): they re-enter it; nobody else is told. */
  public static ApiError myCardUnreadable() {
    return new ApiError(409, "CARD_UNREADABLE", "error.myCardUnreadable");
  }

  /** Asking again after a close: one answer whether the target declined or a matchmaker rejected. */
  public static ApiError requestClosed() {
    return new ApiError(409, "REQUEST_CLOSED", "error.requestClosed");
  }

  public static ApiError notSingleDeclared() {
    return ApiError.validation(java.util.Map.of("declaresSingle", "field.mixer.declaresSingle"));
  }

  public static ApiError matchEnded() {
    return new ApiError(409, "MATCH_ENDED", "error.matchEnded");
  }

  /** Sending my card again needs a consent of mine toward that person that still stands. */
  public static ApiError noStandingConsent() {
    return new ApiError(409, "NO_CONSENT", "error.noStandingConsent");
  }
}
