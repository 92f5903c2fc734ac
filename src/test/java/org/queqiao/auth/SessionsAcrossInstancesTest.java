package org.queqiao.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

/** A second app instance on the same database, as behind a load balancer. */
class SessionsAcrossInstancesTest {
  private static Application second;
  private static Api onFirst;
  private static Api onSecond;

  @BeforeAll
  static void startSecondInstance() throws Exception {
    TestApp.get();
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "second-"));
    env.put("DATABASE_URL", TestApp.databaseUrl());
    env.put("LOGIN_MAX_FAILURES_PER_ADDRESS", "3");
    env.put("TRUST_FORWARDED_FOR", "true");
    second = Application.start(AppConfig.fromEnvironment(env));
    onFirst = TestApp.api();
    onSecond = new Api("http://127.0.0.1:" + second.port());
  }

  @AfterAll
  static void stopSecondInstance() {
    second.close();
  }

  @Test
  void aTokenRevokedOnOneInstanceIsRefusedByTheOther() {
    Api.Member member = onFirst.registerAndLogin();
    assertEquals(200, onSecond.get("/api/me", member.token()).status());

    assertEquals(204, onSecond.post("/api/auth/logout", null, member.token()).status());

    Api.Response refused = onFirst.get("/api/me", member.token());
    assertEquals(401, refused.status());
    assertEquals("INVALID_TOKEN", refused.errorCode());
  }

  @Test
  void repeatedFailuresForOneLoginAreCountedAcrossInstancesThen429() throws Exception {
    Api.Member member = onFirst.registerAndLogin();
    JsonObject wrong = new JsonObject().put("login", member.login()).put("password", "wrong-password");
    Map<String, String> via = Map.of("X-Forwarded-For", "203.0.113.20");
    for (int i = 0; i < 5; i++) {
      Api target = i % 2 == 0 ? onFirst : onSecond;
      assertEquals(401, target.send("/api/auth/login", "POST", wrong, null, via).status(), "failure " + (i + 1));
    }

    Api.Response blocked = onFirst.post("/api/auth/login",
        new JsonObject().put("login", member.login()).put("password", member.password()), null);
    assertEquals(429, blocked.status(), "even the right password waits once the limit is reached");
    assertEquals("TOO_MANY_ATTEMPTS", blocked.errorCode());
    int retryAfter = Integer.parseInt(blocked.header("Retry-After").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);

    try (var conn = TestApp.jdbc(); var st = conn.prepareStatement("SELECT failures FROM login_failures WHERE key = ?")) {
      st.setString(1, "login:" + member.login());
      var rs = st.executeQuery();
      rs.next();
      assertEquals(5, rs.getInt(1), "the refused attempt itself changed nothing");
    }
  }

  @Test
  void repeatedFailuresFromOneAddressAre429EvenForFreshLogins() {
    Map<String, String> from = Map.of("X-Forwarded-For", "203.0.113.7");
    for (int i = 0; i < 3; i++) {
      Api.Response failed = onSecond.send("/api/auth/login", "POST",
          new JsonObject().put("login", Api.newPhone()).put("password", "whatever-1"), null, from);
      assertEquals(401, failed.status());
    }
    Api.Response blocked = onSecond.send("/api/auth/login", "POST",
        new JsonObject().put("login", Api.newPhone()).put("password", "whatever-1"), null, from);
    assertEquals(429, blocked.status());
    assertEquals("TOO_MANY_ATTEMPTS", blocked.errorCode());

    Api.Response otherAddress = onSecond.send("/api/auth/login", "POST",
        new JsonObject().put("login", Api.newPhone()).put("password", "whatever-1"), null,
        Map.of("X-Forwarded-For", "203.0.113.8"));
    assertEquals(401, otherAddress.status(), "another address is not held back");
  }
}
