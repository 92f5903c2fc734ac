package org.queqiao.series;

import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals of creating and following a series (contract §11). */
public final class SeriesErrors {
  private SeriesErrors() {}

  public static ApiError invalid(Map<String, String> fields) {
    return ApiError.validation(fields);
  }

  /** No such series, or none of its dates may be seen by the asker: the same answer for both. */
  public static ApiError seriesNotFound() {
    return new ApiError(404, "SERIES_NOT_FOUND", "error.seriesNotFound");
  }
}
