package org.queqiao.events;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Map;
import org.queqiao.web.Numbers;

/**
 * How an event hands out seats beyond first come, first served (contract §12): freed seats offered
 * for {@code offerHours} instead of given at once; confirmed members asked to reconfirm
 * {@code reconfirmHours} before the start; members with more than {@code maxRecentNoShows} no-shows
 * in twelve months only waitlisted. Each is off when null.
 */
public record SeatRules(Integer offerHours, Integer reconfirmHours, Integer maxRecentNoShows) {
  public static final SeatRules NONE = new SeatRules(null, null, null);

  static SeatRules from(Row row) {
    return new SeatRules(small(row, "offer_hours"), small(row, "reconfirm_hours"), small(row, "max_recent_no_shows"));
  }

  private static Integer small(Row row, String column) {
    Short value = row.getShort(column);
    return value == null ? null : value.intValue();
  }

  /** The three fields of an event body; a wrong one is named in {@code errors}. */
  static SeatRules parse(JsonObject body, Map<String, String> errors) {
    return new SeatRules(whole(body, "offerHours", 1, 168, errors), whole(body, "reconfirmHours", 1, 720, errors),
        whole(body, "maxRecentNoShows", 0, 50, errors));
  }

  private static Integer whole(JsonObject body, String name, int min, int max, Map<String, String> errors) {
    Object value = body.getValue(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    var number = Numbers.whole(value, min, max);
    if (number.isEmpty()) {
      errors.put(name, "field.event." + name);
      return null;
    }
    return number.get().intValue();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("offerHours", offerHours)
        .put("reconfirmHours", reconfirmHours)
        .put("maxRecentNoShows", maxRecentNoShows);
  }
}
