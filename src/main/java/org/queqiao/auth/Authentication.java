package org.queqiao.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import io.vertx.sqlclient.SqlClient;
import org.queqiao.users.Role;
import org.queqiao.users.UserRepository;
import org.queqiao.web.ApiError;
import org.queqiao.web.Credentials;
import org.queqiao.web.Csrf;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * Establishes who is asking (Bearer header first, then the session cookie) and guards routes.
 * The user and the token's revocation are read from PostgreSQL on each request, so a logout or a
 * role change on one instance holds on all of them at once.
 */
public final class Authentication {
  public static final String SESSION_COOKIE = Credentials.SESSION_COOKIE;
  private static final String BAD_TOKEN = "badToken";

  private final TokenService tokens;
  private final UserRepository users;
  private final SqlClient reads;
  private final boolean secureCookies;

  /** {@code reads} is the pipelined client for the per-request session lookup ({@link org.queqiao.db.ReadClient}). */
  public Authentication(TokenService tokens, UserRepository users, SqlClient reads, boolean secureCookies) {
    this.tokens = tokens;
    this.users = users;
    this.reads = reads;
    this.secureCookies = secureCookies;
  }

  /** Attaches the current user when the request carries a valid token; never refuses by itself. */
  public void identify(RoutingContext ctx) {
    if (CurrentUser.of(ctx).isPresent()) {
      ctx.next(); // already identified on an upload's route, before its body was read
      return;
    }
    Optional<String> bearer = Credentials.bearerToken(ctx);
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    Optional<String> token = bearer.or(() -> Optional.ofNullable(cookie).map(Cookie::getValue));
    if (token.isEmpty() || token.get().isEmpty()) {
      ctx.next();
      return;
    }
    Optional<TokenService.Verified> verified = tokens.verify(token.get());
    if (verified.isEmpty()) {
      ctx.put(BAD_TOKEN, true);
      ctx.next();
      return;
    }
    TokenService.Verified claims = verified.get();
    users.findForSession(reads, claims.userId(), claims.id(), claims.issuedAt(), rendersBadge(ctx))
        .onSuccess(found -> {
          if (found.isPresent()) {
            new CurrentUser(found.get().user(), claims.id(), claims.issuedAt(), claims.expiresAt(),
                found.get().unreadNotifications()).attachTo(ctx);
            if (bearer.isEmpty()) {
              Credentials.cookieSession(ctx, claims.id().toString());
            }
          } else {
            ctx.put(BAD_TOKEN, true);
          }
          ctx.next();
        })
        .onFailure(ctx::fail);
  }

  /**
   * The session of this request as it is now: empty once it was signed out (here or anywhere), its
   * account is gone, or it expired. For long-lived responses (the live streams) that must end with it.
   */
  public Future<Optional<CurrentUser>> recheck(CurrentUser current) {
    if (!Instant.now().isBefore(current.tokenExpiresAt())) {
      return Future.succeededFuture(Optional.empty());
    }
    return users.findForSession(reads, current.user().id(), current.tokenId(), current.tokenIssuedAt(), false)
        .map(found -> found.map(session -> new CurrentUser(session.user(), current.tokenId(), current.tokenIssuedAt(),
            current.tokenExpiresAt(), null)));
  }

  /**
   * Whether this request is a page view whose header shows the unread badge and that changes
   * nothing before it renders (so the count read now is still true when the page is drawn).
   */
  private static boolean rendersBadge(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    return (method == HttpMethod.GET || method == HttpMethod.HEAD) && !ctx.normalizedPath().startsWith("/api/");
  }

  public void requireUser(RoutingContext ctx) {
    if (CurrentUser.of(ctx).isPresent()) {
      ctx.next();
    } else if (Boolean.TRUE.equals(ctx.get(BAD_TOKEN))) {
      ctx.fail(AuthErrors.invalidToken());
    } else {
      ctx.fail(ApiError.unauthorized());
    }
  }

  /** Lets the request through when the user has any of the roles. */
  public Handler<RoutingContext> requireRole(Role... roles) {
    return ctx -> {
      Optional<CurrentUser> current = CurrentUser.of(ctx);
      if (current.isEmpty()) {
        requireUser(ctx);
      } else if (java.util.Arrays.stream(roles).anyMatch(current.get().user()::has)) {
        ctx.next();
      } else {
        ctx.fail(ApiError.forbidden());
      }
    };
  }

  public void setSessionCookie(RoutingContext ctx, TokenService.Issued issued) {
    ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, issued.token())
        .setPath("/")
        .setHttpOnly(true)
        .setSecure(secureCookies)
        .setSameSite(CookieSameSite.LAX)
        .setMaxAge(tokens.lifetime().toSeconds()));
    Csrf.rotate(ctx, secureCookies);
  }

  public void clearSessionCookie(RoutingContext ctx) {
    ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, "")
        .setPath("/")
        .setHttpOnly(true)
        .setSecure(secureCookies)
        .setSameSite(CookieSameSite.LAX)
        .setMaxAge(0));
    Csrf.rotate(ctx, secureCookies);
  }
}
