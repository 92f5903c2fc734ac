package org.queqiao.sports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.queqiao.web.Times;

/**
 * One game of a sports day. {@code points[i]} is what place i+1 earns (places beyond the list earn
 * nothing); {@code teamSize} caps an entry; {@code minFemale}/{@code minMale} is the gender quota
 * of a non-empty entry; {@code resultVersion} 0 means no result yet.
 */
public record Game(String key, String name, Scoring scoring, Integer teamSize, List<Integer> points, int minFemale,
    int minMale, Instant startsAt, String place, int resultVersion) {

  public static final List<Integer> DEFAULT_POINTS = List.of(7, 5, 4, 3, 2, 1);

  static Game from(Row row) {
    Integer[] points = row.getArrayOfIntegers("points");
    OffsetDateTime starts = row.getOffsetDateTime("starts_at");
    Short size = row.getShort("team_size");
    return new Game(row.getString("key"), row.getString("name"), Scoring.valueOf(row.getString("scoring")),
        size == null ? null : size.intValue(), List.copyOf(Arrays.asList(points)), row.getShort("min_female"),
        row.getShort("min_male"), starts == null ? null : starts.toInstant(), row.getString("place"),
        row.getInteger("result_version"));
  }

  /** What {@code place} (1-based) earns in this game. */
  public int pointsFor(int place) {
    return place >= 1 && place <= points.size() ? points.get(place - 1) : 0;
  }

  public boolean hasQuota() {
    return minFemale > 0 || minMale > 0;
  }

  public JsonObject toJson(ZoneId zone) {
    JsonObject quota = new JsonObject();
    if (minFemale > 0) {
      quota.put("FEMALE", minFemale);
    }
    if (minMale > 0) {
      quota.put("MALE", minMale);
    }
    return new JsonObject()
        .put("key", key)
        .put("name", name)
        .put("scoring", scoring.name())
        .put("teamSize", teamSize)
        .put("points", new JsonArray(points))
        .put("quota", quota)
        .put("startsAt", Times.iso(startsAt, zone))
        .put("place", place)
        .put("resultVersion", resultVersion);
  }
}
