package org.queqiao.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;

/**
 * The app under test: started once per test run on its own embedded PostgreSQL, on a random port,
 * and driven over real HTTP. Tests that need a second instance or a separate process start their own.
 */
public final class TestApp {
  public static final String JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-signing";
  public static final String ADMIN_LOGIN = "admin@test.example";
  public static final String ADMIN_PASSWORD = "admin-password-1";

  private static Application app;
  private static Path dataDir;

  private TestApp() {}

  public static synchronized Application get() {
    if (app == null) {
      try {
        dataDir = Files.createTempDirectory(Path.of("target"), "test-data-");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      app = Application.start(AppConfig.fromEnvironment(baseEnvironment(dataDir)));
      Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    }
    return app;
  }

  public static Map<String, String> baseEnvironment(Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("HTTP_PORT", "0");
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("JWT_SECRET", JWT_SECRET);
    env.put("DEMO_DATA", "false");
    env.put("ADMIN_LOGIN", ADMIN_LOGIN);
    env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("HTTP_INSTANCES", "2");
    // The whole suite signs in from 127.0.0.1; the per-address limit has its own test instance.
    env.put("LOGIN_MAX_FAILURES_PER_ADDRESS", "100000");
    return env;
  }

  public static String baseUrl() {
    return "http://127.0.0.1:" + get().port();
  }

  /** A DATABASE_URL naming the test app's own database, for a second instance beside it. */
  public static String databaseUrl() {
    var db = get().database();
    return "postgresql://" + db.user() + ":" + db.password() + "@" + db.host() + ":" + db.port() + "/" + db.database();
  }

  public static Connection jdbc() throws SQLException {
    var db = get().database();
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  public static Api api() {
    return new Api(baseUrl());
  }

  public static Api browser() {
    return new Api(baseUrl(), true);
  }
}
