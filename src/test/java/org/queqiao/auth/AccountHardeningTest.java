package org.queqiao.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/**
 * Issue 14, defects 6 and 9 (contract §10): registration refuses guessable passwords and is
 * throttled per address; a session lasts SESSION_HOURS from its issue whatever its expiry claims;
 * a password change signs out every other session, and a member can sign out everywhere.
 */
class AccountHardeningTest {
  private final Api api = TestApp.api();

  private Api.Response register(Api via, String password) {
    return via.post("/api/auth/register", new JsonObject().put("login", Api.newPhone()).put("password", password)
        .put("displayName", "密码测试"), null);
  }

  @Test
  void commonAndTriviallyWeakPasswordsAreRefusedWithAdvice() {
    String phone = Api.newPhone();
    for (String weak : List.of("12345678", "password", "        ", "qwertyuiop", "11111111", phone)) {
      Api.Response refused = api.post("/api/auth/register", new JsonObject().put("login", phone).put("password", weak)
          .put("displayName", "弱密码"), null);
      assertEquals(400, refused.status(), "'" + weak + "': " + refused);
      assertEquals("WEAK_PASSWORD", refused.errorCode(), refused.body());
      String advice = refused.json().getJsonObject("error").getJsonObject("fields").getString("password");
      assertTrue(advice.contains("12345678") && advice.contains("更长"), "the message says what to do: " + advice);
    }
    assertEquals(201, register(api, "paper-lantern-river-7").status(), "a passphrase is fine");
  }

  @Test
  void registrationIsThrottledPerClientAddress() throws Exception {
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "register-limit-"));
    env.put("DATABASE_URL", TestApp.databaseUrl());
    env.put("REGISTRATIONS_PER_ADDRESS_PER_HOUR", "3");
    env.put("TRUST_FORWARDED_FOR", "true");
    try (Application limited = Application.start(AppConfig.fromEnvironment(env))) {
      Api via = new Api("http://127.0.0.1:" + limited.port());
      String address = "203.0.113." + (1 + (int) (Math.random() * 250));
      Map<String, String> from = Map.of("X-Forwarded-For", address);
      for (int i = 0; i < 3; i++) {
        Api.Response ok = via.send("/api/auth/register", "POST", new JsonObject().put("login", Api.newPhone())
            .put("password", "paper-lantern-river-" + i).put("displayName", "批量"), null, from);
        assertEquals(201, ok.status(), ok.toString());
      }
      Api.Response refused = via.send("/api/auth/register", "POST", new JsonObject().put("login", Api.newPhone())
          .put("password", "paper-lantern-river-9").put("displayName", "批量"), null, from);
      assertEquals(429, refused.status(), refused.toString());
      assertTrue(refused.header("Retry-After").isPresent());
      Api.Response elsewhere = via.send("/api/auth/register", "POST", new JsonObject().put("login", Api.newPhone())
          .put("password", "paper-lantern-river-9").put("displayName", "别处"), null, Map.of("X-Forwarded-For", "198.51.100.7"));
      assertEquals(201, elsewhere.status(), "another address is not held up: " + elsewhere);
    }
  }

  private static String token(Instant issuedAt, Instant expires, long userId) {
    var builder = Jwts.builder().subject(Long.toString(userId)).id(UUID.randomUUID().toString())
        .expiration(Date.from(expires));
    if (issuedAt != null) {
      builder.issuedAt(Date.from(issuedAt));
    }
    return builder.signWith(Keys.hmacShaKeyFor(TestApp.JWT_SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
        .compact();
  }

  @Test
  void aSignedTokenLastsTheConfiguredLifetimeFromItsIssueWhateverItsExpirySays() {
    Api.Member member = api.registerAndLogin();
    Instant now = Instant.now();
    Instant farFuture = now.plus(Duration.ofDays(3650));
    assertEquals(200, api.get("/api/me", token(now.minus(Duration.ofHours(1)), farFuture, member.id())).status(),
        "premise: a fresh token with a long expiry is accepted");
    assertEquals(401, api.get("/api/me", token(now.minus(Duration.ofHours(24 * 7 + 1)), farFuture, member.id())).status(),
        "issued more than SESSION_HOURS ago");
    assertEquals(401, api.get("/api/me", token(null, farFuture, member.id())).status(), "no issue time");
    assertEquals(401, api.get("/api/me", token(now.plus(Duration.ofDays(1)), farFuture, member.id())).status(),
        "issued in the future");
  }

  @Test
  void changingThePasswordSignsOutEveryOtherSessionAndKeepsThisOne() {
    Api.Member member = api.registerAndLogin();
    String other = api.login(member.login(), member.password());
    Api.Response wrong = api.post("/api/me/password", new JsonObject().put("currentPassword", "not-it-at-all")
        .put("newPassword", "paper-lantern-river-5"), member.token());
    assertEquals(400, wrong.status(), wrong.toString());
    assertEquals("WRONG_PASSWORD", wrong.errorCode());
    Api.Response weak = api.post("/api/me/password", new JsonObject().put("currentPassword", member.password())
        .put("newPassword", "12345678"), member.token());
    assertEquals(400, weak.status(), weak.toString());
    assertEquals("WEAK_PASSWORD", weak.errorCode());
    assertEquals(200, api.get("/api/me", other).status(), "refused changes end nothing");

    Api.Response changed = api.post("/api/me/password", new JsonObject().put("currentPassword", member.password())
        .put("newPassword", "paper-lantern-river-5"), member.token());
    assertEquals(204, changed.status(), changed.toString());
    assertEquals(401, api.get("/api/me", other).status(), "the other session is over");
    assertEquals(200, api.get("/api/me", member.token()).status(), "this session goes on");
    assertEquals(401, api.post("/api/auth/login", new JsonObject().put("login", member.login())
        .put("password", member.password()), null).status(), "the old password no longer works");
    String fresh = api.login(member.login(), "paper-lantern-river-5");
    assertEquals(200, api.get("/api/me", fresh).status(), "a session begun after the change is fine");
  }

  @Test
  void signingOutEverywhereEndsEverySessionIncludingThisOne() {
    Api.Member member = api.registerAndLogin();
    String other = api.login(member.login(), member.password());
    Api.Response out = api.post("/api/auth/logout-everywhere", null, member.token());
    assertEquals(204, out.status(), out.toString());
    assertEquals(401, api.get("/api/me", other).status());
    assertEquals(401, api.get("/api/me", member.token()).status());
    assertEquals(200, api.get("/api/me", api.login(member.login(), member.password())).status(), "signing in again works");
  }

  @Test
  void theProfilePageChangesThePasswordAndSignsOutEverywhere() {
    Api.Member member = api.registerAndLogin();
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, member);
    String page = browser.get("/me/profile").body();
    assertTrue(page.contains("action=\"/me/password\"") && page.contains("action=\"/logout-everywhere\""), page);

    Api.Response changed = browser.form("/me/password", Map.of("_csrf", csrf, "currentPassword", member.password(),
        "newPassword", "paper-lantern-river-6"));
    assertEquals(303, changed.status(), changed.toString());
    assertEquals(401, api.get("/api/me", member.token()).status(), "the API session is signed out");
    assertTrue(browser.get("/me/profile?passwordChanged=1").body().contains("密码已修改"), "the page session goes on");

    String session = browser.cookie("qq_session").orElseThrow();
    Api.Response everywhere = browser.form("/logout-everywhere", Map.of("_csrf", Pages.csrfOf(browser.get("/me/profile").body())));
    assertEquals(303, everywhere.status(), everywhere.toString());
    assertFalse(browser.cookie("qq_session").isPresent());
    assertEquals(401, api.get("/api/me", session).status());
  }
}
