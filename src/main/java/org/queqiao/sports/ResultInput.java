package org.queqiao.sports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.queqiao.events.Event;
import org.queqiao.web.Numbers;

/**
 * A judge's result sheet for one game: {@code {"results":[{"team","value"}],"submissionId"?,"replaces"?}}.
 * {@code submissionId} makes a resend (a flaky network, a double tap) harmless; {@code replaces}
 * names the sheet version the judge saw, which a correction must give.
 */
record ResultInput(List<Standings.Result> results, String submissionId, int replaces) {
  private static final BigDecimal MAX_VALUE = new BigDecimal("1000000000");

  static ResultInput parse(JsonObject body, Game game, Event event) {
    Map<String, String> errors = new LinkedHashMap<>();
    List<Standings.Result> results = new ArrayList<>();
    if (!(body.getValue("results") instanceof JsonArray array) || array.isEmpty()
        || array.size() > event.pools().size()) {
      throw SportsErrors.invalid(Map.of("results", "field.sports.results"));
    }
    Set<String> teams = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "results." + i + ".";
      if (!(array.getValue(i) instanceof JsonObject r)) {
        errors.put("results." + i, "field.sports.results");
        continue;
      }
      String team = r.getValue("team") instanceof String s ? s : "";
      if (event.pool(team).isEmpty()) {
        errors.put(at + "team", "field.sports.team");
      } else if (!teams.add(team)) {
        errors.put(at + "team", "field.sports.teamTwice");
      }
      BigDecimal value = value(r.getValue("value"), game.scoring(), event.pools().size());
      if (value == null) {
        errors.put(at + "value", "field.sports.value." + game.scoring().name());
      }
      results.add(new Standings.Result(team, value));
    }
    String submission = null;
    Object rawSubmission = body.getValue("submissionId");
    if (rawSubmission != null) {
      if (rawSubmission instanceof String s && s.matches("[A-Za-z0-9_-]{8,64}")) {
        submission = s;
      } else {
        errors.put("submissionId", "field.sports.submissionId");
      }
    }
    int replaces = 0;
    if (body.getValue("replaces") != null) {
      var version = Numbers.whole(body.getValue("replaces"), 0, Integer.MAX_VALUE);
      if (version.isEmpty()) {
        errors.put("replaces", "field.sports.replaces");
      } else {
        replaces = version.get().intValue();
      }
    }
    if (!errors.isEmpty()) {
      throw SportsErrors.invalid(errors);
    }
    return new ResultInput(List.copyOf(results), submission, replaces);
  }

  /**
   * A place is a whole number up to the number of teams; a time (seconds) is positive; a score is
   * not negative; both to at most three decimals. Text that is such a number is taken too (forms).
   */
  static BigDecimal value(Object raw, Scoring scoring, int teams) {
    BigDecimal value;
    try {
      if (raw instanceof Number n && !(raw instanceof Double d && !Double.isFinite(d))) {
        value = new BigDecimal(n.toString());
      } else if (raw instanceof String s && s.strip().matches("\\d{1,10}(\\.\\d{1,3})?")) {
        value = new BigDecimal(s.strip());
      } else {
        return null;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    if (value.scale() > 3 && value.stripTrailingZeros().scale() > 3 || value.compareTo(MAX_VALUE) > 0) {
      return null;
    }
    value = value.stripTrailingZeros();
    if (value.scale() < 0) {
      value = value.setScale(0);
    }
    return switch (scoring) {
      case PLACE -> value.scale() == 0 && value.signum() > 0 && value.intValueExact() <= teams ? value : null;
      case TIME_ASC -> value.signum() > 0 ? value : null;
      case SCORE_DESC -> value.signum() >= 0 ? value : null;
    };
  }

  JsonArray toJson() {
    JsonArray array = new JsonArray();
    results.forEach(r -> array.add(new JsonObject().put("team", r.team()).put("value", Values.json(r.value()))));
    return array;
  }
}
