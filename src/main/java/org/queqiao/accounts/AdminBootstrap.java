package org.queqiao.accounts;

import io.vertx.core.Future;
import org.queqiao.users.LoginNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ADMIN_LOGIN / ADMIN_PASSWORD: after start-up that account exists, is an admin and has that
 * password (an existing account is promoted and its password reset to the configured one).
 */
public final class AdminBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private AdminBootstrap() {}

  public static Future<Void> ensureAdmin(String rawLogin, String password, AccountService accounts) {
    String login = LoginNames.normalise(rawLogin).orElseThrow(() ->
        new IllegalArgumentException("ADMIN_LOGIN must be a mobile number or an e-mail address"));
    if (password.length() < PasswordHasher.MIN_LENGTH) {
      return Future.failedFuture(new IllegalArgumentException("ADMIN_PASSWORD must have at least 8 characters"));
    }
    return accounts.ensureAdmin(login, password)
        .onSuccess(done -> LOG.info("Admin account {} is ready", login))
        .mapEmpty();
  }
}
