package org.queqiao.accounts;

import com.nulabinc.zxcvbn.Zxcvbn;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Refuses passwords that attackers guess first: common passwords, words, keyboard sequences,
 * repeats (eight spaces), dates, and the member's own login or name. zxcvbn estimates the
 * guesses; a score under 2 (fewer than about 10^8 guesses) is too weak for a service that anyone
 * on the internet can try. Measured on a worker: it is CPU work of a few milliseconds.
 */
public final class PasswordStrength {
  static final int MIN_SCORE = 2;
  private static final int MEASURED_LENGTH = 64;
  private static final List<String> SITE_WORDS = List.of("queqiao", "鹊桥", "union", "gonghui", "工会");

  private final Vertx vertx;
  private final Zxcvbn zxcvbn = new Zxcvbn();

  /** Loads zxcvbn's dictionaries on a worker now (about 2 s), not in the first member's registration. */
  public PasswordStrength(Vertx vertx) {
    this.vertx = vertx;
    vertx.executeBlocking(() -> zxcvbn.measure("warm-up"), false);
  }

  /** Whether the password is too easy to guess; {@code personal} are the member's own words (login, names). */
  public Future<Boolean> isWeak(String password, List<String> personal) {
    if (password.isBlank()) {
      return Future.succeededFuture(true);
    }
    // Past this length the estimate only grows; zxcvbn's cost grows with the square of it.
    String measured = password.length() > MEASURED_LENGTH ? password.substring(0, MEASURED_LENGTH) : password;
    List<String> words = new java.util.ArrayList<>(SITE_WORDS);
    personal.stream().filter(w -> w != null && !w.isBlank()).forEach(words::add);
    return vertx.executeBlocking(() -> zxcvbn.measure(measured, words).getScore() < MIN_SCORE, false);
  }
}
