package org.queqiao.sports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.queqiao.events.Event;
import org.queqiao.web.Numbers;

/**
 * The day's games as a manager sends them ({@code PUT /api/events/{id}/games}): the contract's
 * array, or {@code {"games":[…],"maxGamesPerPerson":n}} to set the per-person limit too. Every
 * wrong field is named ({@code games.2.points}) in one 400.
 */
record GameInput(List<Game> games, boolean limitGiven, Integer maxGamesPerPerson) {
  static final int MAX_GAMES = 40;

  static GameInput parse(Object body, Event event) {
    Map<String, String> errors = new LinkedHashMap<>();
    JsonArray array;
    boolean limitGiven = false;
    Integer limit = null;
    if (body instanceof JsonArray a) {
      array = a;
    } else if (body instanceof JsonObject o && o.getValue("games") instanceof JsonArray a) {
      array = a;
      limitGiven = o.containsKey("maxGamesPerPerson");
      Object raw = o.getValue("maxGamesPerPerson");
      if (raw != null) {
        limit = Numbers.wholeNumber(raw, 1, 50).map(Long::intValue).orElse(null);
        if (limit == null) {
          errors.put("maxGamesPerPerson", "field.sports.maxGames");
        }
      }
    } else {
      throw SportsErrors.invalid(Map.of("games", "field.sports.games"));
    }
    if (array.size() > MAX_GAMES) {
      throw SportsErrors.invalid(Map.of("games", "field.sports.tooManyGames"));
    }
    List<Game> games = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "games." + i + ".";
      if (!(array.getValue(i) instanceof JsonObject g)) {
        errors.put("games." + i, "field.sports.games");
        continue;
      }
      String key = g.getValue("key") instanceof String s ? s.strip() : "";
      if (!key.matches("[A-Za-z0-9_-]{1,40}") || !keys.add(key)) {
        errors.put(at + "key", "field.sports.key");
      }
      String name = g.getValue("name") instanceof String s ? s.strip() : "";
      if (name.isEmpty() || name.codePointCount(0, name.length()) > 60) {
        errors.put(at + "name", "field.sports.name");
      }
      Scoring scoring = Scoring.parse(g.getValue("scoring"));
      if (scoring == null) {
        errors.put(at + "scoring", "field.sports.scoring");
      }
      Integer teamSize = optionalWhole(g, "teamSize", 1, 500, at, "field.sports.teamSize", errors);
      List<Integer> points = points(g.getValue("points"), at, errors);
      int minFemale = 0;
      int minMale = 0;
      Object quota = g.getValue("quota");
      if (quota instanceof JsonObject q) {
        Integer f = optionalWhole(q, "FEMALE", 0, 500, at + "quota.", "field.sports.quota", errors);
        Integer m = optionalWhole(q, "MALE", 0, 500, at + "quota.", "field.sports.quota", errors);
        minFemale = f == null ? 0 : f;
        minMale = m == null ? 0 : m;
        if (!q.fieldNames().stream().allMatch(n -> n.equals("FEMALE") || n.equals("MALE"))) {
          errors.put(at + "quota", "field.sports.quota");
        }
        if (teamSize != null && minFemale + minMale > teamSize) {
          errors.put(at + "quota", "field.sports.quotaOverSize");
        }
      } else if (quota != null) {
        errors.put(at + "quota", "field.sports.quota");
      }
      Instant startsAt = time(g.getValue("startsAt"), event, at, errors);
      String place = g.getValue("place") instanceof String s && !s.isBlank() ? s.strip() : null;
      if (g.getValue("place") != null && !(g.getValue("place") instanceof String)
          || place != null && place.codePointCount(0, place.length()) > 100) {
        errors.put(at + "place", "field.sports.place");
      }
      games.add(new Game(key, name, scoring, teamSize, points, minFemale, minMale, startsAt, place, 0));
    }
    if (!errors.isEmpty()) {
      throw SportsErrors.invalid(errors);
    }
    return new GameInput(List.copyOf(games), limitGiven, limit);
  }

  private static Integer optionalWhole(JsonObject json, String name, long min, long max, String at, String message,
      Map<String, String> errors) {
    Object raw = json.getValue(name);
    if (raw == null || raw instanceof String s && s.isBlank()) {
      return null;
    }
    var value = Numbers.whole(raw, min, max);
    if (value.isEmpty()) {
      errors.put(at + name, message);
      return null;
    }
    return value.get().intValue();
  }

  /** Points by place, best first; defaults to 7-5-4-3-2-1. A better place never earns less. */
  private static List<Integer> points(Object raw, String at, Map<String, String> errors) {
    if (raw == null) {
      return Game.DEFAULT_POINTS;
    }
    List<Integer> points = new ArrayList<>();
    if (raw instanceof JsonArray array && !array.isEmpty() && array.size() <= 20) {
      for (Object p : array) {
        var value = Numbers.wholeNumber(p, 0, 1000);
        if (value.isEmpty()) {
          errors.put(at + "points", "field.sports.points");
          return Game.DEFAULT_POINTS;
        }
        points.add(value.get().intValue());
      }
      for (int i = 1; i < points.size(); i++) {
        if (points.get(i) > points.get(i - 1)) {
          errors.put(at + "points", "field.sports.points");
        }
      }
      return List.copyOf(points);
    }
    errors.put(at + "points", "field.sports.points");
    return Game.DEFAULT_POINTS;
  }

  /** ISO with offset, or a local time in the event's zone (the form's datetime-local); within the event. */
  private static Instant time(Object raw, Event event, String at, Map<String, String> errors) {
    if (raw == null || raw instanceof String s && s.isBlank()) {
      return null;
    }
    if (raw instanceof String s) {
      try {
        Instant t = s.length() <= 19 && !s.contains("+") && !s.endsWith("Z")
            ? java.time.LocalDateTime.parse(s.strip()).atZone(event.zone()).toInstant()
            : OffsetDateTime.parse(s.strip()).toInstant();
        if (t.isBefore(event.startsAt()) || t.isAfter(event.endsAt())) {
          errors.put(at + "startsAt", "field.sports.startsAtOutside");
        }
        return t;
      } catch (DateTimeParseException e) {
        // answered below
      }
    }
    errors.put(at + "startsAt", "field.sports.startsAt");
    return null;
  }
}
