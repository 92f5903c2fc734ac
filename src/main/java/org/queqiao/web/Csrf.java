package org.queqiao.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens bound to the session. A signed-in browser's token is an HMAC of its session's id; a
 * visitor's is an HMAC of a random id in the {@code qq_csrf} cookie. So a token is worth nothing
 * with another session, cannot be made without the server's key, and changes when the session
 * does: at sign-in (a new session) and sign-out (a new visitor id). Every response carries it
 * masked with fresh random bytes, so a compressed page that also reflects what the visitor typed
 * leaks nothing about it through its length (BREACH).
 *
 * <p>Every page form post, and every /api state change that rides on the session cookie, must
 * send it back ({@code X-CSRF-Token} or {@code _csrf}), else 403. Bearer requests carry no ambient
 * credential and need none; sign-in and registration without a session are guarded by
 * {@link SameOrigin} and {@link InputRules} instead.
 */
public final class Csrf {
  public static final String COOKIE = "qq_csrf";
  public static final String HEADER = "X-CSRF-Token";
  public static final String FIELD = "_csrf";
  private static final String KEY = "csrfSecret";
  private static final int SIZE = 32;
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;
  private final boolean secureCookies;

  /** Derives its own key from the token signing secret, so CSRF tokens and sessions never share one. */
  public Csrf(byte[] secret, boolean secureCookies) {
    this.key = hmac(secret, "queqiao-csrf-v1");
    this.secureCookies = secureCookies;
  }

  /** The token to render into this response: the session's, masked anew on every call. */
  public static String token(RoutingContext ctx) {
    byte[] secret = ctx.get(KEY);
    if (secret == null) {
      return "";
    }
    byte[] masked = new byte[2 * SIZE];
    byte[] pad = new byte[SIZE];
    RANDOM.nextBytes(pad);
    for (int i = 0; i < SIZE; i++) {
      masked[i] = pad[i];
      masked[SIZE + i] = (byte) (pad[i] ^ secret[i]);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(masked);
  }

  /** A new visitor id: after sign-in and sign-out, a token from before is worth nothing. */
  public static void rotate(RoutingContext ctx, boolean secureCookies) {
    ctx.response().addCookie(visitorCookie(newVisitorId(), secureCookies));
  }

  public void handle(RoutingContext ctx) {
    if (Credentials.bearerToken(ctx).isPresent()) {
      ctx.next();
      return;
    }
    boolean api = ctx.normalizedPath().startsWith("/api/");
    Optional<String> session = Credentials.cookieSession(ctx);
    Cookie visitorCookie = ctx.request().getCookie(COOKIE);
    String visitor = visitorCookie == null || visitorCookie.getValue().length() < 32 ? null : visitorCookie.getValue();
    if (session.isEmpty() && visitor == null && !api) {
      visitor = newVisitorId();
      ctx.response().addCookie(visitorCookie(visitor, secureCookies));
    }
    byte[] expected = session.map(id -> hmac(key, "session|" + id))
        .orElse(visitor == null ? null : hmac(key, "visitor|" + visitor));
    if (expected != null) {
      ctx.put(KEY, expected);
    }
    boolean ridesOnSession = !api || ctx.request().getCookie(Credentials.SESSION_COOKIE) != null;
    if (SAFE.contains(ctx.request().method()) || !ridesOnSession) {
      ctx.next();
      return;
    }
    String sent = ctx.request().getHeader(HEADER);
    if (sent == null) {
      sent = ctx.request().getFormAttribute(FIELD);
    }
    if (expected == null || !matches(sent, expected)) {
      ctx.fail(ApiError.csrfInvalid());
      return;
    }
    ctx.next();
  }

  private static boolean matches(String sent, byte[] expected) {
    if (sent == null) {
      return false;
    }
    byte[] masked;
    try {
      masked = Base64.getUrlDecoder().decode(sent.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (masked.length != 2 * SIZE) {
      return false;
    }
    byte[] unmasked = new byte[SIZE];
    for (int i = 0; i < SIZE; i++) {
      unmasked[i] = (byte) (masked[i] ^ masked[SIZE + i]);
    }
    return MessageDigest.isEqual(unmasked, expected);
  }

  private static Cookie visitorCookie(String value, boolean secureCookies) {
    return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSecure(secureCookies)
        .setSameSite(CookieSameSite.LAX);
  }

  private static String newVisitorId() {
    byte[] bytes = new byte[SIZE];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
