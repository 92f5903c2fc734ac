package org.queqiao.rosters;

import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals of roster imports and of disputes (contract §17). */
public final class RosterErrors {
  private RosterErrors() {}

  public static ApiError unreadable() {
    return new ApiError(400, "ROSTER_UNREADABLE", "error.roster.unreadable", Map.of("file", "field.roster.unreadable"));
  }

  public static ApiError empty() {
    return new ApiError(400, "ROSTER_EMPTY", "error.roster.empty", Map.of("file", "field.roster.empty"));
  }

  public static ApiError columns(Map<String, String> fields) {
    return new ApiError(400, "ROSTER_COLUMNS", "error.roster.columns", fields);
  }

  public static ApiError importNotFound() {
    return new ApiError(404, "IMPORT_NOT_FOUND", "error.roster.importNotFound");
  }

  public static ApiError alreadyStarted() {
    return new ApiError(409, "IMPORT_STARTED", "error.roster.alreadyStarted");
  }

  public static ApiError notYourRow() {
    return new ApiError(404, "ROSTER_ROW_NOT_FOUND", "error.roster.rowNotFound");
  }

  public static ApiError reasonTooLong() {
    return ApiError.validation(Map.of("reason", "field.roster.reason"));
  }

  /** Roster pages are for union organisers: the account must name the union (or one above it). */
  public static ApiError notUnionOrganiser() {
    return new ApiError(403, "NOT_UNION_ORGANIZER", "error.roster.notUnionOrganiser");
  }
}
