package org.queqiao.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

/** Behind TLS (PUBLIC_BASE_URL is https) cookies are Secure and browsers are told to stay on https. */
class HttpsDeploymentTest {
  @Test
  void cookiesAreSecureAndHstsIsSentWhenThePublicAddressIsHttps() throws Exception {
    TestApp.get();
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "https-"));
    env.put("DATABASE_URL", TestApp.databaseUrl());
    env.put("PUBLIC_BASE_URL", "https://queqiao.example");
    try (Application app = Application.start(AppConfig.fromEnvironment(env))) {
      Api api = new Api("http://127.0.0.1:" + app.port());
      Api.Member member = TestApp.api().registerAndLogin();
      Api.Response login = api.post("/api/auth/login",
          new JsonObject().put("login", member.login()).put("password", member.password()), null);
      assertEquals(200, login.status());
      String session = login.headers().allValues("set-cookie").stream()
          .filter(c -> c.startsWith("qq_session=")).findFirst().orElseThrow();
      assertTrue(session.toLowerCase().contains("; secure"), session);
      assertTrue(login.header("Strict-Transport-Security").isPresent());
    }
  }
}
