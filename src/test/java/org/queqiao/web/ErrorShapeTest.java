package org.queqiao.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

/** Every /api refusal has the contract's shape and the fitting status. */
class ErrorShapeTest {
  private final Api api = TestApp.api();

  private static void assertShape(Api.Response response, int status, String code) {
    assertEquals(status, response.status(), response.body());
    assertTrue(response.header("Content-Type").orElse("").startsWith("application/json"));
    JsonObject error = response.json().getJsonObject("error");
    assertEquals(code, error.getString("code"));
    assertFalse(error.getString("message").isBlank(), "a message a person can act on");
  }

  @Test
  void malformedJsonIs400() {
    Api.Member member = api.registerAndLogin();
    assertShape(api.patch("/api/me", "{\"nickname\": ", member.token()), 400, "MALFORMED_JSON");
    assertShape(api.post("/api/auth/register", "[1,2]", null), 400, "MALFORMED_JSON");
  }

  @Test
  void anOversizedBodyIs413() {
    String huge = "{\"login\":\"" + "x".repeat(200_000) + "\"}";
    assertShape(api.post("/api/auth/register", huge, null), 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void unknownApiPathsAre404Json() {
    assertShape(api.get("/api/no-such-thing"), 404, "NOT_FOUND");
  }

  @Test
  void notSignedInIs401AndNotAllowedIs403() {
    assertShape(TestApp.api().get("/api/me"), 401, "UNAUTHORIZED");
    Api.Member member = api.registerAndLogin();
    assertShape(api.get("/api/admin/users", member.token()), 403, "FORBIDDEN");
  }

  @Test
  void englishMessagesForClientsThatAskForThem() {
    Api.Response response = api.send("/api/me", "GET", null, null, Map.of("Accept-Language", "en-US,en;q=0.9"));
    assertEquals("Please sign in first.", response.json().getJsonObject("error").getString("message"));
    Api.Response chinese = api.get("/api/me");
    assertEquals("请先登录。", chinese.json().getJsonObject("error").getString("message"));
  }

  @Test
  void healthIsUpWithTheDatabase() {
    Api.Response health = api.get("/health");
    assertEquals(200, health.status());
    assertEquals(new JsonObject().put("status", "UP").put("db", "UP"), health.json());
  }
}
