package org.queqiao.privacy;

import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals of the member's own data requests. */
public final class PrivacyErrors {
  private PrivacyErrors() {}

  /** Deleting an account is confirmed with its password. */
  public static ApiError wrongPassword() {
    return ApiError.validation(Map.of("password", "field.privacy.password"));
  }

  public static ApiError passwordRequired() {
    return ApiError.validation(Map.of("password", "field.privacy.passwordRequired"));
  }
}
