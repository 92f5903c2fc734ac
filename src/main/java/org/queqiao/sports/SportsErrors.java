package org.queqiao.sports;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals of the sports-day engine (contract §13). */
public final class SportsErrors {
  private SportsErrors() {}

  public static ApiError invalid(Map<String, String> fields) {
    return ApiError.validation(fields);
  }

  /** Sports routes name nothing on an event of another kind. */
  public static ApiError notASportsDay() {
    return new ApiError(404, "NOT_A_SPORTS_DAY", "error.sports.notASportsDay");
  }

  public static ApiError gameNotFound() {
    return new ApiError(404, "GAME_NOT_FOUND", "error.sports.gameNotFound");
  }

  /** A game with results can be renamed or rescheduled, but neither removed nor scored another way. */
  public static ApiError gameHasResults(String key) {
    return new ApiError(409, "GAME_HAS_RESULTS", "error.sports.gameHasResults", Map.of("games", "field.sports.hasResults"),
        key);
  }

  public static ApiError resultsNotOpen() {
    return new ApiError(409, "RESULTS_NOT_OPEN", "error.sports.resultsNotOpen");
  }

  public static ApiError eventCancelled() {
    return new ApiError(409, "EVENT_CANCELLED", "error.eventCancelled");
  }

  /**
   * The game already has a result the judge did not see (another phone was first, or a correction
   * came in between): nothing is stored; the current sheet comes back for the judge to compare.
   */
  public static ApiError resultConflict(JsonObject current) {
    return new ApiError(409, "RESULT_CONFLICT", "error.sports.resultConflict")
        .details(new JsonObject().put("current", current));
  }

  public static ApiError entriesClosed() {
    return new ApiError(409, "ENTRIES_CLOSED", "error.sports.entriesClosed");
  }

  public static ApiError teamRequired() {
    return new ApiError(400, "VALIDATION_FAILED", "error.validation", Map.of("team", "field.sports.team"));
  }

  public static ApiError fontMissing() {
    return new ApiError(503, "CERTIFICATE_FONT_MISSING", "error.sports.fontMissing");
  }

  public static ApiError noWinnersYet() {
    return new ApiError(409, "NO_RESULTS_YET", "error.sports.noResultsYet");
  }
}
