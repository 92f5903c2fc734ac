package org.queqiao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;

/**
 * The app as an operator runs it: {@link Main} in its own JVM on the embedded PostgreSQL, with
 * nothing configured but a data directory and a port. Covers what only a real process shows:
 * the start-up log, the generated secret's permissions, durability settings of the running server,
 * and restarts after a clean stop and after SIGKILL.
 */
class StartupTest {
  private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(90);
  private static final String MEMBER_LOGIN = "13912345678";
  private static final String MEMBER_PASSWORD = "restart-Lantern-37";

  private final List<Process> started = new ArrayList<>();
  private final List<Path> dataDirs = new ArrayList<>();

  /** A running child JVM with its port and log. */
  private record Child(Process process, int port, Path log) {
    Api api() {
      return new Api("http://127.0.0.1:" + port);
    }
  }

  @Test
  void freshDataDirStartsDurableEmbeddedPostgresWithDemoDataAndKeepsMembersAcrossCleanRestart() throws Exception {
    Path dataDir = newDataDir();
    Child first = start(dataDir, "first");
    Api api = first.api();

    Api.Response health = api.get("/health");
    assertEquals(new JsonObject().put("status", "UP").put("db", "UP"), health.json(), diagnostics(first, health));

    List<String> readyLines = Files.readAllLines(first.log(), StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains("Queqiao is ready: open http://") && line.contains("embedded PostgreSQL"))
        .toList();
    assertEquals(1, readyLines.size(), "one ready line naming the embedded PostgreSQL\n" + tail(first.log()));

    Path secret = dataDir.resolve("jwt-secret");
    assertTrue(Files.isRegularFile(secret), "the generated JWT secret is kept in DATA_DIR");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));

    try (Connection db = postmasterConnection(dataDir); Statement statement = db.createStatement()) {
      assertEquals("on", show(statement, "fsync"));
      assertEquals("on", show(statement, "synchronous_commit"));
    }
    assertEmbeddedDatabaseTrustsNobody(dataDir);

    Api.Response organizer = api.post("/api/auth/login",
        new JsonObject().put("login", "organizer@queqiao.example").put("password", "queqiao2026"), null);
    assertEquals(200, organizer.status(), diagnostics(first, organizer));
    assertTrue(organizer.json().getJsonObject("user").getJsonArray("roles").contains("ORGANIZER"), organizer.body());

    registerMember(first);
    long postmaster = postmasterPid(dataDir);
    assertTrue(isRunning(postmaster),
        "postmaster.pid names a running postmaster while the app runs");

    first.process().destroy();
    assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), "the app exits within 30 s of SIGTERM\n" + tail(first.log()));
    assertFalse(isRunning(postmaster),
        "a clean stop also stops the embedded PostgreSQL (pid " + postmaster + ")\n" + tail(first.log()));
    assertTrue(postmasterPidIfAny(dataDir).map(pid -> !isRunning(pid)).orElse(true),
        "no live postmaster is listed for the data directory after a clean stop");

    Child second = start(dataDir, "second");
    Api again = second.api();
    Api.Response member = loginMember(again);
    assertEquals(200, member.status(), diagnostics(second, member));
    Api.Response unions = again.get("/api/unions");
    assertEquals(200, unions.status(), diagnostics(second, unions));
    assertEquals(4, unions.jsonArray().size(), "demo unions are loaded once, not on every start: " + unions.body());
    assertFalse(Files.readString(second.log(), StandardCharsets.UTF_8).contains("Loaded the demo data"), tail(second.log()));
  }

  @Test
  void restartAfterSigkillStopsTheOrphanedPostmasterAndKeepsMembers() throws Exception {
    Path dataDir = newDataDir();
    Child first = start(dataDir, "before-kill");
    registerMember(first);
    long orphan = postmasterPid(dataDir);

    first.process().destroyForcibly();
    assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), "SIGKILL ends the JVM");
    assertTrue(isRunning(orphan),
        "the killed JVM leaves its postmaster (pid " + orphan + ") running, which is what the next start must cope with");

    Child second = start(dataDir, "after-kill");
    Api api = second.api();
    Api.Response health = api.get("/health");
    assertEquals(new JsonObject().put("status", "UP").put("db", "UP"), health.json(), diagnostics(second, health));
    Api.Response member = loginMember(api);
    assertEquals(200, member.status(), diagnostics(second, member));
    assertFalse(isRunning(orphan), "the orphaned postmaster (pid " + orphan + ") was stopped\n" + tail(second.log()));
    assertNotEquals(orphan, postmasterPid(dataDir), "the data directory is served by a new postmaster");
  }

  @AfterEach
  void stopEverythingStarted() throws Exception {
    for (Process process : started) {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
    // A test that failed between SIGKILL and the restart would otherwise leave its postmaster behind.
    for (Path dataDir : dataDirs) {
      Optional<Long> pid = postmasterPidIfAny(dataDir);
      if (pid.isPresent()) {
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid.get()).filter(p -> isRunning(p.pid()));
        if (leftover.isPresent()) {
          leftover.get().destroy();
          leftover.get().onExit().get(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  private Path newDataDir() throws IOException {
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "startup-data-");
    dataDirs.add(dir);
    return dir;
  }

  private Child start(Path dataDir, String name) throws IOException, InterruptedException {
    int port = freePort();
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + name + ".log");
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeAll(List.of("JWT_SECRET", "DATABASE_URL", "ADMIN_LOGIN", "ADMIN_PASSWORD"));
    env.put("DATA_DIR", dataDir.toString());
    env.put("HTTP_PORT", Integer.toString(port));
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("DEMO_DATA", "true");
    env.put("HTTP_INSTANCES", "1");
    Process process = builder.start();
    started.add(process);
    Child child = new Child(process, port, log);
    awaitHealthy(child);
    return child;
  }

  private static void awaitHealthy(Child child) throws InterruptedException {
    Api api = child.api();
    long deadline = System.nanoTime() + HEALTH_DEADLINE.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!child.process().isAlive()) {
        fail("the app exited with " + child.process().exitValue() + " before it was healthy\n" + tail(child.log()));
      }
      try {
        Api.Response health = api.get("/health");
        if (health.status() == 200) {
          return;
        }
        last = health.toString();
      } catch (UncheckedIOException notListeningYet) {
        last = notListeningYet.getCause().toString();
      }
      Thread.sleep(200);
    }
    fail("/health did not answer 200 within 90 s (last: " + last + ")\n" + tail(child.log()));
  }

  private static void registerMember(Child child) {
    Api.Response registered = child.api().post("/api/auth/register", new JsonObject()
        .put("login", MEMBER_LOGIN).put("password", MEMBER_PASSWORD).put("displayName", "重启测试"), null);
    assertEquals(201, registered.status(), diagnostics(child, registered));
  }

  private static Api.Response loginMember(Api api) {
    return api.post("/api/auth/login", new JsonObject().put("login", MEMBER_LOGIN).put("password", MEMBER_PASSWORD), null);
  }

  private static Connection postmasterConnection(Path dataDir) throws IOException, SQLException {
    return DriverManager.getConnection(postmasterJdbcUrl(dataDir), "postgres",
        Files.readString(dataDir.resolve("db-superuser-password")).strip());
  }

  private static String postmasterJdbcUrl(Path dataDir) throws IOException {
    List<String> lines = Files.readAllLines(dataDir.resolve("pg").resolve("postmaster.pid"));
    int port = Integer.parseInt(lines.get(3).trim());
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  /**
   * Issue 14: nobody on 127.0.0.1 is trusted; the passwords are the app's generated secrets, readable
   * by it alone; the app's role is no superuser and cannot read the key files beside the data.
   */
  static void assertEmbeddedDatabaseTrustsNobody(Path dataDir) throws IOException, SQLException {
    for (String file : List.of("db-superuser-password", "db-app-password")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))), file);
    }
    String url = postmasterJdbcUrl(dataDir);
    for (String role : List.of("postgres", "queqiao")) {
      SQLException asked = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> DriverManager.getConnection(url, role, "").close(), role + " without a password");
      assertTrue(asked.getMessage().contains("SCRAM"), role + ": the server asks for a password: " + asked);
      SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> DriverManager.getConnection(url, role, "wrong-password").close(), role + " with a wrong password");
      assertEquals("28P01", refused.getSQLState(), role + ": " + refused);
    }
    try (Connection app = DriverManager.getConnection(url, "queqiao", Files.readString(dataDir.resolve("db-app-password")).strip());
         Statement sql = app.createStatement()) {
      try (ResultSet rs = sql.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
        assertTrue(rs.next());
        assertFalse(rs.getBoolean(1) || rs.getBoolean(2) || rs.getBoolean(3), "the app's role has no superuser powers");
      }
      try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'queqiao'")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1), "the app's role owns every table of its schema");
      }
      SQLException noFiles = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> sql.executeQuery("SELECT pg_read_file('" + dataDir.resolve("jwt-secret") + "')"));
      assertEquals("42501", noFiles.getSQLState(), "pg_read_file is refused to the app's role: " + noFiles);
    }
  }

  private static String show(Statement statement, String setting) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  private static long postmasterPid(Path dataDir) throws IOException {
    return postmasterPidIfAny(dataDir).orElseThrow(() -> new AssertionError("no postmaster.pid in " + dataDir));
  }

  private static Optional<Long> postmasterPidIfAny(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("pg").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
  }

  /**
   * Alive and not a zombie. A postmaster detaches from pg_ctl, so when it exits it waits for the
   * machine's init to reap it, and ProcessHandle counts such an exited process as alive.
   */
  private static boolean isRunning(long pid) {
    if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String state = stat.substring(stat.lastIndexOf(')') + 1).strip();
      return !state.startsWith("Z");
    } catch (IOException goneMeanwhile) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String diagnostics(Child child, Api.Response response) {
    return response + "\n" + tail(child.log());
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- last lines of " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(could not read " + log + ": " + e + ")";
    }
  }
}
