package org.queqiao.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the app starts for itself when no DATABASE_URL is given. Its data lives in
 * {@code DATA_DIR/pg} and is meant to be real data: zonky's test-friendly defaults (fsync and
 * synchronous_commit off) are turned back on.
 *
 * <p>Nobody is trusted by address: every connection, even from 127.0.0.1, needs a password
 * (SCRAM). The superuser's password is generated into {@code DATA_DIR/db-superuser-password}
 * (0600) and used only here, at start-up, to keep the app's own role in shape; the app connects as
 * {@value #APP_ROLE}, a role without superuser rights (so it cannot read the key files with
 * {@code pg_read_file}) that owns the database and its schema, with the password in
 * {@code DATA_DIR/db-app-password} (0600). A data directory made by an earlier version (trust
 * authentication, tables owned by the superuser) is migrated on its first start.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String LOCK_FILE = "epg-lock";
  public static final String SUPERUSER = "postgres";
  public static final String SUPERUSER_PASSWORD_FILE = "db-superuser-password";
  public static final String APP_ROLE = "queqiao";
  public static final String APP_PASSWORD_FILE = "db-app-password";
  static final String DATABASE = "postgres";
  private static final String PASSWORD_CHARS = "[A-Za-z0-9_-]{32,}";
  private static final String HBA = """
      # Written by Queqiao on every start: a password (SCRAM) for every connection, trusted by no address.
      local all all scram-sha-256
      host  all all 127.0.0.1/32 scram-sha-256
      host  all all ::1/128 scram-sha-256
      """;

  private final EmbeddedPostgres postgres;
  private final DatabaseTarget target;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, String appPassword) {
    this.postgres = postgres;
    this.target = new DatabaseTarget("localhost", postgres.getPort(), DATABASE, APP_ROLE, appPassword,
        "embedded PostgreSQL in " + dataDirectory + " (port " + postgres.getPort() + ")");
  }

  public static EmbeddedDatabase start(Path dataDir) {
    Path pgData = dataDir.resolve("pg");
    try {
      Files.createDirectories(pgData);
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"));
      stopOrphanedPostmaster(pgData);
      Path superuserFile = dataDir.resolve(SUPERUSER_PASSWORD_FILE);
      // An earlier version made this directory with trust authentication and no superuser password.
      boolean trustedBefore = Files.exists(pgData.resolve("postgresql.conf")) && !Files.exists(superuserFile);
      String superuserPassword = trustedBefore ? newPassword() : readOrCreatePassword(superuserFile);
      // initdb gets the password from a file (never on a command line); the file goes right after.
      Path initialPassword = dataDir.resolve("db-initdb-password");
      writeSecret(initialPassword, superuserPassword);
      EmbeddedPostgres postgres;
      try {
        postgres = EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setLocaleConfig("pwfile", initialPassword.toString())
            .setDataDirectoryCustomizer(dir -> {
              if (!trustedBefore) {
                writeHba(pgData);
              }
            })
            .setConnectConfig("password", superuserPassword)
            .setServerConfig("password_encryption", "scram-sha-256")
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("max_connections", "200")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
      } finally {
        Files.deleteIfExists(initialPassword);
      }
      try {
        String jdbc = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
        if (trustedBefore) {
          requirePasswords(jdbc, superuserPassword, superuserFile, pgData);
        }
        String appPassword = readOrCreatePassword(dataDir.resolve(APP_PASSWORD_FILE));
        try (Connection superuser = DriverManager.getConnection(jdbc, SUPERUSER, superuserPassword)) {
          ensureAppRole(superuser, appPassword);
        }
        return new EmbeddedDatabase(postgres, pgData, appPassword);
      } catch (SQLException | RuntimeException e) {
        postgres.close();
        throw new IllegalStateException("Could not set up the app's role in the embedded PostgreSQL in " + pgData, e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData, e);
    }
  }

  /**
   * The one-time migration of a directory made with trust authentication: the superuser gets its
   * password (while trust still lets us in, from this machine only), the password is kept, and then
   * the server is told to ask everyone for one.
   */
  private static void requirePasswords(String jdbc, String superuserPassword, Path superuserFile, Path pgData)
      throws SQLException, IOException {
    LOG.warn("Migrating {} from trust to password authentication (a data directory of an earlier version)", pgData);
    try (Connection superuser = DriverManager.getConnection(jdbc, SUPERUSER, "");
         Statement sql = superuser.createStatement()) {
      sql.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + superuserPassword + "'");
      writeSecret(superuserFile, superuserPassword);
      writeHba(pgData);
      sql.execute("SELECT pg_reload_conf()");
    }
  }

  /**
   * The app's role: may log in, is no superuser, creates no roles or databases, and owns the
   * database (hence its public schema) and everything in that schema — also what an earlier
   * version created as the superuser.
   */
  private static void ensureAppRole(Connection superuser, String appPassword) throws SQLException {
    try (Statement sql = superuser.createStatement()) {
      sql.execute("DO $$ BEGIN"
          + " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + APP_ROLE + "') THEN"
          + "   CREATE ROLE " + APP_ROLE + " LOGIN;"
          + " END IF; END $$");
      sql.execute("ALTER ROLE " + APP_ROLE + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
          + " PASSWORD '" + appPassword + "'");
      sql.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + APP_ROLE);
      sql.execute("ALTER SCHEMA public OWNER TO " + APP_ROLE);
      // Tables (with their indexes and identity sequences), standalone sequences, views and functions.
      sql.execute("DO $$ DECLARE r record; BEGIN"
          + " FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c"
          + "   JOIN pg_namespace n ON n.oid = c.relnamespace"
          + "   WHERE n.nspname = 'public' AND c.relowner <> '" + APP_ROLE + "'::regrole"
          + "   AND c.relkind IN ('r', 'p', 'v', 'm', 'S')"
          + "   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')"
          + "     AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass)"
          + " LOOP"
          + "   IF r.relkind = 'S' THEN EXECUTE format('ALTER SEQUENCE %s OWNER TO " + APP_ROLE + "', r.name);"
          + "   ELSIF r.relkind IN ('v', 'm') THEN EXECUTE format('ALTER TABLE %s OWNER TO " + APP_ROLE + "', r.name);"
          + "   ELSE EXECUTE format('ALTER TABLE %s OWNER TO " + APP_ROLE + "', r.name); END IF;"
          + " END LOOP;"
          + " FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
          + "   WHERE n.nspname = 'public' AND p.proowner <> '" + APP_ROLE + "'::regrole"
          + "   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
          + " LOOP EXECUTE format('ALTER FUNCTION %s OWNER TO " + APP_ROLE + "', r.name); END LOOP;"
          + " END $$");
    }
  }

  private static void writeHba(Path pgData) {
    try {
      Files.writeString(pgData.resolve("pg_hba.conf"), HBA);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readOrCreatePassword(Path file) throws IOException {
    if (!Files.exists(file)) {
      writeSecret(file, newPassword());
    }
    String password = Files.readString(file).strip();
    if (!password.matches(PASSWORD_CHARS)) {
      throw new IllegalStateException(file + " does not hold a generated password");
    }
    return password;
  }

  /** Written readable by its owner only, from the moment it exists. */
  private static void writeSecret(Path file, String secret) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, secret);
  }

  private static String newPassword() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  public DatabaseTarget target() {
    return target;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
  }

  /**
   * A JVM killed with SIGKILL leaves its postmaster running and holding the data directory. The
   * lock file tells a dead owner from a live one: a running app holds it, so if we can take it, a
   * postmaster still listed in postmaster.pid is an orphan and is shut down before we start ours.
   */
  private static void stopOrphanedPostmaster(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(pgData.resolve(LOCK_FILE),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw new IllegalStateException("Another Queqiao process is using " + pgData
            + "; stop it first or choose another DATA_DIR");
      }
      Optional<ProcessHandle> orphan = postmasterOf(pidFile, pgData);
      if (orphan.isEmpty()) {
        return;
      }
      ProcessHandle process = orphan.get();
      LOG.warn("Stopping PostgreSQL (pid {}) left running by a previous run that did not shut down", process.pid());
      // SIGTERM is PostgreSQL's "smart" shutdown; the dead JVM's sessions are gone, so it is quick.
      process.destroy();
      try {
        process.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("PostgreSQL (pid {}) did not stop within 30 s; killing it", process.pid());
        process.destroyForcibly();
        try {
          process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          throw new IllegalStateException("Could not stop the orphaned PostgreSQL (pid " + process.pid() + ")");
        }
      }
    } catch (java.nio.channels.OverlappingFileLockException e) {
      throw new IllegalStateException("This process already runs an embedded PostgreSQL in " + pgData, e);
    }
  }

  private static Optional<ProcessHandle> postmasterOf(Path pidFile, Path pgData) throws IOException {
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.size() < 2) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String dataDirInPidFile = lines.get(1).trim();
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
        .filter(p -> Path.of(dataDirInPidFile).toAbsolutePath().normalize()
            .equals(pgData.toAbsolutePath().normalize()));
  }
}
