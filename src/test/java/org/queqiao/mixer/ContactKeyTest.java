package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.Mixers;
import org.queqiao.support.Roles;
import org.queqiao.support.TestApp;

/**
 * The key that seals contact cards (contract §9, issue 13): an instance whose key opens none of the
 * stored cards refuses to start rather than lose them; with the new key as CONTACT_KEY and the old
 * one as CONTACT_KEY_PREVIOUS it starts, reads everything, and the "contact-key-rotation" job
 * re-seals cards and contact snapshots so that the new key alone suffices afterwards. Without a key
 * and without DATA_DIR/contact-key, existing cards stop the start instead of a new key being made.
 * Each test has a database of its own.
 */
class ContactKeyTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<Application> started = new ArrayList<>();

  @AfterEach
  void stopInstances() {
    for (Application app : started) {
      try {
        app.close();
      } catch (RuntimeException e) {
        // already stopped
      }
    }
  }

  private static String newKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  private static Path dataDir() throws Exception {
    return Files.createTempDirectory(Path.of("target"), "contact-key-");
  }

  private static Map<String, String> env(String database, Path dataDir, String key, String previous) {
    Map<String, String> env = TestApp.baseEnvironment(dataDir);
    env.put("DATABASE_URL", database);
    env.put("HTTP_INSTANCES", "1");
    env.remove("CONTACT_KEY");
    if (key != null) {
      env.put("CONTACT_KEY", key);
    }
    if (previous != null) {
      env.put("CONTACT_KEY_PREVIOUS", previous);
    }
    return env;
  }

  private Application start(Map<String, String> env) {
    Application app = Application.start(AppConfig.fromEnvironment(env));
    started.add(app);
    return app;
  }

  private void assertRefusesToStart(Map<String, String> env, String why) {
    Application app;
    try {
      app = Application.start(AppConfig.fromEnvironment(env));
    } catch (RuntimeException expected) {
      return;
    }
    started.add(app);
    fail(why);
  }

  private void stop(Application app) {
    started.remove(app);
    app.close();
  }

  private static Api api(Application app) {
    return new Api("http://127.0.0.1:" + app.port());
  }

  private static Connection jdbc(String database) throws SQLException {
    var db = TestApp.get().database();
    return DriverManager.getConnection("jdbc:" + database.replaceFirst("//[^@]*@", "//"), db.user(), db.password());
  }

  private static Set<String> column(String database, String sql) throws SQLException {
    Set<String> values = new HashSet<>();
    try (Connection conn = jdbc(database); Statement st = conn.createStatement(); ResultSet rows = st.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static Set<String> keyIds(String database) throws SQLException {
    Set<String> ids = column(database, "SELECT key_id FROM contact_cards");
    ids.addAll(column(database, "SELECT snapshot_key_id FROM disclosures WHERE snapshot_ciphertext IS NOT NULL"));
    return ids;
  }

  private static void makeJobDue(String database, String job) throws SQLException {
    try (Connection conn = jdbc(database);
        var st = conn.prepareStatement("UPDATE scheduled_jobs SET next_run_at = now() WHERE name = ?")) {
      st.setString(1, job);
      assertEquals(1, st.executeUpdate(), "no such job: " + job);
    }
  }

  /** Two members of a mixer who marked each other on this instance; returns them with their cards. */
  private record Pair(Api.Member a, Api.Member b, JsonObject cardA, JsonObject cardB) {}

  private static Pair matchedPair(Api api) {
    String admin = api.adminToken();
    Api.Member organizer = api.registerAndLogin(new JsonObject().put("displayName", "钥匙组织者"));
    Roles.set(api, admin, organizer.id(), "ORGANIZER");
    long mixer = Mixers.mixer(api, organizer.token(), 10);
    List<Api.Member> members = new ArrayList<>();
    List<JsonObject> cards = new ArrayList<>();
    List<Integer> badges = new ArrayList<>();
    for (String gender : List.of("FEMALE", "MALE")) {
      Api.Member m = api.registerAndLogin(new JsonObject().put("displayName", "钥匙会员").put("nickname", "钥匙" + Mixers.tag())
          .put("gender", gender).put("birthYear", 1993));
      JsonObject card = new JsonObject().put("phone", Mixers.newPhone()).put("wechat", "wx_key_" + Mixers.tag());
      assertEquals(200, api.put("/api/me/contact-card", card, m.token()).status());
      badges.add(Mixers.attend(api, mixer, organizer.token(), m.token()));
      members.add(m);
      cards.add(card);
    }
    for (int i = 0; i < 2; i++) {
      Api.Response marked = api.put("/api/events/" + mixer + "/mixer/likes/" + badges.get(1 - i),
          new JsonObject().put("consentVersion", "mixer-mark-1").put("fields", new JsonArray().add("phone").add("wechat")),
          members.get(i).token());
      assertEquals(204, marked.status(), marked.body());
    }
    return new Pair(members.get(0), members.get(1), cards.get(0), cards.get(1));
  }

  /** Both can read their own cards and see each other's in their matches. */
  private static void assertReadable(Api api, Pair pair) {
    for (int i = 0; i < 2; i++) {
      Api.Member me = i == 0 ? pair.a() : pair.b();
      JsonObject mine = i == 0 ? pair.cardA() : pair.cardB();
      JsonObject theirs = i == 0 ? pair.cardB() : pair.cardA();
      Api.Response card = api.get("/api/me/contact-card", me.token());
      assertEquals(200, card.status(), card.body());
      assertEquals(mine, card.json());
      Api.Response matches = api.get("/api/me/matches", me.token());
      assertEquals(200, matches.status(), matches.body());
      assertEquals(1, matches.jsonArray().size(), matches.body());
      assertEquals(theirs, matches.jsonArray().getJsonObject(0).getJsonObject("contact"), matches.body());
    }
  }

  @Test
  void aNewKeyStartsOnlyBesideThePreviousOneUntilTheRotationJobHasResealedEverything() throws Exception {
    String database = TestApp.freshDatabaseUrl("contact_key_rotation");
    String oldKey = newKey();
    String newKey = newKey();

    Application first = start(env(database, dataDir(), oldKey, null));
    Pair pair = matchedPair(api(first));
    assertReadable(api(first), pair);
    stop(first);
    Set<String> oldIds = keyIds(database);
    assertEquals(1, oldIds.size(), "one key sealed every card and snapshot: " + oldIds);

    assertRefusesToStart(env(database, dataDir(), newKey, null),
        "an instance whose CONTACT_KEY opens none of the stored cards must not start");

    Application rotating = start(env(database, dataDir(), newKey, oldKey));
    assertReadable(api(rotating), pair);
    makeJobDue(database, "contact-key-rotation");
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline && keyIds(database).stream().anyMatch(oldIds::contains)) {
      Thread.sleep(200);
    }
    Set<String> newIds = keyIds(database);
    assertFalse(newIds.stream().anyMatch(oldIds::contains), "the job re-sealed everything: " + oldIds + " → " + newIds);
    assertEquals(1, newIds.size(), newIds.toString());
    assertReadable(api(rotating), pair);
    stop(rotating);

    Application rotated = start(env(database, dataDir(), newKey, null));
    assertReadable(api(rotated), pair);
    stop(rotated);
    assertRefusesToStart(env(database, dataDir(), oldKey, null), "the old key alone opens nothing any more");
  }

  @Test
  void withoutAKeyOrItsFileExistingCardsStopTheStartInsteadOfANewKeyBeingMade() throws Exception {
    String database = TestApp.freshDatabaseUrl("contact_key_file");
    Path original = dataDir();
    Application first = start(env(database, original, null, null));
    assertTrue(Files.isRegularFile(original.resolve("contact-key")), "a key is made once when there is none");
    Pair pair = matchedPair(api(first));
    stop(first);

    Path empty = dataDir();
    assertRefusesToStart(env(database, empty, null, null),
        "cards exist, so a missing key file must stop the start rather than a new key be made");
    assertFalse(Files.exists(empty.resolve("contact-key")), "no new key was written");

    Application again = start(env(database, original, null, null));
    assertReadable(api(again), pair);
    stop(again);

    String fromFile = Files.readString(original.resolve("contact-key")).strip();
    Application byVariable = start(env(database, dataDir(), fromFile, null));
    assertReadable(api(byVariable), pair);
  }

  @Test
  void aFreshDatabaseStartsWithAnyKey() throws Exception {
    String database = TestApp.freshDatabaseUrl("contact_key_fresh");
    Application app = start(env(database, dataDir(), newKey(), newKey()));
    Api api = api(app);
    Api.Member member = api.registerAndLogin(new JsonObject().put("displayName", "新库会员"));
    JsonObject card = new JsonObject().put("wechat", "wx_fresh_" + Mixers.tag());
    assertEquals(200, api.put("/api/me/contact-card", card, member.token()).status());
    assertEquals(card, api.get("/api/me/contact-card", member.token()).json());
  }
}
