package org.queqiao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.queqiao.config.AppConfig;
import org.queqiao.db.DatabaseTarget;
import org.queqiao.db.Migrations;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

/**
 * Issue 14: a data directory made by an earlier version (trust authentication, every table owned
 * by the superuser) keeps its data and, on its first start with this version, asks every
 * connection for a password and lets the app work as a role without superuser rights.
 */
class EmbeddedDatabaseUpgradeTest {

  @Test
  void aTrustingDataDirectoryOfAnEarlierVersionIsMigratedToPasswordsAndAnAppRoleAndKeepsItsData() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "upgrade-data-");
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"));
    // What an earlier version left: zonky's initdb with trust, the schema made as the superuser.
    try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("pg"))
        .setCleanDataDirectory(false).start()) {
      Migrations.migrate(new DatabaseTarget("localhost", old.getPort(), "postgres", "postgres", "", "old layout"));
      try (Connection db = old.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
        sql.execute("INSERT INTO unions (name) VALUES ('升级前的工会')");
      }
    }

    for (int start = 1; start <= 2; start++) {
      try (Application app = Application.start(AppConfig.fromEnvironment(TestApp.baseEnvironment(dataDir)))) {
        Api api = new Api("http://127.0.0.1:" + app.port());
        Api.Response unions = api.get("/api/unions");
        assertEquals(200, unions.status(), unions.toString());
        assertTrue(unions.body().contains("升级前的工会"), "start " + start + ": the old data is still there: " + unions.body());
        Api.Member member = api.registerAndLogin();
        assertEquals(200, api.get("/api/me", member.token()).status(), "start " + start + ": the app writes as its own role");
        assertEquals("queqiao", app.database().user());
        StartupTest.assertEmbeddedDatabaseTrustsNobody(dataDir);
      }
    }
  }
}
