package org.queqiao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/**
 * DATABASE_URL mode: the app uses a PostgreSQL it did not start, as a role with a password that
 * needs URL escaping, and answers 503 DATABASE_UNAVAILABLE (contract §16) and a 503 health check
 * when that server goes away.
 */
class DatabaseUrlTest {
  private static final String ROLE = "queqiao_ext";
  private static final String PASSWORD = "p@ss w0rd";

  @Test
  void appRunsOnExternalDatabaseAndFailsCleanlyWhenItGoesAway() throws Exception {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"));
    EmbeddedPostgres external = EmbeddedPostgres.builder()
        // Passwords are checked for the app's role, so a mis-decoded DATABASE_URL cannot slip through.
        .setDataDirectoryCustomizer(dir -> requirePasswordsExceptForPostgres(dir.toPath()))
        .start();
    boolean externalRunning = true;
    Application app = null;
    try {
      try (Connection admin = external.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
        sql.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
        sql.execute("CREATE DATABASE " + ROLE + " OWNER " + ROLE);
      }
      Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "database-url-");
      Map<String, String> env = new HashMap<>(TestApp.baseEnvironment(dataDir));
      env.put("DATABASE_URL", "postgresql://queqiao_ext:p%40ss%20w0rd@localhost:" + external.getPort() + "/queqiao_ext");
      app = Application.start(AppConfig.fromEnvironment(env));
      String base = "http://127.0.0.1:" + app.port();
      Api api = new Api(base);

      Api.Response health = api.get("/health");
      assertEquals(200, health.status(), health.toString());
      assertEquals(new JsonObject().put("status", "UP").put("db", "UP"), health.json());
      assertFalse(Files.exists(dataDir.resolve("pg")), "no embedded PostgreSQL is started when DATABASE_URL is set");

      Api.Member member = api.registerAndLogin();
      try (Connection ext = external.getDatabase("postgres", ROLE).getConnection();
           PreparedStatement query = ext.prepareStatement("SELECT count(*) FROM users WHERE login = ?")) {
        query.setString(1, member.login());
        try (ResultSet rs = query.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1), "the registered member is stored in the external database");
        }
      }

      Api.Response admin = api.post("/api/auth/login",
          new JsonObject().put("login", TestApp.ADMIN_LOGIN).put("password", TestApp.ADMIN_PASSWORD), null);
      assertEquals(200, admin.status(), admin.toString());
      assertTrue(admin.json().getJsonObject("user").getJsonArray("roles").contains("ADMIN"), admin.body());

      Api chinese = new Api(base, true);
      String chineseCsrf = loginFormToken(chinese);
      Api english = new Api(base, true);
      english.setCookie("qq_lang", "en");
      String englishCsrf = loginFormToken(english);

      external.close();
      externalRunning = false;

      Api.Response down = awaitHealthDown(api);
      assertEquals(503, down.status(), "/health reports the lost database: " + down);
      assertEquals(new JsonObject().put("status", "DOWN").put("db", "DOWN"), down.json());

      Api.Response apiLogin = api.post("/api/auth/login",
          new JsonObject().put("login", "13800000000").put("password", "whatever-1"), null);
      assertEquals(503, apiLogin.status(), apiLogin.toString());
      assertEquals("5", apiLogin.header("Retry-After").orElse(""), apiLogin.toString());
      JsonObject error = apiLogin.json().getJsonObject("error");
      assertEquals("DATABASE_UNAVAILABLE", error.getString("code"), apiLogin.body());
      assertFalse(error.getString("message", "").isBlank(), apiLogin.body());

      Api.Response chinesePage = submitLoginForm(chinese, chineseCsrf);
      assertEquals(503, chinesePage.status(), chinesePage.toString());
      assertTrue(chinesePage.header("Content-Type").orElse("").startsWith("text/html"), chinesePage.headers().map().toString());
      assertTrue(chinesePage.body().contains("服务暂时不可用"), chinesePage.body());

      Api.Response englishPage = submitLoginForm(english, englishCsrf);
      assertEquals(503, englishPage.status(), englishPage.toString());
      assertTrue(englishPage.header("Content-Type").orElse("").startsWith("text/html"), englishPage.headers().map().toString());
      assertTrue(englishPage.body().contains("briefly unavailable"), englishPage.body());
    } finally {
      if (app != null) {
        app.close();
      }
      if (externalRunning) {
        external.close();
      }
    }
  }

  private static String loginFormToken(Api browser) {
    Api.Response page = browser.get("/login");
    assertEquals(200, page.status(), page.toString());
    return Pages.csrfOf(page.body());
  }

  private static Api.Response submitLoginForm(Api browser, String csrf) {
    return browser.form("/login", Map.of("login", "13800000000", "password", "whatever-1", "_csrf", csrf));
  }

  private static Api.Response awaitHealthDown(Api api) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    Api.Response health = api.get("/health");
    while (health.status() == 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      health = api.get("/health");
    }
    return health;
  }

  private static void requirePasswordsExceptForPostgres(Path dataDir) {
    try {
      Files.writeString(dataDir.resolve("pg_hba.conf"), String.join("\n",
          "local all postgres trust",
          "host  all postgres 127.0.0.1/32 trust",
          "host  all postgres ::1/128 trust",
          "local all all scram-sha-256",
          "host  all all 127.0.0.1/32 scram-sha-256",
          "host  all all ::1/128 scram-sha-256",
          ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
