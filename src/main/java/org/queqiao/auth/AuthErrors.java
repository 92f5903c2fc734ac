package org.queqiao.auth;

import org.queqiao.web.ApiError;

/** The refusals of session handling. */
public final class AuthErrors {
  private AuthErrors() {}

  /** Too many guesses or attempts from one address, member or device; {@code retryAfterSeconds} until the next. */
  public static ApiError tooManyAttempts(int retryAfterSeconds) {
    return new ApiError(429, "TOO_MANY_ATTEMPTS", "error.tooManyTries", (retryAfterSeconds + 59) / 60)
        .retryAfter(retryAfterSeconds);
  }

  public static ApiError invalidToken() {
    return new ApiError(401, "INVALID_TOKEN", "error.invalidToken");
  }
}
