package org.queqiao.lottery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The draw itself, with nothing but its inputs, so that anyone can run it again from what the
 * draw page publishes (docs/lottery.md spells out each step; a test re-implements it
 * independently). Version {@value #ALGORITHM}:
 * <ol>
 *   <li>applicant list = one line {@code number,pool\n} per applicant, by number ascending (UTF-8);
 *       {@code applicantsSha256} = hex SHA-256 of it;</li>
 *   <li>{@code seed} = hex SHA-256 of the text {@code secret + applicantsSha256} (the secret was
 *       committed to by its SHA-256 before registration opened);</li>
 *   <li>each applicant's ticket = hex HMAC-SHA256 with the seed's text as key and the decimal
 *       number as message; the draw order is by ticket ascending;</li>
 *   <li>walking that order, each pool's free seats go to its first applicants (CONFIRMED), the
 *       rest of the pool is waitlisted in the same order; position = place in the pool's order.</li>
 * </ol>
 * HMAC is a pseudo-random function of the seed, so the order is a uniformly random permutation
 * whatever the numbers: applying early or late gains nothing.
 */
public final class Draw {
  public static final String ALGORITHM = "queqiao-lottery-v1";
  public static final String CONFIRMED = "CONFIRMED";
  public static final String WAITLISTED = "WAITLISTED";

  private Draw() {}

  public record Applicant(int number, String pool) {}

  /** One applicant's place: {@code rank} in the whole draw order, {@code position} in its pool's. */
  public record Entry(int number, String pool, int rank, int position, String status) {
    public boolean won() {
      return CONFIRMED.equals(status);
    }
  }

  public record Outcome(String applicantsSha256, String seed, List<Entry> entries) {}

  /** Draws; {@code seats} is each pool's free seats (a pool not named has none). */
  public static Outcome run(String secret, List<Applicant> applicants, Map<String, Integer> seats) {
    String listHash = sha256Hex(canonicalList(applicants));
    String seed = seed(secret, listHash);
    List<Applicant> order = new ArrayList<>(applicants);
    Map<Integer, String> tickets = new HashMap<>();
    order.forEach(a -> tickets.put(a.number(), ticket(seed, a.number())));
    order.sort(Comparator.comparing((Applicant a) -> tickets.get(a.number())).thenComparingInt(Applicant::number));
    Map<String, Integer> placed = new HashMap<>();
    List<Entry> entries = new ArrayList<>();
    int rank = 0;
    for (Applicant a : order) {
      int position = placed.merge(a.pool(), 1, Integer::sum);
      boolean won = position <= seats.getOrDefault(a.pool(), 0);
      entries.add(new Entry(a.number(), a.pool(), ++rank, position, won ? CONFIRMED : WAITLISTED));
    }
    return new Outcome(listHash, seed, List.copyOf(entries));
  }

  public static String canonicalList(List<Applicant> applicants) {
    StringBuilder text = new StringBuilder();
    applicants.stream().sorted(Comparator.comparingInt(Applicant::number))
        .forEach(a -> text.append(a.number()).append(',').append(a.pool()).append('\n'));
    return text.toString();
  }

  public static String seed(String secret, String applicantsSha256) {
    return sha256Hex(secret + applicantsSha256);
  }

  public static String ticket(String seed, int number) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(seed.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(Integer.toString(number).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  public static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** What the public list shows of a name: its first character and a star (张*). */
  public static String mask(String displayName) {
    if (displayName == null || displayName.isBlank()) {
      return "*";
    }
    String name = displayName.strip();
    return name.substring(0, name.offsetByCodePoints(0, 1)) + "*";
  }
}
