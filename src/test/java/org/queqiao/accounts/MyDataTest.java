package org.queqiao.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.Mixers;
import org.queqiao.support.Rsvps;
import org.queqiao.support.TestApp;

/**
 * A member's rights over their data (contract §9, issue 13): everything the service holds about
 * them as one JSON download (and nothing of others beyond what was disclosed to them), deleting the
 * account with the password (gone, yet others' counts, waitlists and logs stay coherent), and the
 * privacy notice that states the configured retention periods, linked from where data is entered.
 */
class MyDataTest {
  private static final Set<String> EXPORT_KEYS = Set.of("profile", "contactCard", "signUps", "checkins", "marks",
      "introRequests", "matches", "disclosures", "consents", "notifications");

  private static Api api;
  private static String admin;
  private static Members.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    admin = api.adminToken();
    organizer = Mixers.withRole(api, admin, "ORGANIZER", "数据权利组织者");
  }

  /** A member who signs in with a password, with a mixer profile and a card of a phone and a WeChat ID. */
  private record Person(Api.Member member, String nickname, String phone, String wechat) {
    String token() {
      return member.token();
    }

    long id() {
      return member.id();
    }
  }

  private static Person person(String nickname, String gender) {
    String nick = nickname + Mixers.tag();
    Api.Member member = api.registerAndLogin(new JsonObject().put("displayName", "数据会员").put("nickname", nick)
        .put("gender", gender).put("birthYear", 1992));
    String phone = Mixers.newPhone();
    String wechat = "wx_data_" + Mixers.tag();
    Api.Response saved = api.put("/api/me/contact-card", new JsonObject().put("phone", phone).put("wechat", wechat),
        member.token());
    assertEquals(200, saved.status(), saved.body());
    return new Person(member, nick, phone, wechat);
  }

  private static JsonObject consent(String... fields) {
    return new JsonObject().put("consentVersion", "mixer-mark-1").put("fields", new JsonArray(List.of((Object[]) fields)));
  }

  private static void mark(long mixer, Person who, int badge, String... fields) {
    Api.Response marked = api.put("/api/events/" + mixer + "/mixer/likes/" + badge, consent(fields), who.token());
    assertEquals(204, marked.status(), marked.body());
  }

  private static long count(String sql, Object... args) {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      try (ResultSet rows = st.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(String sql, Object... args) {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String passwordHash(long userId) {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
      st.setLong(1, userId);
      try (ResultSet rows = st.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Api.Response deleteMe(Object body, String token) {
    return api.send("/api/me", "DELETE", body, token, Map.of());
  }

  // --- export ---

  @Test
  void theExportHoldsMyDataAndOfOthersOnlyWhatWasDisclosedToMe() {
    Person me = person("导出", "FEMALE");
    Person partner = person("配对", "MALE");
    Person asked = person("请求", "MALE");
    Person admirer = person("暗恋", "MALE");
    long mixer = Mixers.mixer(api, organizer.token(), 10);
    int mine = Mixers.attend(api, mixer, organizer.token(), me.token());
    int partners = Mixers.attend(api, mixer, organizer.token(), partner.token());
    int askeds = Mixers.attend(api, mixer, organizer.token(), asked.token());
    Mixers.attend(api, mixer, organizer.token(), admirer.token());
    mark(mixer, me, partners, "wechat");
    mark(mixer, partner, mine, "phone");
    mark(mixer, admirer, mine, "phone", "wechat");
    Api.Response request = api.post("/api/events/" + mixer + "/intro-requests",
        new JsonObject().put("targetBadge", askeds).put("message", "导出测试的留言"), me.token());
    assertEquals(201, request.status(), request.body());

    Api.Response export = api.get("/api/me/export", me.token());
    assertEquals(200, export.status(), export.body());
    assertTrue(export.header("Content-Type").orElse("").startsWith("application/json"), export.headers().toString());
    JsonObject data = export.json();
    assertTrue(data.fieldNames().containsAll(EXPORT_KEYS), "every part of my data: " + data.fieldNames());

    assertTrue(data.getJsonObject("profile").encode().contains(me.member().login()), data.getJsonObject("profile").encode());
    assertTrue(data.getJsonObject("profile").encode().contains(me.nickname()));
    assertEquals(new JsonObject().put("phone", me.phone()).put("wechat", me.wechat()), data.getJsonObject("contactCard"));
    assertTrue(data.getJsonArray("signUps").encode().contains(Long.toString(mixer)), data.getJsonArray("signUps").encode());
    assertFalse(data.getJsonArray("checkins").isEmpty(), "my check-in at the mixer");
    assertEquals(1, data.getJsonArray("marks").size(), data.getJsonArray("marks").encode());
    // My requests, as a list or as {"outgoing","incoming"} like GET /api/me/intro-requests.
    Object requests = data.getValue("introRequests");
    JsonArray outgoing = requests instanceof JsonArray list ? list : ((JsonObject) requests).getJsonArray("outgoing");
    assertEquals(1, outgoing.size(), String.valueOf(requests));
    assertTrue(outgoing.encode().contains("导出测试的留言"));
    assertEquals(1, data.getJsonArray("matches").size(), data.getJsonArray("matches").encode());
    assertTrue(data.getJsonArray("matches").encode().contains(partner.phone()), "what was disclosed to me is mine to export");
    assertFalse(data.getJsonArray("disclosures").isEmpty(), "my card went to my partner");
    assertTrue(data.getJsonArray("consents").size() >= 2, "the mark and the request: " + data.getJsonArray("consents"));
    assertFalse(data.getJsonArray("notifications").isEmpty());

    String all = export.body();
    for (Person other : List.of(partner, asked, admirer)) {
      assertFalse(all.contains(other.member().login()), "another member's login: " + other.member().login());
    }
    assertFalse(all.contains(partner.wechat()), "my partner shared only the phone number");
    for (Person other : List.of(asked, admirer)) {
      assertFalse(all.contains(other.phone()) || all.contains(other.wechat()), "contact details never disclosed to me");
    }
    assertFalse(all.contains(admirer.nickname()), "a mark on me that I did not return shows nowhere");
    assertFalse(all.contains(passwordHash(me.id())), "no password hash");
  }

  @Test
  void theExportAndTheDataPageAreForTheSignedInMemberOnly() {
    Person me = person("页面", "FEMALE");
    assertEquals(401, api.get("/api/me/export").status());
    Api.Response page = api.get("/me/data", me.token());
    assertEquals(200, page.status(), page.body());
    assertTrue(Pattern.compile("<a [^>]*href=\"[^\"]*export[^\"]*\"").matcher(page.body()).find(),
        "the page links to the download: " + page.body());
    assertTrue(page.body().contains("href=\"/privacy\""), "and to the privacy notice");
    assertNotEquals(200, api.get("/me/data").status(), "signed-out visitors are sent to sign in");
  }

  // --- deleting the account ---

  @Test
  void deletingMyAccountNeedsMyPasswordAndARefusalDeletesNothing() {
    Person me = person("删号", "FEMALE");
    for (Object body : List.of(new JsonObject(), new JsonObject().put("password", "wrong-password-1"),
        new JsonObject().put("password", ""), new JsonObject().put("password", 12345678))) {
      Api.Response refused = deleteMe(body, me.token());
      assertEquals(400, refused.status(), body + ": " + refused);
      assertEquals("VALIDATION_FAILED", refused.errorCode());
      assertNotNull(refused.json().getJsonObject("error").getJsonObject("fields").getValue("password"), refused.body());
    }
    assertEquals(401, deleteMe(new JsonObject().put("password", me.member().password()), null).status());
    assertEquals(200, api.get("/api/me", me.token()).status(), "still there");
    assertEquals(new JsonObject().put("phone", me.phone()).put("wechat", me.wechat()),
        api.get("/api/me/contact-card", me.token()).json());
    api.login(me.member().login(), me.member().password());
  }

  @Test
  void aDeletedAccountIsGoneButOthersSeatsCountsAndMatchesStayCoherent() {
    Person me = person("离开", "FEMALE");
    Person partner = person("伙伴", "MALE");
    Person other = person("另一位", "MALE");
    Api.Member waiting = api.registerAndLogin(new JsonObject().put("displayName", "候补会员"));

    // An upcoming salon where I hold the only seat and someone waits.
    long upcoming = Events.published(api, organizer.token(), Events.salon("读书会 " + Events.token(), 1));
    assertEquals("CONFIRMED", api.post("/api/events/" + upcoming + "/rsvp", null, me.token()).json().getString("status"));
    assertEquals("WAITLISTED", api.post("/api/events/" + upcoming + "/rsvp", null, waiting.token()).json().getString("status"));
    // A past event I attended.
    long past = Events.published(api, organizer.token(), Events.salon("往期读书会 " + Events.token(), 5));
    assertEquals(201, api.post("/api/events/" + past + "/rsvp", null, me.token()).status());
    assertEquals(201, api.post("/api/events/" + past + "/rsvp", null, waiting.token()).status());
    execute("UPDATE events SET starts_at = now() - interval '3 days', ends_at = now() - interval '3 days' + interval '2 hours',"
        + " registration_opens_at = NULL, registration_closes_at = NULL WHERE id = ?", past);
    JsonObject pastBefore = Events.pool(Events.get(api, admin, past), "main");
    // A mixer: a match with my partner, a mark on someone else, a request to them.
    long mixer = Mixers.mixer(api, organizer.token(), 10);
    int mine = Mixers.attend(api, mixer, organizer.token(), me.token());
    int partners = Mixers.attend(api, mixer, organizer.token(), partner.token());
    int others = Mixers.attend(api, mixer, organizer.token(), other.token());
    mark(mixer, me, partners, "phone", "wechat");
    mark(mixer, partner, mine, "wechat");
    mark(mixer, me, others, "phone");
    assertEquals(201, api.post("/api/events/" + mixer + "/intro-requests",
        new JsonObject().put("targetBadge", others).put("message", "删号前的请求"), me.token()).status());
    assertTrue(count("SELECT count(*) FROM notifications WHERE user_id = ?", me.id()) > 0);

    Api.Response deleted = deleteMe(new JsonObject().put("password", me.member().password()), me.token());
    assertEquals(204, deleted.status(), deleted.body());

    assertEquals(401, api.get("/api/me", me.token()).status(), "the token is refused");
    Api.Response signIn = api.post("/api/auth/login",
        new JsonObject().put("login", me.member().login()).put("password", me.member().password()), null);
    Api.Response unknown = api.post("/api/auth/login",
        new JsonObject().put("login", Api.newPhone()).put("password", me.member().password()), null);
    assertEquals(401, signIn.status(), signIn.body());
    assertEquals("INVALID_CREDENTIALS", signIn.errorCode());
    assertEquals(unknown.status(), signIn.status());
    assertEquals(unknown.body(), signIn.body(), "the same answer as for a login that never existed");

    for (String[] table : new String[][] {{"contact_cards", "user_id"}, {"mixer_likes", "from_user"},
        {"mixer_likes", "to_user"}, {"intro_requests", "from_user"}, {"notifications", "user_id"}, {"consents", "user_id"}}) {
      assertEquals(0, count("SELECT count(*) FROM " + table[0] + " WHERE " + table[1] + " = ?", me.id()),
          table[0] + "." + table[1] + " still holds my rows");
    }

    // My seat went to the head of the waitlist; the past event still counts me.
    assertEquals("CONFIRMED", Rsvps.mine(api, waiting.token(), upcoming).getString("status"));
    JsonObject upcomingPool = Events.pool(Events.get(api, admin, upcoming), "main");
    assertEquals(1, upcomingPool.getInteger("confirmed"));
    assertEquals(0, upcomingPool.getInteger("waitlisted"));
    JsonObject pastAfter = Events.pool(Events.get(api, admin, past), "main");
    assertEquals(pastBefore.getInteger("confirmed"), pastAfter.getInteger("confirmed"), "past sign-ups stay as counts");

    // My partner sees a deleted member without contact; the one I asked no longer has my request.
    Api.Response theirs = api.get("/api/me/matches", partner.token());
    assertEquals(200, theirs.status(), theirs.body());
    List<JsonObject> entries = new ArrayList<>();
    theirs.jsonArray().forEach(o -> {
      if (((JsonObject) o).getLong("eventId") == mixer) {
        entries.add((JsonObject) o);
      }
    });
    assertEquals(1, entries.size(), theirs.body());
    assertEquals(Boolean.TRUE, entries.get(0).getBoolean("deleted"), entries.get(0).encode());
    assertEquals(new JsonObject(), entries.get(0).getJsonObject("contact"));
    assertFalse(theirs.body().contains(me.phone()) || theirs.body().contains(me.wechat()));
    assertFalse(theirs.body().contains(me.nickname()), "a deleted member is not named: " + theirs.body());
    Api.Response people = api.get("/api/events/" + mixer + "/mixer/people", other.token());
    assertFalse(people.body().contains(me.nickname()), people.body());

    // The login is free again.
    Api.Response again = api.post("/api/auth/register", new JsonObject().put("login", me.member().login())
        .put("password", "another-password-9").put("displayName", "新的我"), null);
    assertEquals(201, again.status(), again.body());
    assertNotEquals(me.id(), again.json().getLong("id"));
    String token = api.login(me.member().login(), "another-password-9");
    assertEquals(new JsonObject(), api.get("/api/me/contact-card", token).json(), "a new account starts empty");
  }

  // --- the privacy notice ---

  private static final Pattern DAYS_ZH = Pattern.compile("(\\d+)\\s*(?:天|日)");
  private static final Pattern DAYS_EN = Pattern.compile("(\\d+)\\s*days?");

  private static Set<String> days(String html, Pattern pattern) {
    Set<String> found = new java.util.HashSet<>();
    var m = pattern.matcher(html);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void thePrivacyNoticeIsPublicInChineseOrEnglishAndStatesTheRetentionPeriods() {
    Api.Response zh = api.get("/privacy");
    assertEquals(200, zh.status(), zh.body());
    assertTrue(zh.header("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(zh.body().contains("<html lang=\"zh-CN\">"), "Chinese by default");
    assertTrue(days(zh.body(), DAYS_ZH).containsAll(Set.of("7", "30", "365")), "the default periods: " + days(zh.body(), DAYS_ZH));

    Api.Response en = api.get("/privacy?lang=en");
    assertEquals(200, en.status());
    assertTrue(en.body().contains("<html lang=\"en\">"), "English when asked in the address");
    assertTrue(days(en.body(), DAYS_EN).containsAll(Set.of("7", "30", "365")), days(en.body(), DAYS_EN).toString());
    Api browser = TestApp.browser();
    browser.setCookie("qq_lang", "en");
    Api.Response cookie = browser.get("/privacy");
    assertTrue(cookie.body().contains("<html lang=\"en\">"), "and with the language cookie");
  }

  @Test
  void thePrivacyNoticeStatesTheConfiguredPeriods() throws Exception {
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "privacy-"));
    env.put("DATABASE_URL", TestApp.freshDatabaseUrl("privacy_periods"));
    env.put("HTTP_INSTANCES", "1");
    env.put("MIXER_MATCHING_DAYS", "9");
    env.put("MIXER_RETENTION_DAYS", "41");
    env.put("DISCLOSURE_RETENTION_DAYS", "400");
    try (Application app = Application.start(AppConfig.fromEnvironment(env))) {
      Api other = new Api("http://127.0.0.1:" + app.port());
      Api.Response page = other.get("/privacy");
      assertEquals(200, page.status(), page.body());
      Set<String> zh = days(page.body(), DAYS_ZH);
      assertTrue(zh.containsAll(Set.of("9", "41", "400")), "the configured periods: " + zh + "\n" + page.body());
      assertFalse(zh.contains("365"), "not the defaults: " + zh);
      Api english = new Api("http://127.0.0.1:" + app.port(), true);
      english.setCookie("qq_lang", "en");
      Set<String> en = days(english.get("/privacy").body(), DAYS_EN);
      assertTrue(en.containsAll(Set.of("9", "41", "400")), en.toString());
    }
  }

  @Test
  void registrationTheContactCardAndTheMixerPageLinkToThePrivacyNotice() {
    assertTrue(api.get("/register").body().contains("href=\"/privacy\""), "the registration page");
    Person me = person("隐私", "FEMALE");
    Api.Response card = api.get("/me/contact-card", me.token());
    assertEquals(200, card.status());
    assertTrue(card.body().contains("href=\"/privacy\""), "the contact card page");
    long mixer = Mixers.mixer(api, organizer.token(), 10);
    Mixers.attend(api, mixer, organizer.token(), me.token());
    Api.Response page = api.get("/events/" + mixer + "/mixer", me.token());
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("href=\"/privacy\""), "the mixer page");
  }
}
