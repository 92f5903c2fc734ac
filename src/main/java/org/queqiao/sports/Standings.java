package org.queqiao.sports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scoring rules of contract §13, computed from the current result sheets (pure, no I/O):
 * within a game teams are placed by their value; tied teams share the better place, its points and
 * its medal, and the next team's place counts the tied ones (1, 2, 2, 4). Over the day teams rank
 * by points, then by first places; teams equal in both share a rank the same way.
 */
public record Standings(List<TeamRow> teams, List<GameRow> games) {

  /** One team's value in one game, as a judge entered it. */
  public record Result(String team, BigDecimal value) {
    JsonObject toJson() {
      return new JsonObject().put("team", team).put("value", Values.json(value));
    }
  }

  /** A result with what it earned. */
  public record Placed(String team, BigDecimal value, int place, int points) {
    /** GOLD, SILVER, BRONZE or null. */
    public String medal() {
      return switch (place) {
        case 1 -> "GOLD";
        case 2 -> "SILVER";
        case 3 -> "BRONZE";
        default -> null;
      };
    }
  }

  public record GameRow(Game game, List<Placed> results) {
    public boolean done() {
      return !results.isEmpty();
    }
  }

  public record TeamRow(String team, int points, int gold, int silver, int bronze, int rank) {}

  /** Places one game's results, best first (ties keep the order they were entered in). */
  public static List<Placed> place(Game game, List<Result> results) {
    List<Result> sorted = new ArrayList<>(results);
    sorted.sort((a, b) -> game.scoring().compare(a.value(), b.value()));
    List<Placed> placed = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Result r = sorted.get(i);
      int place = i > 0 && game.scoring().compare(sorted.get(i - 1).value(), r.value()) == 0
          ? placed.get(i - 1).place()
          : i + 1;
      placed.add(new Placed(r.team(), r.value(), place, game.pointsFor(place)));
    }
    return placed;
  }

  /** {@code teams} in the event's order; {@code current} maps a game's key to its current sheet. */
  public static Standings of(List<String> teams, List<Game> games, Map<String, List<Result>> current) {
    Map<String, int[]> totals = new HashMap<>();
    teams.forEach(t -> totals.put(t, new int[4]));
    List<GameRow> rows = new ArrayList<>();
    for (Game game : games) {
      List<Placed> placed = place(game, current.getOrDefault(game.key(), List.of()));
      rows.add(new GameRow(game, placed));
      for (Placed p : placed) {
        int[] total = totals.get(p.team());
        if (total == null) {
          continue;
        }
        total[0] += p.points();
        if (p.place() <= 3) {
          total[p.place()]++;
        }
      }
    }
    Comparator<String> better = Comparator.<String>comparingInt(t -> -totals.get(t)[0])
        .thenComparingInt(t -> -totals.get(t)[1]);
    List<String> order = new ArrayList<>(teams);
    order.sort(better);
    List<TeamRow> table = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      String team = order.get(i);
      int[] t = totals.get(team);
      int rank = i > 0 && better.compare(order.get(i - 1), team) == 0 ? table.get(i - 1).rank() : i + 1;
      table.add(new TeamRow(team, t[0], t[1], t[2], t[3], rank));
    }
    return new Standings(List.copyOf(table), List.copyOf(rows));
  }

  public JsonObject toJson(Function<String, String> teamLabel, ZoneId zone) {
    JsonArray teamRows = new JsonArray();
    teams.forEach(t -> teamRows.add(new JsonObject()
        .put("team", t.team()).put("label", teamLabel.apply(t.team()))
        .put("points", t.points()).put("gold", t.gold()).put("silver", t.silver()).put("bronze", t.bronze())
        .put("rank", t.rank())));
    JsonArray gameRows = new JsonArray();
    games.forEach(g -> {
      JsonArray results = new JsonArray();
      g.results().forEach(p -> results.add(new JsonObject()
          .put("team", p.team()).put("label", teamLabel.apply(p.team())).put("value", Values.json(p.value()))
          .put("place", p.place()).put("points", p.points()).put("medal", p.medal())));
      gameRows.add(g.game().toJson(zone).put("status", g.done() ? "DONE" : "PENDING").put("results", results));
    });
    return new JsonObject().put("teams", teamRows).put("games", gameRows);
  }
}
