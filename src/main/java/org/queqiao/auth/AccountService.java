package org.queqiao.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.queqiao.users.LoginNames;
import org.queqiao.users.ProfileInput;
import org.queqiao.users.User;
import org.queqiao.users.UserRepository;
import org.queqiao.web.ApiError;

/** Registration, sign-in and sign-out: the rules that span users, passwords, throttling and tokens. */
public final class AccountService {
  private final RevokedTokenRepository revoked;
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final TokenService tokens;

  public AccountService(RevokedTokenRepository revoked, UserRepository users, PasswordHasher hasher, LoginThrottle throttle, TokenService tokens) {
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
        .compose(hash -> users.insert(new UserRepository.NewUser(login.get(), hash, profile)));
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
        .compose(counted -> users.findCredentials(login))
        .compose(credentials -> hasher.verify(candidate, credentials.map(UserRepository.Credentials::passwordHash).orElse(null))
            .compose(ok -> ok
                ? users.findById(credentials.get().userId())
                : Future.failedFuture(new ApiError(401, "INVALID_CREDENTIALS", "error.invalidCredentials"))))
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
    return revoked.revoke(current.tokenId(), current.tokenExpiresAt());
  }
}
