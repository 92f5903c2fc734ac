package org.queqiao.accounts;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals of registration, sign-in and profile changes. */
public final class AccountErrors {
  private AccountErrors() {}

  public static ApiError loginTaken() {
    return new ApiError(409, "LOGIN_TAKEN", "error.loginTaken", Map.of("login", "field.login.taken"));
  }

  public static ApiError unknownUnion() {
    return ApiError.validation(Map.of("unionId", "field.unionId.unknown"));
  }

  public static ApiError invalidCredentials() {
    return new ApiError(401, "INVALID_CREDENTIALS", "error.invalidCredentials");
  }

  public static ApiError tooManyAttempts(int retryAfterSeconds) {
    return new ApiError(429, "TOO_MANY_ATTEMPTS", "error.tooManyAttempts", (retryAfterSeconds + 59) / 60)
        .retryAfter(retryAfterSeconds);
  }

  /** A password attackers would guess early; the field's message says how to make a better one. */
  public static ApiError weakPassword(String field) {
    return new ApiError(400, "WEAK_PASSWORD", "error.weakPassword", Map.of(field, "field.password.weak"));
  }

  public static ApiError wrongCurrentPassword() {
    return new ApiError(400, "WRONG_PASSWORD", "error.wrongCurrentPassword",
        Map.of("currentPassword", "field.password.wrongCurrent"));
  }

  public static ApiError cannotDemoteSelf() {
    return new ApiError(409, "CANNOT_DEMOTE_SELF", "error.cannotDemoteSelf");
  }

  /** What a failed write of a user means to the client: a taken login or an unknown union. */
  public static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof PgException pg) {
      if ("23505".equals(pg.getSqlState()) && String.valueOf(pg.getConstraint()).startsWith("users_login")) {
        return Future.failedFuture(loginTaken());
      }
      if ("23503".equals(pg.getSqlState()) && String.valueOf(pg.getConstraint()).contains("union")) {
        return Future.failedFuture(unknownUnion());
      }
    }
    return Future.failedFuture(failure);
  }
}
