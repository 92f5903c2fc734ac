package org.queqiao.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.DebianPostgres;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/**
 * DATABASE_READ_URL with a real streaming replica (contract §16): with the replica's replay paused,
 * the public list still lacks an event just published on the primary — so the list is read from the
 * replica — while the member's own sign-up, made after the pause, shows on the event page, in the
 * API and as a ticket, and an event the replica has not seen yet still opens (read again from the
 * primary). Once replay resumes, the list catches up.
 */
class ReadReplicaTest {

  @Test
  void listsComeFromTheReplicaAndOwnWritesFromThePrimary() throws Exception {
    try (DebianPostgres primary = DebianPostgres.primary(); DebianPostgres replica = DebianPostgres.replicaOf(primary)) {
      Map<String, String> env = new HashMap<>(TestApp.baseEnvironment(
          Files.createTempDirectory(Path.of("target").toAbsolutePath(), "replica-")));
      env.put("DATABASE_URL", primary.url());
      env.put("DATABASE_READ_URL", replica.url());
      Application app = Application.start(AppConfig.fromEnvironment(env));
      try {
        Api api = new Api("http://127.0.0.1:" + app.port());
        String tag = Events.token();
        Api.Member organizer = Events.organizer(api, api.adminToken());
        long seen = Events.published(api, organizer.token(), Events.salon(tag + " 已复制", 20));
        Api.Member member = api.registerAndLogin();
        awaitReplayed(primary, replica);
        assertEquals(1, listed(api, tag), "the replica has the first event");

        query(replica, "SELECT pg_wal_replay_pause()");
        try {
          Api.Response signUp = api.post("/api/events/" + seen + "/rsvp", new JsonObject(), member.token());
          assertEquals(201, signUp.status(), signUp.toString());
          long unseen = Events.published(api, organizer.token(), Events.salon(tag + " 未复制", 20));
          assertEquals("t", query(primary, "SELECT (count(*) = 2) FROM events WHERE title LIKE '" + tag + "%'"));
          assertEquals("f", query(replica, "SELECT (count(*) = 2) FROM events WHERE title LIKE '" + tag + "%'"),
              "replay is paused: the replica lacks the new event");

          assertEquals(1, listed(api, tag), "the list is read from the replica, which lacks the new event");

          Api.Response event = api.get("/api/events/" + seen, member.token());
          assertEquals(200, event.status(), event.toString());
          JsonObject mine = event.json().getJsonObject("myRsvp");
          assertNotNull(mine, "the member's own sign-up is read from the primary: " + event.body());
          assertEquals("CONFIRMED", mine.getString("status"), event.body());
          Api.Response page = api.get("/events/" + seen + "?lang=en", member.token());
          assertEquals(200, page.status(), page.toString());
          assertTrue(page.body().contains("href=\"/events/" + seen + "/ticket\""), "the event page offers the ticket");
          Api.Response ticket = api.get("/api/events/" + seen + "/ticket", member.token());
          assertEquals(200, ticket.status(), ticket.toString());
          assertTrue(api.get("/api/me/rsvps", member.token()).body().contains("\"id\":" + seen), "my events");

          Api.Response fresh = api.get("/api/events/" + unseen, member.token());
          assertEquals(200, fresh.status(), "an event the replica lacks is read from the primary: " + fresh);
          Api.Response managed = api.get("/api/events/" + unseen + "/rsvps", organizer.token());
          assertEquals(200, managed.status(), "an organiser's checks read the primary: " + managed);
        } finally {
          query(replica, "SELECT pg_wal_replay_resume()");
        }
        awaitReplayed(primary, replica);
        assertEquals(2, listed(api, tag), "after replay resumes the list shows both events");
      } finally {
        app.close();
      }
    }
  }

  private static int listed(Api api, String tag) {
    Api.Response list = api.get("/api/events?q=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
    assertEquals(200, list.status(), list.toString());
    return list.json().getJsonArray("items").size();
  }

  private static void awaitReplayed(DebianPostgres primary, DebianPostgres replica) throws Exception {
    String target = query(primary, "SELECT pg_current_wal_lsn()::text");
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!"t".equals(query(replica, "SELECT (pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn)"))) {
      if (System.nanoTime() > deadline) {
        fail("the replica did not catch up with " + target + ": received "
            + query(replica, "SELECT pg_last_wal_receive_lsn()::text") + ", replayed "
            + query(replica, "SELECT pg_last_wal_replay_lsn()::text") + ", primary sees "
            + query(primary, "SELECT string_agg(state || ' ' || replay_lsn, ', ') FROM pg_stat_replication")
            + "\nreplica log:\n" + replica.logTail());
      }
      Thread.sleep(100);
    }
  }

  private static String query(DebianPostgres server, String sql) throws Exception {
    try (Connection conn = server.connect(); Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
