package org.queqiao.covers;

import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals of an event's cover image. */
public final class CoverErrors {
  private CoverErrors() {}

  /** Not a JPEG, PNG or WebP that decodes cleanly (also: truncated, corrupt, or a disguised file). */
  public static ApiError invalidImage() {
    return new ApiError(400, "INVALID_IMAGE", "error.cover.invalid");
  }

  /** A header claiming more pixels than we decode: refused before decoding (a decompression bomb). */
  public static ApiError tooManyPixels() {
    return new ApiError(400, "INVALID_IMAGE", "error.cover.tooManyPixels", CoverImages.MAX_PIXELS / 1_000_000);
  }

  public static ApiError tooLarge() {
    return new ApiError(413, "PAYLOAD_TOO_LARGE", "error.cover.tooLarge", CoverImages.MAX_BYTES / (1024 * 1024));
  }

  public static ApiError noCover() {
    return new ApiError(404, "NO_COVER", "error.cover.none");
  }

  public static ApiError altInvalid() {
    return ApiError.validation(Map.of("alt", "field.cover.alt"));
  }

  /** A page form sent without choosing a file, for an event that has no cover yet. */
  public static ApiError noFileChosen() {
    return ApiError.validation(Map.of("image", "field.cover.noFile"));
  }
}
