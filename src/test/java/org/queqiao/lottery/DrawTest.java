package org.queqiao.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The draw on its own: the same inputs give the same order, everyone once, seats kept, no position bias. */
class DrawTest {
  private static final String SECRET = "5f0c1e0a2b7d4c3e9a8b6f1d2c3e4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5";

  private static List<Draw.Applicant> applicants(int count, String... pools) {
    List<Draw.Applicant> list = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      list.add(new Draw.Applicant(n, pools[n % pools.length]));
    }
    return list;
  }

  @Test
  void theSameInputsGiveTheSameOrderAndAnotherSecretAnother() {
    List<Draw.Applicant> list = applicants(40, "main");
    Draw.Outcome once = Draw.run(SECRET, list, Map.of("main", 10));
    List<Draw.Applicant> shuffled = new ArrayList<>(list);
    java.util.Collections.reverse(shuffled);
    Draw.Outcome again = Draw.run(SECRET, shuffled, Map.of("main", 10));
    assertEquals(once, again, "the order the applicants are read in does not matter");
    assertEquals(once.applicantsSha256(), Draw.sha256Hex(Draw.canonicalList(list)));
    Draw.Outcome other = Draw.run(SECRET.replace('5', '6'), list, Map.of("main", 10));
    assertNotEquals(once.entries().stream().map(Draw.Entry::number).toList(),
        other.entries().stream().map(Draw.Entry::number).toList(), "another secret, another order");
    List<Draw.Applicant> oneMore = new ArrayList<>(list);
    oneMore.add(new Draw.Applicant(41, "main"));
    assertNotEquals(once.seed(), Draw.run(SECRET, oneMore, Map.of("main", 10)).seed(),
        "the seed depends on the list of applicants");
  }

  @Test
  void everyApplicantAppearsExactlyOnceAndEachPoolKeepsItsCapacity() {
    List<Draw.Applicant> list = applicants(101, "A", "B", "C");
    Map<String, Integer> seats = Map.of("A", 5, "B", 40, "C", 0);
    Draw.Outcome outcome = Draw.run(SECRET, list, seats);
    assertEquals(101, outcome.entries().size());
    Set<Integer> numbers = new HashSet<>();
    outcome.entries().forEach(e -> assertTrue(numbers.add(e.number()), "number " + e.number() + " twice"));
    assertEquals(101, numbers.size());
    for (String pool : List.of("A", "B", "C")) {
      List<Draw.Entry> inPool = outcome.entries().stream().filter(e -> e.pool().equals(pool)).toList();
      long won = inPool.stream().filter(Draw.Entry::won).count();
      assertEquals(Math.min(seats.get(pool), inPool.size()), won, "pool " + pool + " fills up to its seats");
      for (int i = 0; i < inPool.size(); i++) {
        Draw.Entry e = inPool.get(i);
        assertEquals(i + 1, e.position(), "positions follow the draw order within the pool");
        assertEquals(e.position() <= seats.get(pool), e.won(), "the first seats win, the rest wait");
      }
    }
    for (int i = 0; i < outcome.entries().size(); i++) {
      assertEquals(i + 1, outcome.entries().get(i).rank());
    }
  }

  /**
   * 2000 draws of 20 applicants for 5 places: each application number should win about a quarter
   * of the time. A chi-square over the 20 numbers (19 degrees of freedom) stays far below 43.8,
   * the 0.1% critical value, and no number wins outside 25% ± 5 points; the first and the last
   * to apply do no better than anyone else.
   */
  @Test
  void overManySeedsTheApplicationOrderGivesNoAdvantage() {
    int draws = 2000;
    int applicants = 20;
    int seats = 5;
    int[] wins = new int[applicants + 1];
    int[] firstPlace = new int[applicants + 1];
    List<Draw.Applicant> list = applicants(applicants, "main");
    for (int d = 0; d < draws; d++) {
      String secret = Draw.sha256Hex("secret-" + d);
      Draw.Outcome outcome = Draw.run(secret, list, Map.of("main", seats));
      outcome.entries().stream().filter(Draw.Entry::won).forEach(e -> wins[e.number()]++);
      firstPlace[outcome.entries().get(0).number()]++;
    }
    double expected = (double) draws * seats / applicants;
    double chiSquare = 0;
    for (int n = 1; n <= applicants; n++) {
      chiSquare += Math.pow(wins[n] - expected, 2) / expected;
      double rate = (double) wins[n] / draws;
      assertTrue(Math.abs(rate - 0.25) < 0.05, "number " + n + " won " + rate + " of the draws");
    }
    assertTrue(chiSquare < 43.8, "chi-square over the application numbers: " + chiSquare);
    double firstExpected = (double) draws / applicants;
    double firstChi = 0;
    for (int n = 1; n <= applicants; n++) {
      firstChi += Math.pow(firstPlace[n] - firstExpected, 2) / firstExpected;
    }
    assertTrue(firstChi < 43.8, "who is drawn first does not depend on the number either: " + firstChi);
  }

  @Test
  void aNameIsMaskedToItsFirstCharacter() {
    assertEquals("张*", Draw.mask("张三丰"));
    assertEquals("𠮷*", Draw.mask("𠮷野"), "a character outside the basic plane stays whole");
    assertEquals("A*", Draw.mask(" Alice "));
    assertEquals("*", Draw.mask(""));
    Map<String, Integer> none = new HashMap<>();
    assertEquals(List.of(), Draw.run(SECRET, List.of(), none).entries());
  }
}
