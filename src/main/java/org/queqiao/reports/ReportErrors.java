package org.queqiao.reports;

import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals of surveys and reports (contract §15). */
public final class ReportErrors {
  private ReportErrors() {}

  public static ApiError invalid(Map<String, String> fields) {
    return ApiError.validation(fields);
  }

  /** Only those checked in at the event may rate it. */
  public static ApiError notAnAttendee() {
    return new ApiError(403, "NOT_AN_ATTENDEE", "error.survey.notAttendee");
  }

  /** The survey opens when the event ends. */
  public static ApiError surveyNotOpen() {
    return new ApiError(409, "SURVEY_NOT_OPEN", "error.survey.notOpen");
  }

  /** One answer per attendee. */
  public static ApiError alreadyAnswered() {
    return new ApiError(409, "SURVEY_ALREADY_ANSWERED", "error.survey.alreadyAnswered");
  }

  /** The dashboard of a union outside the asker's own subtree. */
  public static ApiError unionNotYours() {
    return new ApiError(403, "FORBIDDEN", "error.report.unionNotYours");
  }

  public static ApiError unknownUnion() {
    return new ApiError(404, "NOT_FOUND", "error.report.unknownUnion");
  }
}
