package org.queqiao.accounts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.queqiao.auth.CurrentUser;
import org.queqiao.auth.RevokedTokenRepository;
import org.queqiao.auth.TokenService;
import org.queqiao.users.LoginNames;
import org.queqiao.users.ProfileInput;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.users.UserRepository;
import org.queqiao.web.ApiError;

/**
 * Having an account: registration, sign-in and sign-out, the profile, and the admin's roles. The
 * rules that span users, passwords, throttling and tokens; this service owns their transactions.
 */
public final class AccountService {
  private final Pool pool;
  private final RevokedTokenRepository revoked;
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final TokenService tokens;

  public AccountService(Pool pool, RevokedTokenRepository revoked, UserRepository users, PasswordHasher hasher,
      LoginThrottle throttle, TokenService tokens) {
    this.pool = pool;
    this.revoked = revoked;
    this.users = users;
    this.hasher = hasher;
    this.throttle = throttle;
    this.tokens = tokens;
  }

  public record Session(TokenService.Issued token, User user) {}

  public Future<User> register(JsonObject body) {
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<String> login = LoginNames.normalise(body.getValue("login") instanceof String s ? s : null);
    if (login.isEmpty()) {
      errors.put("login", body.getValue("login") == null ? "field.login.required" : "field.login.invalid");
    }
    String password = body.getValue("password") instanceof String s ? s : null;
    if (password == null || password.length() < PasswordHasher.MIN_LENGTH) {
      errors.put("password", "field.password.tooShort");
    } else if (password.length() > PasswordHasher.MAX_LENGTH) {
      errors.put("password", "field.password.tooLong");
    }
    ProfileInput profile = ProfileInput.parse(body, true, errors);
    if (!errors.isEmpty()) {
      return Future.failedFuture(ApiError.validation(errors));
    }
    return hasher.hash(password)
        .compose(hash -> users.insert(pool, new UserRepository.NewUser(login.get(), hash, profile)))
        .recover(AccountErrors::translate);
  }

  /** Wrong login and wrong password get the same refusal, after the same amount of work. */
  public Future<Session> login(Object rawLogin, Object rawPassword, String clientAddress) {
    String typed = rawLogin instanceof String s ? s : "";
    String password = rawPassword instanceof String s ? s : "";
    Map<String, String> errors = new LinkedHashMap<>();
    if (typed.isBlank()) {
      errors.put("login", "field.login.required");
    }
    if (password.isEmpty()) {
      errors.put("password", "field.password.required");
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(ApiError.validation(errors));
    }
    String login = LoginNames.normalise(typed).orElse(typed.strip().toLowerCase());
    String candidate = password.length() > PasswordHasher.MAX_LENGTH ? "" : password;
    return throttle.countAttempt(login, clientAddress)
        .compose(counted -> users.findCredentials(pool, login))
        .compose(credentials -> hasher.verify(candidate, credentials.map(UserRepository.Credentials::passwordHash).orElse(null))
            .compose(ok -> ok
                ? users.findById(pool, credentials.get().userId())
                : Future.failedFuture(AccountErrors.invalidCredentials())))
        .compose(user -> throttle.succeeded(login, clientAddress).map(done -> {
          User u = user.orElseThrow();
          return new Session(tokens.issue(u), u);
        }));
  }

  /** A session for a member who has just proven who they are (registration). */
  public Session startSession(User user) {
    return new Session(tokens.issue(user), user);
  }

  public Future<Void> logout(CurrentUser current) {
    return revoked.revoke(pool, current.tokenId(), current.tokenExpiresAt());
  }

  public Future<User> updateProfile(User user, ProfileInput profile) {
    return users.updateProfile(pool, user.id(), profile)
        .recover(AccountErrors::translate)
        .map(Optional::orElseThrow);
  }

  /** The admin replaces a user's roles; an admin cannot take their own admin role away. */
  public Future<Optional<User>> replaceRoles(User admin, long userId, Set<Role> roles) {
    if (admin.id() == userId && !roles.contains(Role.ADMIN)) {
      return Future.failedFuture(AccountErrors.cannotDemoteSelf());
    }
    return pool.withTransaction(conn -> users.replaceRoles(conn, userId, roles));
  }

  public Future<List<User>> search(String query, int limit) {
    return users.search(pool, query, limit);
  }

  /** Whether this is the member's password (for a step that must be confirmed with it). */
  public Future<Boolean> checkPassword(User user, Object password) {
    String candidate = password instanceof String s && s.length() <= PasswordHasher.MAX_LENGTH ? s : "";
    return users.findCredentials(pool, user.login())
        .compose(credentials -> hasher.verify(candidate, credentials.map(UserRepository.Credentials::passwordHash)
            .orElse(null)));
  }

  /** ADMIN_LOGIN / ADMIN_PASSWORD: that account exists, is an admin and has that password. */
  public Future<Long> ensureAdmin(String login, String password) {
    return users.findCredentials(pool, login).compose(existing -> {
      Future<Long> id = existing.isPresent()
          ? hasher.hash(password).compose(hash -> users.setPassword(pool, existing.get().userId(), hash))
              .map(done -> existing.get().userId())
          : register(new JsonObject(Map.of("login", login, "password", password, "displayName", "管理员")))
              .map(User::id);
      return id.compose(userId -> users.grantRole(pool, userId, Role.ADMIN).map(userId));
    });
  }
}
