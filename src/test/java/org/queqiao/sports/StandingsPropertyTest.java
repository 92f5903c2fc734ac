package org.queqiao.sports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The standings against the rules of contract §13 stated directly, for many random days with many
 * ties (values drawn from a handful): a team's place in a game is one more than the number of
 * teams strictly better; it earns that place's points and medal; a team's rank is one more than
 * the number of teams with more points, or as many points and more first places. The order in
 * which results were entered changes nothing.
 */
class StandingsPropertyTest {

  record Day(List<String> teams, List<Game> games, Map<String, List<Standings.Result>> results, long seed) {}

  @Provide
  Arbitrary<Day> days() {
    Arbitrary<Integer> teamCount = Arbitraries.integers().between(2, 7);
    return Combinators.combine(teamCount, Arbitraries.integers().between(1, 6), Arbitraries.longs())
        .as((n, gameCount, seed) -> {
          Random random = new Random(seed);
          List<String> teams = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            teams.add("t" + i);
          }
          List<Game> games = new ArrayList<>();
          Map<String, List<Standings.Result>> results = new HashMap<>();
          for (int g = 0; g < gameCount; g++) {
            Scoring scoring = Scoring.values()[random.nextInt(3)];
            List<Integer> points = new ArrayList<>();
            int top = random.nextInt(10) + 1;
            for (int p = 0, size = random.nextInt(6) + 1; p < size; p++) {
              points.add(top);
              top = Math.max(0, top - random.nextInt(3));
            }
            Game game = new Game("g" + g, "game " + g, scoring, null, points, 0, 0, null, null, 1);
            games.add(game);
            List<Standings.Result> sheet = new ArrayList<>();
            for (String team : teams) {
              if (random.nextInt(5) > 0) {
                int value = scoring == Scoring.PLACE ? random.nextInt(n) + 1 : random.nextInt(4);
                sheet.add(new Standings.Result(team, scoring == Scoring.TIME_ASC
                    ? BigDecimal.valueOf(10 + value).add(new BigDecimal("0.5")) : BigDecimal.valueOf(value)));
              }
            }
            if (!sheet.isEmpty() || random.nextBoolean()) {
              results.put(game.key(), sheet);
            }
          }
          return new Day(teams, games, results, seed);
        });
  }

  @Property(tries = 400)
  void everyPlacePointMedalAndRankFollowsTheRules(@ForAll("days") Day day) {
    Standings standings = Standings.of(day.teams(), day.games(), day.results());
    Map<String, int[]> expected = new HashMap<>();
    day.teams().forEach(t -> expected.put(t, new int[4]));
    for (Standings.GameRow row : standings.games()) {
      Game game = row.game();
      List<Standings.Result> sheet = day.results().getOrDefault(game.key(), List.of());
      assertEquals(sheet.size(), row.results().size());
      for (Standings.Placed placed : row.results()) {
        BigDecimal value = placed.value();
        long better = sheet.stream().filter(r -> game.scoring().compare(r.value(), value) < 0).count();
        assertEquals(better + 1, placed.place(), () -> "place of " + placed + " in " + sheet);
        assertEquals(game.pointsFor(placed.place()), placed.points());
        assertEquals(placed.place() == 1 ? "GOLD" : placed.place() == 2 ? "SILVER" : placed.place() == 3 ? "BRONZE" : null,
            placed.medal());
        int[] total = expected.get(placed.team());
        total[0] += placed.points();
        if (placed.place() <= 3) {
          total[placed.place()]++;
        }
      }
      for (int i = 1; i < row.results().size(); i++) {
        assertTrue(row.results().get(i - 1).place() <= row.results().get(i).place(), "best first");
      }
    }
    assertEquals(day.teams().size(), standings.teams().size());
    for (int i = 0; i < standings.teams().size(); i++) {
      Standings.TeamRow row = standings.teams().get(i);
      int[] total = expected.get(row.team());
      assertEquals(List.of(total[0], total[1], total[2], total[3]), List.of(row.points(), row.gold(), row.silver(),
          row.bronze()), row.team());
      long ahead = standings.teams().stream().filter(o -> o.points() > row.points()
          || o.points() == row.points() && o.gold() > row.gold()).count();
      assertEquals(ahead + 1, row.rank(), () -> row + " in " + standings.teams());
      if (i > 0) {
        assertTrue(standings.teams().get(i - 1).rank() <= row.rank(), "listed by rank");
      }
    }
  }

  @Property(tries = 200)
  void theOrderOfEntryChangesNothing(@ForAll("days") Day day) {
    Map<String, List<Standings.Result>> shuffled = new HashMap<>();
    Random random = new Random(day.seed() ^ 0x5EED);
    day.results().forEach((game, sheet) -> {
      List<Standings.Result> copy = new ArrayList<>(sheet);
      Collections.shuffle(copy, random);
      shuffled.put(game, copy);
    });
    List<String> teams = new ArrayList<>(day.teams());
    Standings original = Standings.of(teams, day.games(), day.results());
    Standings reordered = Standings.of(teams, day.games(), shuffled);
    assertEquals(byTeam(original), byTeam(reordered));
  }

  /** A correction replaces its game's sheet: the totals are always the sum of what the current sheets earn. */
  @Property(tries = 200)
  void theTotalsAreTheSumOfTheCurrentSheetsAfterACorrection(@ForAll("days") Day day, @ForAll("days") Day other) {
    Map<String, List<Standings.Result>> corrected = new HashMap<>(day.results());
    List<Standings.Result> correction = other.results().values().stream().findFirst().orElse(List.of()).stream()
        .filter(r -> day.teams().contains(r.team())).toList();
    corrected.put(day.games().get(0).key(), correction);
    Standings standings = Standings.of(day.teams(), day.games(), corrected);
    int earned = standings.games().stream().flatMap(g -> g.results().stream()).mapToInt(Standings.Placed::points).sum();
    assertEquals(earned, standings.teams().stream().mapToInt(Standings.TeamRow::points).sum(), "no point lost or doubled");
    Standings.GameRow first = standings.games().get(0);
    assertEquals(correction.size(), first.results().size(), "the old sheet of the corrected game counts no more");
  }

  private static Map<String, Standings.TeamRow> byTeam(Standings standings) {
    Map<String, Standings.TeamRow> rows = new HashMap<>();
    standings.teams().forEach(t -> rows.put(t.team(), t));
    return rows;
  }
}
