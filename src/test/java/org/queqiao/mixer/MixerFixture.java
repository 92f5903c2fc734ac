package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.queqiao.support.Api;
import org.queqiao.support.Members;
import org.queqiao.support.Mixers;
import org.queqiao.support.TestApp;

/**
 * Mixers with consent (contract §9) for the tests of issue 13: attendees with a card, a mixer with a
 * matchmaker assigned to it, marks and answers that carry {@code {"consentVersion","fields"}}, and
 * the member's own views (matches, disclosures, receipts, notifications) of one mixer.
 */
final class MixerFixture {
  static final String MARK = "mixer-mark-1";
  static final String REQUEST = "intro-request-1";
  static final String ACCEPT = "intro-answer-1";

  static final Api API = TestApp.api();
  private static String admin;
  private static Members.Member organizer;
  private static Members.Member matchmaker;

  private MixerFixture() {}

  static synchronized String admin() {
    if (admin == null) {
      admin = API.adminToken();
    }
    return admin;
  }

  /** The organiser of every mixer made here. */
  static synchronized Members.Member organizer() {
    if (organizer == null) {
      organizer = Mixers.withRole(API, admin(), "ORGANIZER", "同意测试组织者");
    }
    return organizer;
  }

  /** A matchmaker assigned (as event staff) to every mixer made here. */
  static synchronized Members.Member matchmaker() {
    if (matchmaker == null) {
      matchmaker = Mixers.withRole(API, admin(), "MATCHMAKER", "同意测试红娘");
    }
    return matchmaker;
  }

  /** A published mixer with these attendees checked in (badges in the same order). */
  record Mixer(long id, List<Mixers.Attendee> people, List<Integer> badges) {
    Mixers.Attendee person(int i) {
      return people.get(i);
    }

    String token(int i) {
      return people.get(i).token();
    }

    int badge(int i) {
      return badges.get(i);
    }

    String path(String rest) {
      return "/api/events/" + id + rest;
    }
  }

  /** Members with a card of a fresh phone number and WeChat ID, nicknames made unique, genders alternating. */
  static List<Mixers.Attendee> attendees(String... nicknames) {
    List<String> names = new ArrayList<>();
    String tag = Mixers.tag();
    for (String n : nicknames) {
      names.add(n + tag);
    }
    return Mixers.attendees(API, names, List.of("MALE", "FEMALE"), true);
  }

  static Mixer mixer(List<Mixers.Attendee> people) {
    long id = Mixers.mixer(API, organizer().token(), Math.max(20, people.size() * 2 + 2));
    assign(id, matchmaker().id());
    List<Integer> badges = new ArrayList<>();
    for (Mixers.Attendee p : people) {
      badges.add(Mixers.attend(API, id, organizer().token(), p.token()));
    }
    return new Mixer(id, people, badges);
  }

  static Mixer mixer(int attendees) {
    String[] names = new String[attendees];
    for (int i = 0; i < attendees; i++) {
      names[i] = "会员" + (char) ('A' + i);
    }
    return mixer(attendees(names));
  }

  /** The organiser makes this user (who holds the MATCHMAKER role) the event's matchmaker. */
  static void assign(long eventId, long userId) {
    Api.Response added = API.put("/api/events/" + eventId + "/staff/" + userId, new JsonObject().put("role", "MATCHMAKER"),
        organizer().token());
    assertEquals(200, added.status(), "could not assign the matchmaker: " + added);
  }

  // --- consent ---

  static JsonObject consent(String version, String... fields) {
    return new JsonObject().put("consentVersion", version).put("fields", new JsonArray(List.of((Object[]) fields)));
  }

  /** The field names on the member's card now, as a consent lists them. */
  static String[] cardFields(String token) {
    Api.Response card = API.get("/api/me/contact-card", token);
    assertEquals(200, card.status(), card.body());
    return List.of("phone", "wechat", "email", "note").stream().filter(card.json()::containsKey).toArray(String[]::new);
  }

  static Api.Response mark(Mixer m, int who, int target, String... fields) {
    return API.put(m.path("/mixer/likes/" + m.badge(target)), consent(MARK, fields), m.token(who));
  }

  /** A mark consenting to every field on the marker's card. */
  static Api.Response markSharingAll(Mixer m, int who, int target) {
    return mark(m, who, target, cardFields(m.token(who)));
  }

  static Api.Response unmark(Mixer m, int who, int target) {
    return Mixers.delete(API, m.path("/mixer/likes/" + m.badge(target)), m.token(who));
  }

  static Api.Response request(Mixer m, int who, int target, String message) {
    return API.post(m.path("/intro-requests"), new JsonObject().put("targetBadge", m.badge(target)).put("message", message),
        m.token(who));
  }

  static Api.Response request(Mixer m, int who, int target, String message, JsonObject consent) {
    return API.post(m.path("/intro-requests"),
        consent.copy().put("targetBadge", m.badge(target)).put("message", message), m.token(who));
  }

  static long requestId(Mixer m, int who, int target, String message) {
    Api.Response created = request(m, who, target, message);
    assertEquals(201, created.status(), created.body());
    assertEquals("OPEN", created.json().getString("status"), created.body());
    return created.json().getLong("id");
  }

  static Api.Response forward(long requestId) {
    return forward(requestId, matchmaker().token());
  }

  static Api.Response forward(long requestId, String matchmakerToken) {
    return API.post("/api/matchmaker/intro-requests/" + requestId + "/forward", new JsonObject(), matchmakerToken);
  }

  static Api.Response reject(long requestId) {
    return reject(requestId, matchmaker().token());
  }

  static Api.Response reject(long requestId, String matchmakerToken) {
    return API.post("/api/matchmaker/intro-requests/" + requestId + "/reject", new JsonObject(), matchmakerToken);
  }

  static Api.Response accept(long requestId, String token, String... fields) {
    return API.post("/api/intro-requests/" + requestId + "/accept", consent(ACCEPT, fields), token);
  }

  static Api.Response acceptSharingAll(long requestId, String token) {
    return accept(requestId, token, cardFields(token));
  }

  static Api.Response decline(long requestId, String token) {
    return API.post("/api/intro-requests/" + requestId + "/decline", null, token);
  }

  static Api.Response withdraw(long requestId, String token) {
    return API.post("/api/intro-requests/" + requestId + "/withdraw", null, token);
  }

  /** Request, forward by the mixer's matchmaker, accept sharing every field: the pair is introduced. */
  static long introduce(Mixer m, int from, int to) {
    long id = requestId(m, from, to, "想认识一下");
    assertEquals(200, forward(id).status());
    Api.Response accepted = acceptSharingAll(id, m.token(to));
    assertEquals(200, accepted.status(), accepted.body());
    return id;
  }

  // --- what a member sees ---

  static List<JsonObject> ofEvent(JsonArray items, long eventId) {
    List<JsonObject> out = new ArrayList<>();
    for (Object item : items) {
      JsonObject json = (JsonObject) item;
      if (json.getLong("eventId") != null && json.getLong("eventId") == eventId) {
        out.add(json);
      }
    }
    return out;
  }

  static List<JsonObject> matches(String token, long eventId) {
    Api.Response response = API.get("/api/me/matches", token);
    assertEquals(200, response.status(), response.body());
    return ofEvent(response.jsonArray(), eventId);
  }

  static List<JsonObject> matches(Mixer m, int who) {
    return matches(m.token(who), m.id());
  }

  /** The one entry of {@code who}'s matches with the person of this badge; fails when there is none or several. */
  static JsonObject matchWith(Mixer m, int who, int other) {
    List<JsonObject> found = matches(m, who).stream().filter(e -> e.getInteger("badge") != null
        && e.getInteger("badge") == m.badge(other)).toList();
    assertEquals(1, found.size(), "exactly one match entry with badge " + m.badge(other) + ": " + matches(m, who));
    return found.get(0);
  }

  static List<JsonObject> disclosures(String token, long eventId) {
    Api.Response response = API.get("/api/me/disclosures", token);
    assertEquals(200, response.status(), response.body());
    return ofEvent(response.jsonArray(), eventId);
  }

  static List<JsonObject> disclosures(Mixer m, int who) {
    return disclosures(m.token(who), m.id());
  }

  static List<JsonObject> disclosures(Mixer m, int who, String via) {
    return disclosures(m, who).stream().filter(d -> via.equals(d.getString("via"))).toList();
  }

  static List<JsonObject> notifications(String token, long eventId, String kind) {
    Api.Response response = API.get("/api/me/notifications", token);
    assertEquals(200, response.status(), response.body());
    return ofEvent(response.json().getJsonArray("items"), eventId).stream()
        .filter(n -> kind.equals(n.getString("kind"))).toList();
  }

  static List<JsonObject> notifications(Mixer m, int who, String kind) {
    return notifications(m.token(who), m.id(), kind);
  }

  /** My consent receipts ({@code GET /api/me/consents}), all events, newest first. */
  static List<JsonObject> consents(String token) {
    Api.Response response = API.get("/api/me/consents", token);
    assertEquals(200, response.status(), response.body());
    List<JsonObject> out = new ArrayList<>();
    response.json().getJsonArray("items").forEach(o -> out.add((JsonObject) o));
    return out;
  }

  static List<JsonObject> consents(Mixer m, int who) {
    return consents(m.token(who)).stream().filter(c -> c.getLong("eventId") != null && c.getLong("eventId") == m.id())
        .toList();
  }

  static List<JsonObject> outgoing(Mixer m, int who) {
    Api.Response response = API.get("/api/me/intro-requests", m.token(who));
    assertEquals(200, response.status(), response.body());
    return ofEvent(response.json().getJsonArray("outgoing"), m.id());
  }

  static JsonObject outgoing(Mixer m, int who, long requestId) {
    return outgoing(m, who).stream().filter(o -> o.getLong("id") == requestId).findFirst()
        .orElseThrow(() -> new AssertionError("request " + requestId + " is not in the outgoing list"));
  }

  static List<JsonObject> incoming(Mixer m, int who) {
    Api.Response response = API.get("/api/me/intro-requests", m.token(who));
    assertEquals(200, response.status(), response.body());
    return ofEvent(response.json().getJsonArray("incoming"), m.id());
  }

  /** The matchmaker's tab (PENDING or FORWARDED), the items of this event. */
  static List<JsonObject> queue(String matchmakerToken, String tab, long eventId) {
    Api.Response response = API.get("/api/matchmaker/intro-requests" + (tab == null ? "" : "?status=" + tab),
        matchmakerToken);
    assertEquals(200, response.status(), response.body());
    return ofEvent(response.json().getJsonArray("items"), eventId);
  }

  static List<Long> ids(List<JsonObject> items) {
    return items.stream().map(o -> o.getLong("id")).toList();
  }

  static JsonObject card(Mixers.Attendee p) {
    return new JsonObject().put("phone", p.phone()).put("wechat", p.wechat());
  }

  static void putCard(String token, JsonObject card) {
    Api.Response saved = API.put("/api/me/contact-card", card, token);
    assertEquals(200, saved.status(), saved.body());
  }

  static List<Integer> badgesOf(Api.Response list) {
    assertEquals(200, list.status(), list.body());
    return list.jsonArray().stream().map(o -> ((JsonObject) o).getInteger("badge")).toList();
  }

  // --- assertions and the database ---

  static void assertError(Api.Response response, int status, String code) {
    assertEquals(status, response.status(), response.body());
    assertEquals(code, response.errorCode(), response.body());
  }

  /** A 400 VALIDATION_FAILED naming this field. */
  static void assertFieldError(Api.Response response, String field) {
    assertError(response, 400, "VALIDATION_FAILED");
    JsonObject fields = response.json().getJsonObject("error").getJsonObject("fields");
    assertNotNull(fields, response.body());
    assertNotNull(fields.getValue(field), "the error names " + field + ": " + response.body());
  }

  static long count(String sql, Object... args) {
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

  static int execute(String sql, Object... args) {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      return st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes the member's stored card unreadable (as a wrong key or a damaged row would). */
  static void corruptCard(long userId) {
    assertEquals(1, execute("UPDATE contact_cards SET ciphertext = decode('00','hex') || ciphertext WHERE user_id = ?",
        userId), "the member has a card to corrupt");
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Api.Response delete(String path, String token) {
    return API.send(path, "DELETE", null, token, Map.of());
  }
}
