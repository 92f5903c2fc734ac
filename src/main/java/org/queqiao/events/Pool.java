package org.queqiao.events;

import io.vertx.core.json.JsonObject;

/** A share of an event's seats with its own capacity and waitlist: "main", a team, or a gender. */
public record Pool(String key, String label, int capacity, int confirmed, int waitlisted, int offered) {
  public static final String MAIN = "main";

  static Pool from(JsonObject json) {
    return new Pool(json.getString("key"), json.getString("label"), json.getInteger("capacity"),
        json.getInteger("confirmed"), json.getInteger("waitlisted"), json.getInteger("offered", 0));
  }

  /** A seat offered to someone on the waitlist is held for them, so it is not left. */
  public int seatsLeft() {
    return Math.max(0, capacity - confirmed - offered);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("key", key)
        .put("label", label)
        .put("capacity", capacity)
        .put("confirmed", confirmed)
        .put("waitlisted", waitlisted)
        .put("offered", offered)
        .put("seatsLeft", seatsLeft());
  }
}
