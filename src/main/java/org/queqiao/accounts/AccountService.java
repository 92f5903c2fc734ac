package org.queqiao.accounts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.queqiao.auth.AttemptThrottle;
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
  private final PasswordStrength strength;
  private final AttemptThrottle registrations;

  public AccountService(Pool pool, RevokedTokenRepository revoked, UserRepository users, PasswordHasher hasher,
      LoginThrottle throttle, TokenService tokens, PasswordStrength strength, AttemptThrottle registrations) {
    this.pool = pool;
    this.revoked = revoked;
    this.users = users;
    this.hasher = hasher;
    this.throttle = throttle;
    this.tokens = tokens;
    this.strength = strength;
    this.registrations = registrations;
  }

  public record Session(TokenService.Issued token, User user) {}

  /**
   * A new member. Registrations are counted per client address (429 past the hourly limit), and a
   * password that is easy to guess is refused with advice (400).
   */
  public Future<User> register(JsonObject body, String clientAddress) {
    return create(body, clientAddress);
  }

  private Future<User> create(JsonObject body, String clientAddress) {
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<String> login = LoginNames.normalise(body.getValue("login") instanceof String s ? s : null);
    if (login.isEmpty()) {
      errors.put("login", body.getValue("login") == null ? "field.login.required"
          : LoginNames.hasInvisible(String.valueOf(body.getValue("login"))) ? "field.login.invisible" : "field.login.invalid");
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
    // The bootstrap admin (no client address) is the operator's choice, made in the environment.
    Future<Void> allowed = clientAddress == null ? Future.succeededFuture()
        : registrations.count(clientAddress)
            .compose(counted -> strength.isWeak(password, personalWords(login.get(), profile)))
            .compose(weak -> weak ? Future.failedFuture(AccountErrors.weakPassword("password")) : Future.succeededFuture());
    return allowed
        .compose(ok -> hasher.hash(password))
        .compose(hash -> users.insert(pool, new UserRepository.NewUser(login.get(), hash, profile)))
        .recover(AccountErrors::translate);
  }

  private static List<String> personalWords(String login, ProfileInput profile) {
    List<String> words = new java.util.ArrayList<>(List.of(login));
    if (login.contains("@")) {
      words.add(login.substring(0, login.indexOf('@')));
    }
    words.add(profile.displayName().value());
    words.add(profile.nickname().value());
    return words;
  }

  /**
   * A signed-in member sets a new password, proving the current one (guesses count like sign-ins);
   * every other session of theirs ends, on every instance, in the same transaction.
   */
  public Future<Void> changePassword(CurrentUser current, Object rawCurrent, Object rawNew, String clientAddress) {
    String currentPassword = rawCurrent instanceof String s ? s : "";
    String newPassword = rawNew instanceof String s ? s : null;
    Map<String, String> errors = new LinkedHashMap<>();
    if (currentPassword.isEmpty()) {
      errors.put("currentPassword", "field.password.required");
    }
    if (newPassword == null || newPassword.length() < PasswordHasher.MIN_LENGTH) {
      errors.put("newPassword", "field.password.tooShort");
    } else if (newPassword.length() > PasswordHasher.MAX_LENGTH) {
      errors.put("newPassword", "field.password.tooLong");
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(ApiError.validation(errors));
    }
    User user = current.user();
    String candidate = currentPassword.length() > PasswordHasher.MAX_LENGTH ? "" : currentPassword;
    return throttle.countAttempt(user.login(), clientAddress)
        .compose(counted -> users.findCredentials(pool, user.login()))
        .compose(credentials -> hasher.verify(candidate, credentials.map(UserRepository.Credentials::passwordHash).orElse(null)))
        .compose(ok -> ok ? throttle.succeeded(user.login(), clientAddress)
            : Future.failedFuture(AccountErrors.wrongCurrentPassword()))
        .compose(verified -> strength.isWeak(newPassword, List.of(user.login(), user.displayName(),
            user.nickname() == null ? "" : user.nickname(), currentPassword)))
        .compose(weak -> weak ? Future.failedFuture(AccountErrors.weakPassword("newPassword")) : hasher.hash(newPassword))
        .compose(hash -> pool.withTransaction(conn -> users.setPassword(conn, user.id(), hash)
            .compose(set -> users.endSessions(conn, user.id(), current.tokenId(), java.time.Instant.now()))));
  }

  /** Ends every session of the member, this one included, on every instance. */
  public Future<Void> logoutEverywhere(CurrentUser current) {
    return pool.withTransaction(conn -> users.endSessions(conn, current.user().id(), null, java.time.Instant.now())
        .compose(ended -> revoked.revoke(conn, current.tokenId(), current.tokenExpiresAt())));
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
          : create(new JsonObject(Map.of("login", login, "password", password, "displayName", "管理员")), null)
              .map(User::id);
      return id.compose(userId -> users.grantRole(pool, userId, Role.ADMIN).map(userId));
    });
  }
}
