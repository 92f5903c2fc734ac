package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The round pairing as a property: over a whole evening of rounds, with random pool sizes (odd
 * numbers included) and random blocks and colleague pairs, no pair ever meets twice, no hidden pair
 * ever sits together, every table pairs the two pools, and every attendee either sits at exactly
 * one table or rests in each round. Each round also seats as many new pairs as possible (checked
 * against brute force on small evenings), so a rest is never handed out needlessly.
 */
class RoundPairingPropertyTest {

  record Evening(int women, int men, Set<RoundPairing.Pair> hidden, int rounds) {}

  @Provide
  Arbitrary<Evening> evenings() {
    return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(1, 12), Arbitraries.longs().between(0, Long.MAX_VALUE / 2))
        .as((women, men, rounds, seed) -> {
          java.util.Random random = new java.util.Random(seed);
          Set<RoundPairing.Pair> hidden = new HashSet<>();
          int total = women + men;
          for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
              if (random.nextInt(5) == 0) {
                hidden.add(new RoundPairing.Pair(id(i), id(j)));
              }
            }
          }
          return new Evening(women, men, hidden, rounds);
        });
  }

  private static long id(int i) {
    return 1000L + i * 7L;
  }

  @Property(tries = 300)
  void anEveningOfRoundsNeverRepeatsAPairNorSeatsAHiddenOne(@ForAll("evenings") Evening evening) {
    List<Long> women = new ArrayList<>();
    List<Long> men = new ArrayList<>();
    for (int i = 0; i < evening.women(); i++) {
      women.add(id(i));
    }
    for (int i = 0; i < evening.men(); i++) {
      men.add(id(evening.women() + i));
    }
    Set<RoundPairing.Pair> met = new HashSet<>();
    Map<Long, Integer> rests = new HashMap<>();
    for (int round = 1; round <= evening.rounds(); round++) {
      Set<RoundPairing.Pair> forbidden = new HashSet<>(met);
      forbidden.addAll(evening.hidden());
      RoundPairing.Seating seating = RoundPairing.seat(women, men, forbidden, rests);

      Set<Long> seen = new HashSet<>();
      for (RoundPairing.Pair table : seating.tables()) {
        assertTrue(met.add(table), "round " + round + " repeats the pair " + table);
        assertFalse(evening.hidden().contains(table), "round " + round + " seats a hidden pair " + table);
        assertTrue(women.contains(table.a()) != women.contains(table.b()), "a table pairs the two pools: " + table);
        assertTrue(seen.add(table.a()) && seen.add(table.b()), "someone sits at two tables: " + seating);
      }
      for (Long resting : seating.resting()) {
        assertTrue(seen.add(resting), "someone both sits and rests: " + seating);
        rests.merge(resting, 1, Integer::sum);
      }
      Set<Long> everyone = new HashSet<>(women);
      everyone.addAll(men);
      assertEquals(everyone, seen, "everyone sits or rests in round " + round);
      if (evening.women() + evening.men() <= 10) {
        assertEquals(maximum(women, men, forbidden), seating.tables().size(),
            "round " + round + " seats as many new pairs as possible");
      }
    }
  }

  /** The most pairs possible, by trying every assignment (small evenings only). */
  private static int maximum(List<Long> women, List<Long> men, Set<RoundPairing.Pair> forbidden) {
    return best(women, 0, men, new HashSet<>(), forbidden);
  }

  private static int best(List<Long> women, int i, List<Long> men, Set<Long> taken, Set<RoundPairing.Pair> forbidden) {
    if (i == women.size()) {
      return 0;
    }
    int most = best(women, i + 1, men, taken, forbidden);
    for (Long man : men) {
      if (!taken.contains(man) && !forbidden.contains(new RoundPairing.Pair(women.get(i), man))) {
        taken.add(man);
        most = Math.max(most, 1 + best(women, i + 1, men, taken, forbidden));
        taken.remove(man);
      }
    }
    return most;
  }

  @Example
  void withOddNumbersTheRestPassesAround() {
    List<Long> women = List.of(1L, 2L, 3L);
    List<Long> men = List.of(4L, 5L);
    Set<RoundPairing.Pair> met = new HashSet<>();
    Map<Long, Integer> rests = new HashMap<>();
    Set<Long> rested = new HashSet<>();
    for (int round = 0; round < 3; round++) {
      RoundPairing.Seating seating = RoundPairing.seat(women, men, met, rests);
      assertEquals(2, seating.tables().size(), "two tables each round: " + seating);
      assertEquals(1, seating.resting().size());
      met.addAll(seating.tables());
      seating.resting().forEach(id -> rests.merge(id, 1, Integer::sum));
      rested.addAll(seating.resting());
    }
    assertEquals(Set.of(1L, 2L, 3L), rested, "each woman rested once in three rounds");
  }
}
