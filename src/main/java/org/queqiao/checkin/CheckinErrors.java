package org.queqiao.checkin;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.queqiao.web.ApiError;

/** The refusals at the door (contract §5). */
public final class CheckinErrors {
  private CheckinErrors() {}

  public static ApiError invalidTicket() {
    return new ApiError(400, "INVALID_TICKET", "error.invalidTicket");
  }

  public static ApiError invalidVenueCode() {
    return new ApiError(400, "INVALID_TICKET", "error.invalidVenueCode");
  }

  public static ApiError notConfirmed() {
    return new ApiError(409, "NOT_CONFIRMED", "error.notConfirmed");
  }

  /** At the door: the sign-up exists but holds no seat; the scanner shows whose it is. */
  public static ApiError notConfirmedAtDoor(String displayName, JsonObject details) {
    return new ApiError(409, "NOT_CONFIRMED", "error.notConfirmedAtDoor", displayName).details(details);
  }

  /** A second scan: the scanner shows who it is and when they first came in. */
  public static ApiError alreadyCheckedIn(String displayName, String at, JsonObject details) {
    return new ApiError(409, "ALREADY_CHECKED_IN", "error.alreadyCheckedIn", displayName, at).details(details);
  }

  public static ApiError checkinClosed() {
    return new ApiError(409, "EVENT_NOT_OPEN", "error.checkinClosed");
  }

  public static ApiError rsvpNotFound() {
    return new ApiError(404, "RSVP_NOT_FOUND", "error.rsvpNotFound");
  }

  public static ApiError memberNotFound() {
    return new ApiError(404, "USER_NOT_FOUND", "error.userNotFound", Map.of("login", "field.checkin.noSuchMember"));
  }

  /** A sync from a device id this staff member was never issued for this event. */
  public static ApiError unknownDoorKit() {
    return new ApiError(403, "DOOR_KIT_UNKNOWN", "error.doorKitUnknown");
  }

  /** The door phone's kit was revoked by an organiser, or has expired: download a new one. */
  public static ApiError doorKitRevoked() {
    return new ApiError(403, "DOOR_KIT_REVOKED", "error.doorKitRevoked");
  }

  public static ApiError badSync(Map<String, String> fields) {
    return ApiError.validation(fields);
  }

  public static ApiError doorKitNotFound() {
    return new ApiError(404, "DOOR_KIT_NOT_FOUND", "error.doorKitNotFound");
  }
}
