package org.queqiao.support;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/** A member's own sign-ups as {@code GET /api/me/rsvps} lists them. */
public final class Rsvps {
  private Rsvps() {}

  /** The member's sign-up for this event (with its event, status and waitlist position), if any. */
  public static Optional<JsonObject> find(Api api, String token, long eventId) {
    return find(listed(api, token), eventId);
  }

  /** The member's sign-up for this event; fails the test when there is none. */
  public static JsonObject mine(Api api, String token, long eventId) {
    Api.Response listed = listed(api, token);
    return find(listed, eventId)
        .orElseThrow(() -> new AssertionError("no sign-up for event " + eventId + " in " + listed.body()));
  }

  private static Api.Response listed(Api api, String token) {
    Api.Response mine = api.get("/api/me/rsvps", token);
    if (mine.status() != 200) {
      throw new AssertionError("could not list my sign-ups: " + mine);
    }
    return mine;
  }

  private static Optional<JsonObject> find(Api.Response listed, long eventId) {
    for (Object item : listed.json().getJsonArray("items")) {
      JsonObject rsvp = (JsonObject) item;
      if (rsvp.getJsonObject("event").getLong("id") == eventId) {
        return Optional.of(rsvp);
      }
    }
    return Optional.empty();
  }
}
