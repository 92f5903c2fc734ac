package org.queqiao.messages;

import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals of sending a message to an event's members (contract §11). */
public final class MessageErrors {
  private MessageErrors() {}

  public static ApiError invalid(Map<String, String> fields) {
    return ApiError.validation(fields);
  }

  /** More than {@link MessageService#PER_HOUR} messages for one event within an hour. */
  public static ApiError tooMany(int retryAfterSeconds) {
    return new ApiError(429, "TOO_MANY_MESSAGES", "error.tooManyMessages", MessageService.PER_HOUR)
        .retryAfter(retryAfterSeconds);
  }
}
