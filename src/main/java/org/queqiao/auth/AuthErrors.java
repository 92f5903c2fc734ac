package org.queqiao.auth;

import org.queqiao.web.ApiError;

/** The refusals of session handling. */
public final class AuthErrors {
  private AuthErrors() {}

  public static ApiError invalidToken() {
    return new ApiError(401, "INVALID_TOKEN", "error.invalidToken");
  }
}
