package org.queqiao.mixer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seats one round of a speed-dating mixer: pairs across the two pools, each pair at most once per
 * mixer and never two people hidden from each other (a block, the colleague firewall). A pure
 * function: the most new pairs possible (a maximum bipartite matching, Kuhn's augmenting paths),
 * everyone else rests. Those who rested most so far are tried first, and an augmenting path never
 * unseats someone already seated, so a rest passes around instead of falling on the same people.
 */
public final class RoundPairing {
  private RoundPairing() {}

  /** Two people, in order, so that (a, b) and (b, a) are one pair. */
  public record Pair(long a, long b) {
    public Pair {
      if (a > b) {
        long t = a;
        a = b;
        b = t;
      }
    }
  }

  /** Tables in order (table n is {@code tables.get(n - 1)}) and who rests. */
  public record Seating(List<Pair> tables, List<Long> resting) {}

  public static Seating seat(List<Long> left, List<Long> right, Set<Pair> forbidden, Map<Long, Integer> restsSoFar) {
    Comparator<Long> restedMostFirst = Comparator.<Long>comparingInt(id -> -restsSoFar.getOrDefault(id, 0))
        .thenComparing(Comparator.naturalOrder());
    List<Long> lefts = left.stream().distinct().sorted(restedMostFirst).toList();
    List<Long> rights = right.stream().distinct().sorted(restedMostFirst).toList();
    Map<Long, List<Long>> candidates = new HashMap<>();
    for (Long l : lefts) {
      List<Long> options = new ArrayList<>();
      for (Long r : rights) {
        if (!l.equals(r) && !forbidden.contains(new Pair(l, r))) {
          options.add(r);
        }
      }
      candidates.put(l, options);
    }
    Map<Long, Long> partnerOfRight = new HashMap<>();
    for (Long l : lefts) {
      augment(l, candidates, partnerOfRight, new HashSet<>());
    }
    Map<Long, Long> partnerOfLeft = new HashMap<>();
    partnerOfRight.forEach((r, l) -> partnerOfLeft.put(l, r));
    List<Pair> tables = new ArrayList<>();
    List<Long> resting = new ArrayList<>();
    for (Long l : lefts) {
      Long r = partnerOfLeft.get(l);
      if (r == null) {
        resting.add(l);
      } else {
        tables.add(new Pair(l, r));
      }
    }
    for (Long r : rights) {
      if (!partnerOfRight.containsKey(r)) {
        resting.add(r);
      }
    }
    return new Seating(List.copyOf(tables), List.copyOf(resting));
  }

  private static boolean augment(Long l, Map<Long, List<Long>> candidates, Map<Long, Long> partnerOfRight,
      Set<Long> visited) {
    for (Long r : candidates.get(l)) {
      if (visited.add(r)) {
        Long current = partnerOfRight.get(r);
        if (current == null || augment(current, candidates, partnerOfRight, visited)) {
          partnerOfRight.put(r, l);
          return true;
        }
      }
    }
    return false;
  }
}
