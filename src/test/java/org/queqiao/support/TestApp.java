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
import org.queqiao.db.EmbeddedDatabase;

/**
 * The app under test: started once per test run on its own embedded PostgreSQL, on a random port,
 * and driven over real HTTP. Tests that need a second instance or a separate process start their own.
 */
public final class TestApp {
  public static final String JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-signing";
  /** Shared by every instance a test starts on the test database, as several instances must share it. */
  public static final String CONTACT_KEY = java.util.Base64.getEncoder()
      .encodeToString("test-contact-key-of-32-bytes!!!!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
    env.put("CONTACT_KEY", CONTACT_KEY);
    env.put("DEMO_DATA", "false");
    env.put("ADMIN_LOGIN", ADMIN_LOGIN);
    env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("HTTP_INSTANCES", "2");
    // The whole suite signs in from 127.0.0.1; the per-address limit has its own test instance.
    env.put("LOGIN_MAX_FAILURES_PER_ADDRESS", "100000");
    env.put("REGISTRATIONS_PER_ADDRESS_PER_HOUR", "1000000");
    // Jobs are looked at every second, so a test can make one due and see it run.
    env.put("JOB_TICK_SECONDS", "1");
    // The suite runs at any hour: no quiet hours, except in the tests about them (with a fixed clock).
    env.put("QUIET_HOURS", "00:00-00:00");
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

  /**
   * A new, empty database on the test server, for instances that must not share the main one's
   * jobs (e.g. two instances that alone decide who sends what).
   */
  public static String freshDatabaseUrl(String name) {
    try (Connection conn = jdbc(); var st = conn.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name);
      st.execute("CREATE DATABASE " + name + " OWNER " + get().database().user());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    var db = get().database();
    return "postgresql://" + db.user() + ":" + db.password() + "@" + db.host() + ":" + db.port() + "/" + name;
  }

  /**
   * A privileged connection, to look at or change data behind the app's back: the embedded
   * server's superuser, whose password the app keeps in DATA_DIR (the app itself never uses it).
   */
  public static Connection jdbc() throws SQLException {
    var db = get().database();
    return DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.SUPERUSER, superuserPassword(dataDir));
  }

  /** The same privileged connection, to another database of the test server named by a DATABASE_URL. */
  public static Connection jdbc(String databaseUrl) throws SQLException {
    String jdbcUrl = "jdbc:" + databaseUrl.replaceFirst("//[^@]*@", "//");
    return DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.SUPERUSER, superuserPassword(dataDir));
  }

  /** The embedded server's superuser password, as the app generated it into this data directory. */
  public static String superuserPassword(Path dataDir) {
    try {
      return Files.readString(dataDir.resolve(EmbeddedDatabase.SUPERUSER_PASSWORD_FILE)).strip();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Makes a periodic job due now; the next tick (within a second or so) runs it. */
  public static void makeJobDue(String name) {
    try (Connection conn = jdbc(); var st = conn.prepareStatement("UPDATE scheduled_jobs SET next_run_at = now() WHERE name = ?")) {
      st.setString(1, name);
      if (st.executeUpdate() != 1) {
        throw new AssertionError("no such job: " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Api api() {
    return new Api(baseUrl());
  }

  public static Api browser() {
    return new Api(baseUrl(), true);
  }
}
