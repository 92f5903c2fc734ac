package org.queqiao.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Argon2id (OWASP's recommended parameters: 19 MiB, 2 passes) on worker threads: hashing takes
 * tens of milliseconds and must never run on an event loop.
 */
public final class PasswordHasher {
  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 128;
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);

  private final Vertx vertx;
  // Verified when a login names no account, so both cases take the same time.
  private final String decoy;

  public PasswordHasher(Vertx vertx) {
    this.vertx = vertx;
    this.decoy = hashNow("decoy password that no account has");
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  public Future<Boolean> verify(String password, String hash) {
    String against = hash == null ? decoy : hash;
    return vertx.executeBlocking(() -> {
      boolean ok = Password.check(password, against).with(Argon2Function.getInstanceFromHash(against));
      return ok && hash != null;
    }, false);
  }

  public static String hashNow(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
  }
}
