package org.queqiao.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flyway over JDBC: blocking, so it runs on the main thread before Vert.x serves anything. */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static void migrate(DatabaseTarget target) {
    MigrateResult result = Flyway.configure()
        .dataSource(target.jdbcUrl(), target.user(), target.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    LOG.info("Database schema at version {} ({} migrations applied now)",
        result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
        result.migrationsExecuted);
    warnIfSuperuser(target);
  }

  /** A superuser can read the server's files (our key files too, where they are local): say so. */
  private static void warnIfSuperuser(DatabaseTarget target) {
    try (Connection conn = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
         Statement sql = conn.createStatement();
         ResultSet rs = sql.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
      if (rs.next() && rs.getBoolean(1)) {
        LOG.warn("The app connects to {} as the superuser {}; give it a role without superuser rights"
            + " (docs/security.md, \"The database's privileges\")", target, target.user());
      }
    } catch (SQLException e) {
      LOG.debug("Could not check the database role's rights", e);
    }
  }
}
