package org.queqiao.events;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals of creating, changing and managing events. */
public final class EventErrors {
  private EventErrors() {}

  public static ApiError eventCancelled() {
    return new ApiError(409, "EVENT_CANCELLED", "error.eventCancelled");
  }

  public static ApiError notADraft() {
    return new ApiError(409, "NOT_A_DRAFT", "error.notADraft");
  }

  public static ApiError eventInPast() {
    return new ApiError(409, "EVENT_IN_PAST", "error.eventInPast");
  }

  public static ApiError poolInUse() {
    return new ApiError(409, "POOL_IN_USE", "error.poolInUse");
  }

  public static ApiError capacityBelowConfirmed() {
    return new ApiError(409, "CAPACITY_BELOW_CONFIRMED", "error.capacityBelowConfirmed",
        Map.of("pools", "field.event.capacityBelowConfirmed"));
  }

  public static ApiError unknownAudience() {
    return ApiError.validation(Map.of("audienceUnionId", "field.unionId.unknown"));
  }

  /** A union-limited organiser named an audience outside their own union's subtree. */
  public static ApiError notYourUnion() {
    return new ApiError(403, "NOT_YOUR_UNION", "error.notYourUnion",
        Map.of("audienceUnionId", "field.event.notYourUnion"));
  }

  public static ApiError userNotFound() {
    return new ApiError(404, "USER_NOT_FOUND", "error.userNotFound");
  }

  /** The staff page names people by login: the refusal points at that field. */
  public static ApiError noSuchLogin() {
    return new ApiError(404, "USER_NOT_FOUND", "error.userNotFound", Map.of("login", "field.staff.noSuchUser"));
  }

  public static ApiError notAnOrganizer() {
    return new ApiError(409, "NOT_AN_ORGANIZER", "error.staff.notAnOrganizer");
  }

  public static ApiError notAMatchmaker() {
    return new ApiError(409, "NOT_A_MATCHMAKER", "error.staff.notAMatchmaker");
  }

  /** Switching between first come and lottery once people have signed up or applied (contract §12). */
  public static ApiError allocationFixed() {
    return new ApiError(409, "ALLOCATION_FIXED", "error.allocationFixed",
        Map.of("allocation", "field.event.allocationFixed"));
  }

  /** What a failed write of an event means to the client. */
  public static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof PgException pg) {
      if ("23514".equals(pg.getSqlState()) && "pool_not_oversold".equals(pg.getConstraint())) {
        return Future.failedFuture(capacityBelowConfirmed());
      }
      if ("23514".equals(pg.getSqlState()) && "allocation_fixed_after_signups".equals(pg.getConstraint())) {
        return Future.failedFuture(allocationFixed());
      }
      if ("23503".equals(pg.getSqlState()) && String.valueOf(pg.getConstraint()).contains("audience")) {
        return Future.failedFuture(unknownAudience());
      }
    }
    return Future.failedFuture(failure);
  }
}
