package org.queqiao.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.DebianPostgres;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/**
 * A database outage (contract §16) against a real PostgreSQL server: frozen for 30 s (SIGSTOP of
 * the postmaster and every backend, so connections neither answer nor break), then restarted. Every
 * request meanwhile — API, page, sign-up, health — is answered 503 within 10 s; afterwards the same
 * app serves again without a restart, and every sign-up it acknowledged is in the database.
 */
class DatabaseOutageTest {
  private static final long WITHIN_MS = 10_000;
  private static final long FROZEN_MS = 30_000;

  @Test
  void frozenOrRestartedDatabaseIsAnswered503QuicklyAndTheAppRecovers() throws Exception {
    try (DebianPostgres db = DebianPostgres.primary()) {
      Map<String, String> env = new HashMap<>(TestApp.baseEnvironment(
          Files.createTempDirectory(Path.of("target").toAbsolutePath(), "outage-")));
      env.put("DATABASE_URL", db.url());
      env.put("DB_POOL_SIZE", "8");
      Application app = Application.start(AppConfig.fromEnvironment(env));
      ExecutorService clients = Executors.newFixedThreadPool(16);
      try {
        Api api = new Api("http://127.0.0.1:" + app.port());
        Api.Member organizer = Events.organizer(api, api.adminToken());
        long event = Events.published(api, organizer.token(), Events.salon(Events.token() + " 停电演练", 500));
        List<Long> acknowledged = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          acknowledged.add(signUp(api, api.registerAndLogin(), event));
        }
        List<Api.Member> waiting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          waiting.add(api.registerAndLogin());
        }

        // A running instance has drawn its error pages before; a cold one compiles their templates first.
        assertEquals(404, api.get("/events/999999999?lang=en").status());
        assertEquals(404, api.get("/events/999999999").status());

        long frozenAt = System.currentTimeMillis();
        db.freeze();
        try {
          List<Future<Answer>> first = new ArrayList<>();
          for (Api.Member m : waiting.subList(0, 6)) {
            first.add(clients.submit(() -> timed(() -> api.post("/api/events/" + event + "/rsvp", new JsonObject(), m.token()))));
          }
          first.add(clients.submit(() -> timed(() -> api.get("/api/events"))));
          first.add(clients.submit(() -> timed(() -> api.get("/api/events/" + event, organizer.token()))));
          first.add(clients.submit(() -> timed(() -> api.get("/events/" + event + "?lang=en"))));
          first.add(clients.submit(() -> timed(() -> api.get("/"))));
          first.add(clients.submit(() -> timed(() -> api.get("/health"))));
          assertAll503Quickly("at the start of the freeze", first);

          // Later in the outage the first requests' connections are still stuck on the frozen server.
          Thread.sleep(Math.max(0, frozenAt + 18_000 - System.currentTimeMillis()));
          List<Future<Answer>> later = new ArrayList<>();
          later.add(clients.submit(() -> timed(() -> api.post("/api/events/" + event + "/rsvp", new JsonObject(),
              waiting.get(6).token()))));
          later.add(clients.submit(() -> timed(() -> api.get("/api/events"))));
          later.add(clients.submit(() -> timed(() -> api.get("/api/me/rsvps", organizer.token()))));
          later.add(clients.submit(() -> timed(() -> api.post("/api/auth/login",
              new JsonObject().put("login", organizer.login()).put("password", organizer.password()), null))));
          assertAll503Quickly("late in the freeze", later);
          Thread.sleep(Math.max(0, frozenAt + FROZEN_MS - System.currentTimeMillis()));
        } finally {
          db.thaw();
        }
        awaitServing(api, "after the freeze");
        acknowledged.add(signUp(api, waiting.get(7), event));

        Api.Member late = api.registerAndLogin();
        db.stop();
        try {
          List<Future<Answer>> down = new ArrayList<>();
          down.add(clients.submit(() -> timed(() -> api.get("/api/events"))));
          down.add(clients.submit(() -> timed(() -> api.post("/api/events/" + event + "/rsvp", new JsonObject(),
              late.token()))));
          down.add(clients.submit(() -> timed(() -> api.get("/events/" + event))));
          assertAll503Quickly("while the server is stopped", down);
        } finally {
          db.start();
        }
        awaitServing(api, "after the restart");
        acknowledged.add(signUp(api, api.registerAndLogin(), event));

        try (Connection conn = db.connect();
             PreparedStatement rsvp = conn.prepareStatement("SELECT count(*) FROM rsvps WHERE event_id = ? AND user_id = ?");
             PreparedStatement pool = conn.prepareStatement("SELECT p.confirmed = (SELECT count(*) FROM rsvps r"
                 + " WHERE r.event_id = p.event_id AND r.status = 'CONFIRMED') FROM event_pools p WHERE p.event_id = ?")) {
          for (long user : acknowledged) {
            rsvp.setLong(1, event);
            rsvp.setLong(2, user);
            try (ResultSet rs = rsvp.executeQuery()) {
              rs.next();
              assertEquals(1, rs.getInt(1), "the acknowledged sign-up of member " + user + " is kept");
            }
          }
          pool.setLong(1, event);
          try (ResultSet rs = pool.executeQuery()) {
            rs.next();
            assertTrue(rs.getBoolean(1), "the pool's seat count still matches its confirmed sign-ups");
          }
        }
      } finally {
        clients.shutdownNow();
        app.close();
      }
    }
  }

  private record Answer(int status, long millis, String body) {}

  private interface Call {
    Api.Response send();
  }

  private static Answer timed(Call call) {
    long start = System.nanoTime();
    Api.Response response = call.send();
    return new Answer(response.status(), (System.nanoTime() - start) / 1_000_000, response.body());
  }

  private static void assertAll503Quickly(String when, List<Future<Answer>> answers) throws Exception {
    for (Future<Answer> future : answers) {
      Answer answer = future.get();
      assertEquals(503, answer.status(), when + ": " + answer);
      assertTrue(answer.millis() < WITHIN_MS, when + ", answered after " + answer.millis() + " ms: " + answer);
    }
  }

  private static long signUp(Api api, Api.Member member, long event) {
    Api.Response response = api.post("/api/events/" + event + "/rsvp", new JsonObject(), member.token());
    assertEquals(201, response.status(), response.toString());
    return member.id();
  }

  private static void awaitServing(Api api, String when) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      if (api.get("/api/events").status() == 200 && api.get("/health").status() == 200) {
        return;
      }
      Thread.sleep(250);
    }
    fail("the app did not serve again within 20 s " + when);
  }
}
