package org.queqiao.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the app starts for itself when no DATABASE_URL is given. Its data lives in
 * {@code DATA_DIR/pg} and is meant to be real data: zonky's test-friendly defaults (fsync and
 * synchronous_commit off) are turned back on.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String LOCK_FILE = "epg-lock";

  private final EmbeddedPostgres postgres;
  private final DatabaseTarget target;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.target = new DatabaseTarget("localhost", postgres.getPort(), "postgres", "postgres", "",
        "embedded PostgreSQL in " + dataDirectory + " (port " + postgres.getPort() + ")");
  }

  public static EmbeddedDatabase start(Path dataDir) {
    Path pgData = dataDir.resolve("pg");
    try {
      Files.createDirectories(pgData);
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"));
      stopOrphanedPostmaster(pgData);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("max_connections", "200")
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      return new EmbeddedDatabase(postgres, pgData);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData, e);
    }
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
