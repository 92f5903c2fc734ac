package org.queqiao.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's packages (what docs/deploy.md runs in production), in a
 * temporary directory on a free port: for what the embedded one cannot show — a streaming replica,
 * a frozen or restarted server. PostgreSQL refuses to run as root, so as root its commands run as
 * the {@code postgres} user the package creates. .ci/run installs the packages when missing.
 */
public final class DebianPostgres implements AutoCloseable {
  public static final String APP_ROLE = "queqiao";
  public static final String APP_PASSWORD = "Magpie-bridge-7419";

  private final Path dir;
  private final int port;

  private DebianPostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** A new primary with the app's role and database, ready for streaming replicas. */
  public static DebianPostgres primary() {
    DebianPostgres pg = new DebianPostgres(newDirectory("primary"), freePort());
    pg.run(bin("initdb"), "-D", pg.dir.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
    pg.configure();
    pg.start();
    pg.execute("CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "'",
        "CREATE DATABASE " + APP_ROLE + " OWNER " + APP_ROLE);
    return pg;
  }

  /** A hot standby of {@code primary}, streaming from it (pg_basebackup -R). */
  public static DebianPostgres replicaOf(DebianPostgres primary) {
    DebianPostgres pg = new DebianPostgres(newDirectory("replica"), freePort());
    pg.run(bin("pg_basebackup"), "-h", "127.0.0.1", "-p", Integer.toString(primary.port), "-U", "postgres",
        "-D", pg.dir.toString(), "-R", "-X", "stream", "-c", "fast");
    pg.configure();
    pg.start();
    return pg;
  }

  public int port() {
    return port;
  }

  /** The app's DATABASE_URL (or DATABASE_READ_URL) for this server. */
  public String url() {
    return "postgresql://" + APP_ROLE + ":" + APP_PASSWORD + "@127.0.0.1:" + port + "/" + APP_ROLE;
  }

  /** A superuser connection to the app's database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + APP_ROLE, "postgres", "");
  }

  public void execute(String... statements) {
    try (Connection conn = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
        "postgres", ""); Statement st = conn.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The end of the server's log, for a failure message. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("server.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public void start() {
    run(bin("pg_ctl"), "-D", dir.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start");
  }

  /** A fast shutdown: connections are cut, as when the server is restarted. */
  public void stop() {
    run(bin("pg_ctl"), "-D", dir.toString(), "-m", "fast", "-w", "stop");
  }

  /** Every process of the server stopped in its tracks (SIGSTOP): it neither answers nor refuses. */
  public void freeze() {
    signal("-STOP");
  }

  public void thaw() {
    signal("-CONT");
  }

  @Override
  public void close() {
    try {
      thaw();
      run(bin("pg_ctl"), "-D", dir.toString(), "-m", "immediate", "-w", "stop");
    } catch (RuntimeException e) {
      // Already stopped; the directory goes either way.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void signal(String signal) {
    long postmaster;
    try {
      postmaster = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
    ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> command.add(Long.toString(p.pid())));
    exec(command);
  }

  private void configure() {
    try {
      Files.writeString(dir.resolve("postgresql.conf"), String.join("\n", "",
          "port = " + port,
          "listen_addresses = '127.0.0.1'",
          "unix_socket_directories = '" + dir + "'",
          "wal_level = replica",
          "max_wal_senders = 5",
          "hot_standby = on",
          // Test servers only: nothing here must survive a crash of the machine.
          "fsync = off",
          "full_page_writes = off",
          "shared_buffers = 32MB",
          "max_connections = 60",
          ""), java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a PostgreSQL program as the postgres user when we are root (it refuses to run as root). */
  private void run(String... command) {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    exec(full);
  }

  private static void exec(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The newest installed version's programs; a clear failure when the packages are missing. */
  private static String bin(String program) {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin").resolve(program)))
          .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
          .orElseThrow(DebianPostgres::missing);
      return newest.resolve("bin").resolve(program).toString();
    } catch (IOException e) {
      throw missing();
    }
  }

  private static IllegalStateException missing() {
    return new IllegalStateException("Debian's PostgreSQL packages are missing (no /usr/lib/postgresql/<version>/bin):"
        + " run the tests with .ci/run, which installs them, or apt-get install -y postgresql");
  }

  /** Under /tmp, owned by postgres when we are root: the server must be able to write it. */
  private static Path newDirectory(String name) {
    try {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "queqiao-pg-" + name + "-");
      if (isRoot()) {
        exec(List.of("chown", "postgres:postgres", dir.toString()));
      }
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
