package org.queqiao.users;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.queqiao.auth.AccountService;
import org.queqiao.auth.PasswordHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ADMIN_LOGIN / ADMIN_PASSWORD: after start-up that account exists, is an admin and has that
 * password (an existing account is promoted and its password reset to the configured one).
 */
public final class AdminBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private AdminBootstrap() {}

  public static Future<Void> ensureAdmin(String rawLogin, String password, UserRepository users,
      AccountService accounts, PasswordHasher hasher) {
    String login = LoginNames.normalise(rawLogin).orElseThrow(() ->
        new IllegalArgumentException("ADMIN_LOGIN must be a mobile number or an e-mail address"));
    if (password.length() < PasswordHasher.MIN_LENGTH) {
      return Future.failedFuture(new IllegalArgumentException("ADMIN_PASSWORD must have at least 8 characters"));
    }
    return users.findCredentials(login).compose(existing -> {
      Future<Long> id = existing.isPresent()
          ? hasher.hash(password).compose(hash -> users.setPassword(existing.get().userId(), hash))
              .map(done -> existing.get().userId())
          : accounts.register(new JsonObject(Map.of("login", login, "password", password, "displayName", "管理员")))
              .map(User::id);
      return id.compose(userId -> users.grantRole(userId, Role.ADMIN))
          .onSuccess(done -> LOG.info("Admin account {} is ready", login));
    });
  }
}
