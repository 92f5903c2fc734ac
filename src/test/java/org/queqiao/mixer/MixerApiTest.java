package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Mixers;
import org.queqiao.support.TestApp;

/**
 * The mixer API of contract §6 over real HTTP: who may call what, the Wuhu story end to end,
 * mutual marks, the limits on requests, leaving, contact cards at rest, retention and the
 * matching window.
 */
class MixerApiTest {
  private static Api api;
  private static String admin;
  private static String organizer;
  private static String matchmaker;
  private static long matchmakerId;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    admin = api.adminToken();
    organizer = Mixers.withRole(api, admin, "ORGANIZER", "联谊组织者").token();
    var hongniang = Mixers.withRole(api, admin, "MATCHMAKER", "工会红娘");
    matchmaker = hongniang.token();
    matchmakerId = hongniang.id();
  }

  /** A published mixer with these attendees checked in (badges in the same order). */
  private record Mixer(long id, List<Mixers.Attendee> people, List<Integer> badges) {
    Mixers.Attendee person(int i) {
      return people.get(i);
    }

    int badge(int i) {
      return badges.get(i);
    }

    String path(String rest) {
      return "/api/events/" + id + rest;
    }
  }

  private static List<Mixers.Attendee> attendees(String... nicknames) {
    List<String> names = new ArrayList<>();
    String tag = Mixers.tag();
    for (String n : nicknames) {
      names.add(n + tag);
    }
    return Mixers.attendees(api, names, List.of("MALE", "FEMALE"), true);
  }

  /** A mixer whose matchmaker (assigned by the organiser as event staff) is this test's matchmaker. */
  private static Mixer mixer(List<Mixers.Attendee> people) {
    long id = Mixers.mixer(api, organizer, 20);
    Api.Response assigned = api.put("/api/events/" + id + "/staff/" + matchmakerId,
        new JsonObject().put("role", "MATCHMAKER"), organizer);
    assertEquals(200, assigned.status(), assigned.body());
    List<Integer> badges = new ArrayList<>();
    for (Mixers.Attendee p : people) {
      badges.add(Mixers.attend(api, id, organizer, p.token()));
    }
    return new Mixer(id, people, badges);
  }

  private static Mixer mixer(int attendees) {
    String[] names = new String[attendees];
    for (int i = 0; i < attendees; i++) {
      names[i] = "会员" + (char) ('A' + i);
    }
    return mixer(attendees(names));
  }

  /** The consent of contract §9 to every field on the member's card now. */
  private static JsonObject consentToCard(String version, String token) {
    Api.Response card = api.get("/api/me/contact-card", token);
    assertEquals(200, card.status(), card.body());
    JsonArray fields = new JsonArray();
    for (String f : List.of("phone", "wechat", "email", "note")) {
      if (card.json().containsKey(f)) {
        fields.add(f);
      }
    }
    return new JsonObject().put("consentVersion", version).put("fields", fields);
  }

  /** A mark consenting to the whole card of the one who marks. */
  private static Api.Response mark(Mixer m, int who, int badge) {
    return api.put(m.path("/mixer/likes/" + badge), consentToCard("mixer-mark-1", m.person(who).token()),
        m.person(who).token());
  }

  private static Api.Response unmark(Mixer m, int who, int badge) {
    return Mixers.delete(api, m.path("/mixer/likes/" + badge), m.person(who).token());
  }

  private static Api.Response request(Mixer m, int who, Object targetBadge, String message) {
    return api.post(m.path("/intro-requests"), new JsonObject().put("targetBadge", targetBadge).put("message", message),
        m.person(who).token());
  }

  private static long requestId(Mixer m, int who, int target, String message) {
    Api.Response created = request(m, who, m.badge(target), message);
    assertEquals(201, created.status(), created.body());
    assertEquals("OPEN", created.json().getString("status"));
    return created.json().getLong("id");
  }

  private static Api.Response forward(long requestId, String note) {
    return api.post("/api/matchmaker/intro-requests/" + requestId + "/forward",
        note == null ? new JsonObject() : new JsonObject().put("note", note), matchmaker);
  }

  /** Accept (consenting to the whole card of the one who answers), decline or withdraw. */
  private static Api.Response answer(long requestId, String verb, String token) {
    return api.post("/api/intro-requests/" + requestId + "/" + verb,
        verb.equals("accept") ? consentToCard("intro-answer-1", token) : null, token);
  }

  private static List<JsonObject> ofEvent(JsonArray items, long eventId) {
    List<JsonObject> out = new ArrayList<>();
    for (Object item : items) {
      JsonObject json = (JsonObject) item;
      if (json.getLong("eventId") != null && json.getLong("eventId") == eventId) {
        out.add(json);
      }
    }
    return out;
  }

  private static List<JsonObject> matches(Mixer m, int who) {
    Api.Response response = api.get("/api/me/matches", m.person(who).token());
    assertEquals(200, response.status(), response.body());
    return ofEvent(response.jsonArray(), m.id());
  }

  /** My matches at this mixer that stand (an ended match stays listed, with endedAt and no contact). */
  private static List<JsonObject> standing(Mixer m, int who) {
    List<JsonObject> all = matches(m, who);
    for (JsonObject e : all) {
      if (e.getValue("endedAt") != null) {
        assertEquals(new JsonObject(), e.getJsonObject("contact"), "an ended match shows no card: " + e);
      }
    }
    return all.stream().filter(e -> e.getValue("endedAt") == null).toList();
  }

  /** My card disclosures by this route (MUTUAL_LIKE, INTRO_REQUEST; not the log of ended matches). */
  private static List<JsonObject> disclosures(Mixer m, int who, String via) {
    return disclosures(m, who).stream().filter(d -> via.equals(d.getString("via"))).toList();
  }

  private static JsonObject noFields(String version) {
    return new JsonObject().put("consentVersion", version).put("fields", new JsonArray());
  }

  private static List<JsonObject> disclosures(Mixer m, int who) {
    Api.Response response = api.get("/api/me/disclosures", m.person(who).token());
    assertEquals(200, response.status(), response.body());
    return ofEvent(response.jsonArray(), m.id());
  }

  private static List<JsonObject> notifications(Mixer m, int who, String kind) {
    Api.Response response = api.get("/api/me/notifications", m.person(who).token());
    assertEquals(200, response.status(), response.body());
    return ofEvent(response.json().getJsonArray("items"), m.id()).stream()
        .filter(n -> kind.equals(n.getString("kind"))).toList();
  }

  private static JsonObject myRequests(Mixer m, int who) {
    Api.Response response = api.get("/api/me/intro-requests", m.person(who).token());
    assertEquals(200, response.status(), response.body());
    JsonObject mine = response.json();
    return new JsonObject()
        .put("outgoing", new JsonArray(ofEvent(mine.getJsonArray("outgoing"), m.id())))
        .put("incoming", new JsonArray(ofEvent(mine.getJsonArray("incoming"), m.id())));
  }

  /** The request in the matchmaker's tab (PENDING, the default, or FORWARDED), or null. */
  private static JsonObject queueItem(String status, long requestId) {
    Api.Response queue = api.get("/api/matchmaker/intro-requests" + (status == null ? "" : "?status=" + status), matchmaker);
    assertEquals(200, queue.status(), queue.body());
    for (Object item : queue.json().getJsonArray("items")) {
      if (((JsonObject) item).getLong("id") == requestId) {
        return (JsonObject) item;
      }
    }
    return null;
  }

  private static List<Integer> badgesOf(Api.Response list) {
    assertEquals(200, list.status(), list.body());
    return list.jsonArray().stream().map(o -> ((JsonObject) o).getInteger("badge")).toList();
  }

  private static void assertError(Api.Response response, int status, String code) {
    assertEquals(status, response.status(), response.body());
    assertEquals(code, response.errorCode(), response.body());
  }

  private static JsonObject card(Mixers.Attendee p) {
    return new JsonObject().put("phone", p.phone()).put("wechat", p.wechat());
  }

  private static void putCard(Mixers.Attendee p, JsonObject card) {
    Api.Response saved = api.put("/api/me/contact-card", card, p.token());
    assertEquals(200, saved.status(), saved.body());
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

  // --- who may call what ---

  @Test
  void everyMixerEndpointAsksAnonymousCallersToSignIn() {
    Mixer m = mixer(2);
    long request = requestId(m, 0, 1, "你好");
    List<String[]> calls = List.of(
        new String[] {"GET", "/api/me/contact-card"},
        new String[] {"PUT", "/api/me/contact-card"},
        new String[] {"GET", m.path("/mixer/people")},
        new String[] {"GET", m.path("/mixer/likes")},
        new String[] {"PUT", m.path("/mixer/likes/" + m.badge(1))},
        new String[] {"DELETE", m.path("/mixer/likes/" + m.badge(1))},
        new String[] {"DELETE", m.path("/mixer/me")},
        new String[] {"GET", "/api/me/matches"},
        new String[] {"DELETE", "/api/me/matches/1"},
        new String[] {"POST", "/api/me/matches/1/card"},
        new String[] {"GET", "/api/me/disclosures"},
        new String[] {"GET", "/api/me/consents"},
        new String[] {"POST", m.path("/mixer/declaration")},
        new String[] {"POST", m.path("/intro-requests")},
        new String[] {"GET", "/api/me/intro-requests"},
        new String[] {"POST", "/api/intro-requests/" + request + "/accept"},
        new String[] {"POST", "/api/intro-requests/" + request + "/decline"},
        new String[] {"POST", "/api/intro-requests/" + request + "/withdraw"},
        new String[] {"GET", "/api/matchmaker/intro-requests"},
        new String[] {"POST", "/api/matchmaker/intro-requests/" + request + "/forward"},
        new String[] {"POST", "/api/matchmaker/intro-requests/" + request + "/reject"});
    for (String[] call : calls) {
      Api.Response response = api.send(call[1], call[0], "{}", null, Map.of());
      assertEquals(401, response.status(), call[0] + " " + call[1] + ": " + response);
    }
    assertEquals("PENDING", queueItem("PENDING", request).getString("status"), "nothing happened to the request");
  }

  @Test
  void peopleMarksAndRequestsAreOnlyForAttendeesCheckedIn() {
    Mixer m = mixer(2);
    List<Mixers.Attendee> outsiders = attendees("未签到", "未报名");
    Mixers.Attendee signedUpOnly = outsiders.get(0);
    Mixers.signUp(api, m.id(), signedUpOnly.token());
    Mixers.Attendee stranger = outsiders.get(1);
    for (Mixers.Attendee who : outsiders) {
      String t = who.token();
      assertError(api.get(m.path("/mixer/people"), t), 403, "NOT_AN_ATTENDEE");
      assertError(api.get(m.path("/mixer/likes"), t), 403, "NOT_AN_ATTENDEE");
      assertError(api.put(m.path("/mixer/likes/" + m.badge(0)), noFields("mixer-mark-1"), t), 403, "NOT_AN_ATTENDEE");
      assertError(Mixers.delete(api, m.path("/mixer/likes/" + m.badge(0)), t), 403, "NOT_AN_ATTENDEE");
      assertError(api.post(m.path("/intro-requests"), new JsonObject().put("targetBadge", m.badge(0)).put("message", "你好"), t),
          403, "NOT_AN_ATTENDEE");
      assertError(Mixers.delete(api, m.path("/mixer/me"), t), 403, "NOT_AN_ATTENDEE");
    }
    assertNotEquals(signedUpOnly.id(), stranger.id());
    assertEquals(0, count("SELECT count(*) FROM mixer_likes WHERE event_id = ?", m.id()), "no refused mark was kept");
    assertEquals(0, count("SELECT count(*) FROM intro_requests WHERE event_id = ?", m.id()));
    // And an attendee checked in sees the others, but not themselves.
    assertEquals(List.of(m.badge(1)), badgesOf(api.get(m.path("/mixer/people"), m.person(0).token())));
  }

  @Test
  void aMixerRouteOnAnotherKindOfEventIsNotFound() {
    long salon = Events.published(api, organizer, Events.salon(
        "读书会 " + Events.token(), 10));
    Mixers.Attendee member = attendees("读者").get(0);
    assertError(api.get("/api/events/" + salon + "/mixer/people", member.token()), 404, "NOT_FOUND");
    assertError(api.put("/api/events/" + salon + "/mixer/likes/1", noFields("mixer-mark-1"), member.token()), 404,
        "NOT_FOUND");
  }

  @Test
  void theMatchmakerDeskIsForMatchmakersAndAdminsOnly() {
    Mixer m = mixer(2);
    long request = requestId(m, 0, 1, "你好");
    String member = m.person(0).token();
    // The organizer of this very mixer is no matchmaker.
    for (String token : List.of(member, organizer)) {
      assertError(api.get("/api/matchmaker/intro-requests", token), 403, "FORBIDDEN");
      assertError(api.get("/api/matchmaker/intro-requests?status=PENDING", token), 403, "FORBIDDEN");
      assertError(api.post("/api/matchmaker/intro-requests/" + request + "/forward", new JsonObject(), token), 403, "FORBIDDEN");
      assertError(api.post("/api/matchmaker/intro-requests/" + request + "/reject", new JsonObject(), token), 403, "FORBIDDEN");
    }
    assertEquals("PENDING", queueItem("PENDING", request).getString("status"));
    Api.Response asAdmin = api.get("/api/matchmaker/intro-requests?status=PENDING", admin);
    assertEquals(200, asAdmin.status(), asAdmin.body());
    // Two tabs only: what to act on, and what I forwarded.
    for (String status : List.of("DECLINED", "CLOSED", "ACCEPTED", "WITHDRAWN")) {
      assertError(api.get("/api/matchmaker/intro-requests?status=" + status, matchmaker), 400, "VALIDATION_FAILED");
    }
  }

  @Test
  void onlyTheTargetAnswersAndOnlyTheRequesterWithdraws() {
    Mixer m = mixer(3);
    long request = requestId(m, 0, 1, "想认识你");
    assertEquals(200, forward(request, null).status());
    String requester = m.person(0).token();
    String bystander = m.person(2).token();
    for (String verb : List.of("accept", "decline")) {
      assertError(answer(request, verb, requester), 404, "NOT_FOUND");
      assertError(answer(request, verb, bystander), 404, "NOT_FOUND");
      assertError(answer(request, verb, matchmaker), 404, "NOT_FOUND");
      assertError(answer(999_999_999L, verb, m.person(1).token()), 404, "NOT_FOUND");
      assertError(api.post("/api/intro-requests/abc/" + verb,
          verb.equals("accept") ? noFields("intro-answer-1") : null, m.person(1).token()), 404, "NOT_FOUND");
    }
    assertError(answer(request, "withdraw", m.person(1).token()), 404, "NOT_FOUND");
    assertError(answer(request, "withdraw", bystander), 404, "NOT_FOUND");
    assertEquals("OPEN", myRequests(m, 0).getJsonArray("outgoing").getJsonObject(0).getString("status"),
        "nobody else could touch it");
    assertEquals("FORWARDED", myRequests(m, 1).getJsonArray("incoming").getJsonObject(0).getString("status"));
    assertTrue(matches(m, 0).isEmpty());
    assertTrue(matches(m, 1).isEmpty());
  }

  @Test
  void markingYourselfIsRefusedAndUnknownBadgesAreNotFound() {
    Mixer m = mixer(2);
    Api.Response self = mark(m, 0, m.badge(0));
    assertError(self, 400, "VALIDATION_FAILED");
    assertNotNull(self.json().getJsonObject("error").getJsonObject("fields").getString("badge"), self.body());
    assertError(mark(m, 0, 9999), 404, "NO_SUCH_BADGE");
    assertError(api.put(m.path("/mixer/likes/abc"), noFields("mixer-mark-1"), m.person(0).token()), 404, "NO_SUCH_BADGE");

    Api.Response selfRequest = request(m, 0, m.badge(0), "我自己");
    assertError(selfRequest, 400, "VALIDATION_FAILED");
    assertNotNull(selfRequest.json().getJsonObject("error").getJsonObject("fields").getString("targetBadge"));
    assertError(request(m, 0, 9999, "你好"), 404, "NO_SUCH_BADGE");
    Api.Response noMessage = request(m, 0, m.badge(1), "  ");
    assertError(noMessage, 400, "VALIDATION_FAILED");
    assertNotNull(noMessage.json().getJsonObject("error").getJsonObject("fields").getString("message"));
    assertError(request(m, 0, m.badge(1), "长".repeat(501)), 400, "VALIDATION_FAILED");
    assertError(request(m, 0, "2", "你好"), 400, "VALIDATION_FAILED");

    assertEquals(List.of(), badgesOf(api.get(m.path("/mixer/likes"), m.person(0).token())));
    assertEquals(0, count("SELECT count(*) FROM intro_requests WHERE event_id = ?", m.id()));
  }

  // --- the Wuhu story ---

  @Test
  void wuhuAMatchmakerRelaysATeachersWishAndContactsMoveOnlyWhenSheAgrees() {
    List<Mixers.Attendee> people = attendees("青年教师", "她", "旁人");
    Mixers.Attendee teacher = people.get(0);
    Mixers.Attendee woman = people.get(1);
    // She shares her phone and a note, not a WeChat ID; he shares his phone and WeChat.
    putCard(woman, new JsonObject().put("phone", woman.phone()).put("note", "周末有空"));
    Mixer m = mixer(people);
    int hers = m.badge(1);
    int his = m.badge(0);
    String message = "活动结束时太匆忙，没来得及交换联系方式，想认识一下。";

    // He asks; only he sees the request.
    long id = requestId(m, 0, 1, message);
    JsonObject mine = myRequests(m, 0);
    JsonObject out = mine.getJsonArray("outgoing").getJsonObject(0);
    assertEquals(id, out.getLong("id"));
    assertEquals(hers, out.getInteger("targetBadge"));
    assertEquals(woman.nickname(), out.getString("targetNickname"));
    assertEquals(message, out.getString("message"));
    assertEquals("OPEN", out.getString("status"));
    assertTrue(myRequests(m, 1).getJsonArray("incoming").isEmpty(), "not hers until a matchmaker forwards it");
    assertTrue(notifications(m, 1, "INTRO_REQUEST_RECEIVED").isEmpty());

    // The matchmaker sees both sides by nickname and badge, and the message, never a contact.
    Api.Response queue = api.get("/api/matchmaker/intro-requests?status=PENDING", matchmaker);
    JsonObject item = queueItem("PENDING", id);
    assertNotNull(item, queue.body());
    assertEquals(his, item.getInteger("fromBadge"));
    assertEquals(teacher.nickname(), item.getString("fromNickname"));
    assertEquals(hers, item.getInteger("targetBadge"));
    assertEquals(woman.nickname(), item.getString("targetNickname"));
    assertEquals(message, item.getString("message"));
    assertEquals("PENDING", item.getString("status"));
    for (Mixers.Attendee p : people) {
      assertFalse(queue.body().contains(p.phone()), "the matchmaker never sees a phone number");
      assertFalse(queue.body().contains(p.wechat()));
    }

    // She forwards it, worded carefully.
    String note = "对方是一位青年教师，很有诚意，你愿意认识一下吗？";
    Api.Response forwarded = forward(id, note);
    assertEquals(200, forwarded.status(), forwarded.body());
    assertEquals("FORWARDED", forwarded.json().getString("status"));
    assertError(forward(id, null), 409, "NOT_PENDING");

    JsonObject in = myRequests(m, 1).getJsonArray("incoming").getJsonObject(0);
    assertEquals(id, in.getLong("id"));
    assertEquals(his, in.getInteger("fromBadge"));
    assertEquals(teacher.nickname(), in.getString("fromNickname"));
    assertEquals(message, in.getString("message"));
    assertEquals(note, in.getString("note"));
    assertEquals("FORWARDED", in.getString("status"));
    List<JsonObject> told = notifications(m, 1, "INTRO_REQUEST_RECEIVED");
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).getString("body").contains(teacher.nickname()), told.toString());
    assertEquals("OPEN", myRequests(m, 0).getJsonArray("outgoing").getJsonObject(0).getString("status"),
        "the requester is not told that it was forwarded");
    assertTrue(matches(m, 0).isEmpty(), "nothing moves before she agrees");
    assertTrue(matches(m, 1).isEmpty());
    assertTrue(disclosures(m, 0).isEmpty());
    assertTrue(disclosures(m, 1).isEmpty());

    // She agrees.
    Api.Response accepted = answer(id, "accept", woman.token());
    assertEquals(200, accepted.status(), accepted.body());
    assertEquals("ACCEPTED", accepted.json().getString("status"));
    assertError(answer(id, "accept", woman.token()), 409, "NOT_AWAITING_ANSWER");

    List<JsonObject> his_ = matches(m, 0);
    assertEquals(1, his_.size(), his_.toString());
    assertEquals(hers, his_.get(0).getInteger("badge"));
    assertEquals(woman.nickname(), his_.get(0).getString("nickname"));
    assertEquals(new JsonArray().add("INTRO_REQUEST"), his_.get(0).getJsonArray("via"));
    assertNull(his_.get(0).getValue("endedAt"));
    assertEquals(his_.get(0).getValue("id"), matches(m, 1).get(0).getValue("id"), "one match, two sides");
    assertEquals(new JsonObject().put("phone", woman.phone()).put("note", "周末有空"), his_.get(0).getJsonObject("contact"));
    List<JsonObject> her_ = matches(m, 1);
    assertEquals(1, her_.size(), her_.toString());
    assertEquals(his, her_.get(0).getInteger("badge"));
    assertEquals(teacher.nickname(), her_.get(0).getString("nickname"));
    assertEquals(card(teacher), her_.get(0).getJsonObject("contact"));
    assertTrue(matches(m, 2).isEmpty(), "a bystander learns nothing");

    List<JsonObject> accept = notifications(m, 0, "INTRO_ACCEPTED");
    assertEquals(1, accept.size(), accept.toString());
    assertTrue(accept.get(0).getString("body").contains(woman.nickname()));
    assertTrue(notifications(m, 1, "INTRO_ACCEPTED").isEmpty());
    assertEquals(1, notifications(m, 1, "INTRO_REQUEST_RECEIVED").size());
    assertTrue(notifications(m, 0, "INTRO_REQUEST_RECEIVED").isEmpty());

    // Each one's log says what went to whom, and how.
    List<JsonObject> hisLog = disclosures(m, 0);
    assertEquals(1, hisLog.size(), hisLog.toString());
    assertEquals(woman.nickname(), hisLog.get(0).getString("toNickname"));
    assertEquals("INTRO_REQUEST", hisLog.get(0).getString("via"));
    assertEquals(new JsonArray().add("phone").add("wechat"), hisLog.get(0).getJsonArray("fields"));
    assertTrue(Instant.parse(hisLog.get(0).getString("at")).isAfter(Instant.now().minusSeconds(600)));
    List<JsonObject> herLog = disclosures(m, 1);
    assertEquals(1, herLog.size(), herLog.toString());
    assertEquals(teacher.nickname(), herLog.get(0).getString("toNickname"));
    assertEquals("INTRO_REQUEST", herLog.get(0).getString("via"));
    assertEquals(new JsonArray().add("phone").add("note"), herLog.get(0).getJsonArray("fields"));

    assertEquals("ACCEPTED", myRequests(m, 0).getJsonArray("outgoing").getJsonObject(0).getString("status"));
    assertEquals("ACCEPTED", myRequests(m, 1).getJsonArray("incoming").getJsonObject(0).getString("status"));
    // The matchmaker sees what they forwarded as forwarded, whatever the answer.
    Api.Response done = api.get("/api/matchmaker/intro-requests?status=FORWARDED", matchmaker);
    assertEquals("FORWARDED", queueItem("FORWARDED", id).getString("status"));
    assertNull(queueItem("PENDING", id));
    for (Mixers.Attendee p : people) {
      assertFalse(done.body().contains(p.phone()), "the matchmaker never sees a phone number");
    }
  }

  @Test
  void aSecondAcceptedRequestBetweenThePairKeepsOneMatchAndOneDisclosureEachWay() {
    Mixer m = mixer(2);
    long first = requestId(m, 1, 0, "我想认识你");
    assertEquals(200, forward(first, null).status());
    assertEquals(200, answer(first, "accept", m.person(0).token()).status());
    assertEquals(1, notifications(m, 1, "INTRO_ACCEPTED").size());

    // Later the other one asks too, through a matchmaker, and is accepted.
    long second = requestId(m, 0, 1, "我也想再联系");
    assertEquals(200, forward(second, null).status());
    assertEquals(200, answer(second, "accept", m.person(1).token()).status());
    assertEquals("ACCEPTED", myRequests(m, 0).getJsonArray("outgoing").getJsonObject(0).getString("status"),
        "the requester of an accepted request sees it accepted");
    assertTrue(notifications(m, 0, "INTRO_ACCEPTED").size() + notifications(m, 0, "MATCH").size() <= 1,
        "at most one notification per side for one pair");
    assertEquals(1, notifications(m, 1, "INTRO_ACCEPTED").size());
    assertEquals(1, matches(m, 0).size(), "one match per pair");
    assertEquals(1, matches(m, 1).size());
    assertEquals(1, disclosures(m, 0).size(), "the cards went once; nothing new is disclosed");
    assertEquals(1, disclosures(m, 1).size());
  }

  @Test
  void aDeclineLooksClosedToTheRequesterAndForwardedToTheMatchmaker() {
    Mixer m = mixer(3);
    long declined = requestId(m, 0, 1, "想认识你");
    long rejected = requestId(m, 0, 2, "也想认识你");
    assertEquals(200, forward(declined, "试试看").status());
    assertEquals(200, api.post("/api/matchmaker/intro-requests/" + rejected + "/reject",
        new JsonObject().put("reason", "对方不在"), matchmaker).status());
    Api.Response no = answer(declined, "decline", m.person(1).token());
    assertEquals(200, no.status(), no.body());

    JsonArray outgoing = myRequests(m, 0).getJsonArray("outgoing");
    assertEquals(2, outgoing.size());
    JsonObject a = outgoing.getJsonObject(0);
    JsonObject b = outgoing.getJsonObject(1);
    assertEquals("CLOSED", a.getString("status"));
    assertEquals("CLOSED", b.getString("status"));
    assertEquals(a.fieldNames(), b.fieldNames(), "a decline and a rejection look alike");
    assertError(answer(declined, "withdraw", m.person(0).token()), 409, "ALREADY_ANSWERED");
    assertError(answer(rejected, "withdraw", m.person(0).token()), 409, "ALREADY_ANSWERED");

    assertEquals("FORWARDED", queueItem("FORWARDED", declined).getString("status"),
        "the matchmaker is never told of a decline");
    assertNull(queueItem(null, declined), "nothing left to act on");
    assertNull(queueItem(null, rejected));
    assertNull(queueItem("FORWARDED", rejected));
    assertTrue(notifications(m, 0, "INTRO_ACCEPTED").isEmpty());
    assertTrue(matches(m, 0).isEmpty());
    assertTrue(disclosures(m, 1).isEmpty());
  }

  // --- mutual marks ---

  @Test
  void mutualMarksMatchBothSidesWithOnlyTheFieldsEachShares() {
    List<Mixers.Attendee> people = attendees("甲", "乙", "丙");
    Mixers.Attendee a = people.get(0);
    Mixers.Attendee b = people.get(1);
    String email = "jia-" + Mixers.tag() + "@example.com";
    putCard(a, new JsonObject().put("phone", a.phone()).put("email", email));
    putCard(b, new JsonObject().put("wechat", b.wechat()).put("note", "喜欢爬山"));
    Mixer m = mixer(people);

    assertEquals(204, mark(m, 0, m.badge(1)).status());
    assertEquals(204, mark(m, 0, m.badge(1)).status(), "marking twice is harmless");
    assertEquals(List.of(m.badge(1)), badgesOf(api.get(m.path("/mixer/likes"), a.token())));
    // B learns nothing from A's mark alone.
    assertEquals(List.of(), badgesOf(api.get(m.path("/mixer/likes"), b.token())));
    assertTrue(matches(m, 1).isEmpty());
    assertTrue(notifications(m, 1, "MATCH").isEmpty());
    assertTrue(disclosures(m, 0).isEmpty());

    assertEquals(204, mark(m, 1, m.badge(0)).status());

    List<JsonObject> aSees = matches(m, 0);
    assertEquals(1, aSees.size(), aSees.toString());
    assertEquals(m.badge(1), aSees.get(0).getInteger("badge"));
    assertEquals(b.nickname(), aSees.get(0).getString("nickname"));
    assertEquals(new JsonArray().add("MUTUAL_LIKE"), aSees.get(0).getJsonArray("via"));
    assertEquals(new JsonObject().put("wechat", b.wechat()).put("note", "喜欢爬山"), aSees.get(0).getJsonObject("contact"));
    List<JsonObject> bSees = matches(m, 1);
    assertEquals(1, bSees.size(), bSees.toString());
    assertEquals(new JsonObject().put("phone", a.phone()).put("email", email), bSees.get(0).getJsonObject("contact"));

    List<JsonObject> toA = notifications(m, 0, "MATCH");
    List<JsonObject> toB = notifications(m, 1, "MATCH");
    assertEquals(1, toA.size(), toA.toString());
    assertEquals(1, toB.size(), toB.toString());
    assertTrue(toA.get(0).getString("body").contains(b.nickname()));
    assertTrue(toB.get(0).getString("body").contains(a.nickname()));
    assertTrue(notifications(m, 2, "MATCH").isEmpty());
    assertTrue(matches(m, 2).isEmpty());

    assertEquals(new JsonArray().add("phone").add("email"), disclosures(m, 0).get(0).getJsonArray("fields"));
    assertEquals(b.nickname(), disclosures(m, 0).get(0).getString("toNickname"));
    assertEquals("MUTUAL_LIKE", disclosures(m, 0).get(0).getString("via"));
    assertEquals(new JsonArray().add("wechat").add("note"), disclosures(m, 1).get(0).getJsonArray("fields"));

    // A field added later was never consented to for this match: it is not shown.
    putCard(b, new JsonObject().put("wechat", b.wechat()).put("note", "喜欢爬山").put("phone", b.phone()));
    assertFalse(matches(m, 0).get(0).getJsonObject("contact").containsKey("phone"));

    // Unmarking ends a match that stood on the marks alone; the log stays, and marking again tells
    // nobody twice: one match per pair.
    assertEquals(204, unmark(m, 0, m.badge(1)).status());
    assertTrue(standing(m, 0).isEmpty());
    assertTrue(standing(m, 1).isEmpty());
    assertFalse(api.get("/api/me/matches", b.token()).body().contains(a.phone()));
    assertEquals(1, disclosures(m, 0, "MUTUAL_LIKE").size());
    assertEquals(204, mark(m, 0, m.badge(1)).status());
    assertEquals(1, matches(m, 1).size());
    assertEquals(1, notifications(m, 1, "MATCH").size());
    assertEquals(1, notifications(m, 0, "MATCH").size());
    assertEquals(1, disclosures(m, 1, "MUTUAL_LIKE").size());
    assertEquals(1, disclosures(m, 0, "MUTUAL_LIKE").size());
  }

  @Test
  void theDisclosureLogNeverNamesTheRecipientByTheirRealName() {
    List<Mixers.Attendee> people = attendees("有昵称", "无昵称");
    Mixers.Attendee noNickname = people.get(1);
    Mixers.profile(api, noNickname.token(), new JsonObject().putNull("nickname"));
    Mixer m = mixer(people);
    assertEquals(204, mark(m, 0, m.badge(1)).status());
    assertEquals(204, mark(m, 1, m.badge(0)).status());

    // The people list and the matches show no name for someone without a nickname ...
    String peopleSeen = api.get(m.path("/mixer/people"), people.get(0).token()).body();
    assertFalse(peopleSeen.contains(noNickname.displayName()), peopleSeen);
    assertFalse(matches(m, 0).toString().contains(noNickname.displayName()));
    // ... and neither may the log of the card that went to them.
    List<JsonObject> log = disclosures(m, 0);
    assertEquals(1, log.size(), log.toString());
    assertFalse(log.get(0).getString("toNickname").contains(noNickname.displayName()),
        "the disclosure log reveals the recipient's display name: " + log);
  }

  // --- limits on requests ---

  @Test
  void atMostFiveOpenRequestsPerMemberAndOneOpenRequestPerPerson() {
    Mixer m = mixer(8);
    long first = requestId(m, 0, 1, "第一个");
    assertError(request(m, 0, m.badge(1), "再问一次"), 409, "REQUEST_EXISTS");
    for (int target = 2; target <= 5; target++) {
      requestId(m, 0, target, "第" + target + "个");
    }
    Api.Response sixth = request(m, 0, m.badge(6), "第六个");
    assertError(sixth, 429, "TOO_MANY_OPEN_REQUESTS");
    assertEquals(5, myRequests(m, 0).getJsonArray("outgoing").size());
    // Another member's limit is their own.
    requestId(m, 7, 6, "别人的请求");

    // A closed request frees a place; the person it was closed for is not asked again, while a
    // withdrawn request may be.
    assertEquals(200, api.post("/api/matchmaker/intro-requests/" + first + "/reject", new JsonObject(), matchmaker).status());
    long toSix = requestId(m, 0, 6, "第六个");
    assertError(request(m, 0, m.badge(7), "第七个"), 429, "TOO_MANY_OPEN_REQUESTS");
    assertEquals(200, answer(toSix, "withdraw", m.person(0).token()).status());
    assertError(request(m, 0, m.badge(1), "还是想认识你"), 409, "REQUEST_CLOSED");
    requestId(m, 0, 6, "还是想认识你");
  }

  @Test
  void aRequestCanBeWithdrawnUntilItIsAnsweredNotAfter() {
    Mixer m = mixer(3);
    long pending = requestId(m, 0, 1, "你好");
    Api.Response withdrawn = answer(pending, "withdraw", m.person(0).token());
    assertEquals(200, withdrawn.status(), withdrawn.body());
    assertEquals("WITHDRAWN", withdrawn.json().getString("status"));
    assertNull(queueItem("PENDING", pending), "nothing to act on any more");
    assertError(forward(pending, null), 409, "NOT_PENDING");

    long forwarded = requestId(m, 0, 1, "再试一次");
    assertEquals(200, forward(forwarded, null).status());
    assertEquals(200, answer(forwarded, "withdraw", m.person(0).token()).status());
    assertError(answer(forwarded, "accept", m.person(1).token()), 409, "NOT_AWAITING_ANSWER");
    assertTrue(matches(m, 0).isEmpty());

    long accepted = requestId(m, 0, 2, "你好");
    assertEquals(200, forward(accepted, null).status());
    assertEquals(200, answer(accepted, "accept", m.person(2).token()).status());
    assertError(answer(accepted, "withdraw", m.person(0).token()), 409, "ALREADY_ANSWERED");
    assertEquals(1, matches(m, 0).size());

    JsonArray outgoing = myRequests(m, 0).getJsonArray("outgoing");
    List<String> statuses = outgoing.stream().map(o -> ((JsonObject) o).getString("status")).sorted().toList();
    assertEquals(List.of("ACCEPTED", "WITHDRAWN", "WITHDRAWN"), statuses);
  }

  // --- leaving ---

  @Test
  void leavingTheMixerWithdrawsMyMarksAndRequestsAndHidesMe() {
    Mixer m = mixer(4);
    String me = m.person(0).token();
    assertEquals(204, mark(m, 0, m.badge(1)).status());
    assertEquals(204, mark(m, 0, m.badge(2)).status());
    assertEquals(204, mark(m, 2, m.badge(0)).status()); // a match with C
    long pending = requestId(m, 0, 1, "你好");
    long forwarded = requestId(m, 0, 3, "你好");
    assertEquals(200, forward(forwarded, null).status());
    assertEquals(1, matches(m, 2).size());

    Api.Response left = Mixers.delete(api, m.path("/mixer/me"), me);
    assertEquals(204, left.status(), left.body());

    assertEquals(0, count("SELECT count(*) FROM mixer_likes WHERE event_id = ? AND from_user = ?", m.id(), m.person(0).id()));
    for (Object o : myRequests(m, 0).getJsonArray("outgoing")) {
      assertEquals("WITHDRAWN", ((JsonObject) o).getString("status"), o.toString());
    }
    assertNull(queueItem("PENDING", pending));
    assertNull(queueItem("PENDING", forwarded));
    assertTrue(myRequests(m, 3).getJsonArray("incoming").isEmpty(), "the withdrawn request is gone from D's list");
    for (int other = 1; other < 4; other++) {
      assertFalse(badgesOf(api.get(m.path("/mixer/people"), m.person(other).token())).contains(m.badge(0)));
    }
    assertTrue(standing(m, 2).isEmpty(), "the match with C ends");
    assertTrue(standing(m, 0).isEmpty());
    assertFalse(api.get("/api/me/matches", m.person(2).token()).body().contains(m.person(0).phone()));
    assertEquals(1, disclosures(m, 0, "MUTUAL_LIKE").size(), "what was disclosed stays in the log");
    assertEquals(1, disclosures(m, 2, "MUTUAL_LIKE").size());

    // Gone means gone: B's mark finds nobody, and I can no longer act there.
    assertError(mark(m, 1, m.badge(0)), 404, "NO_SUCH_BADGE");
    assertError(request(m, 1, m.badge(0), "你好"), 404, "NO_SUCH_BADGE");
    assertError(api.get(m.path("/mixer/people"), me), 403, "NOT_AN_ATTENDEE");
    assertError(mark(m, 0, m.badge(1)), 403, "NOT_AN_ATTENDEE");
    assertError(Mixers.delete(api, m.path("/mixer/me"), me), 403, "NOT_AN_ATTENDEE");
  }

  @Test
  void aMarkOnSomeoneWhoHasLeftCanStillBeTakenBack() {
    Mixer m = mixer(2);
    assertEquals(204, mark(m, 0, m.badge(1)).status());
    assertEquals(204, Mixers.delete(api, m.path("/mixer/me"), m.person(1).token()).status());

    Api.Response unmarked = unmark(m, 0, m.badge(1));
    assertEquals(204, unmarked.status(), unmarked.body());
    assertEquals(List.of(), badgesOf(api.get(m.path("/mixer/likes"), m.person(0).token())),
        "the DELETE answered 204, so the mark must be gone from my list");
    assertEquals(0, count("SELECT count(*) FROM mixer_likes WHERE event_id = ? AND from_user = ?", m.id(), m.person(0).id()),
        "a withdrawn mark is deleted");
  }

  @Test
  void leavingDeclinesForwardedRequestsToMeAndShowsNothingThatWasNeverForwarded() {
    Mixer m = mixer(3);
    long forwarded = requestId(m, 1, 0, "转达过的");
    assertEquals(200, forward(forwarded, null).status());
    long pending = requestId(m, 2, 0, "没有转达的");

    assertEquals(204, Mixers.delete(api, m.path("/mixer/me"), m.person(0).token()).status());

    assertEquals("CLOSED", myRequests(m, 1).getJsonArray("outgoing").getJsonObject(0).getString("status"));
    assertEquals("CLOSED", myRequests(m, 2).getJsonArray("outgoing").getJsonObject(0).getString("status"));
    JsonArray incoming = myRequests(m, 0).getJsonArray("incoming");
    List<Long> ids = incoming.stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    assertTrue(ids.contains(forwarded), incoming.encode());
    assertFalse(ids.contains(pending), "a request never forwarded to me must not appear when I leave: " + incoming.encode());
    assertFalse(incoming.encode().contains("没有转达的"));
  }

  @Test
  void answeringARequestThatWasNeverForwardedLooksLikeAnsweringNoRequestAtAll() {
    Mixer m = mixer(2);
    long pending = requestId(m, 0, 1, "还没转达");
    for (String verb : List.of("accept", "decline")) {
      Api.Response probe = answer(pending, verb, m.person(1).token());
      Api.Response nothing = answer(999_999_999L, verb, m.person(1).token());
      assertEquals(nothing.status(), probe.status(),
          "the target can tell a request for them exists before it is forwarded: " + probe + " vs " + nothing);
      assertEquals(nothing.errorCode(), probe.errorCode());
    }
  }

  // --- contact cards ---

  @Test
  void contactCardValidationNamesEachBadField() {
    Mixers.Attendee p = attendees("名片").get(0);
    Api.Response bad = api.put("/api/me/contact-card",
        new JsonObject().put("phone", "12345").put("wechat", "微信").put("email", "not-an-email"), p.token());
    assertError(bad, 400, "VALIDATION_FAILED");
    JsonObject fields = bad.json().getJsonObject("error").getJsonObject("fields");
    assertNotNull(fields.getString("phone"), bad.body());
    assertNotNull(fields.getString("wechat"), bad.body());
    assertNotNull(fields.getString("email"), bad.body());
    assertEquals(card(p), api.get("/api/me/contact-card", p.token()).json(), "a refused card changes nothing");

    Api.Response notText = api.put("/api/me/contact-card", new JsonObject().put("phone", 13912345678L), p.token());
    assertError(notText, 400, "VALIDATION_FAILED");
    assertNotNull(notText.json().getJsonObject("error").getJsonObject("fields").getString("phone"));
    assertError(api.put("/api/me/contact-card", new JsonObject().put("note", "长".repeat(201)), p.token()), 400,
        "VALIDATION_FAILED");

    String phone = Mixers.newPhone();
    Api.Response ok = api.put("/api/me/contact-card",
        new JsonObject().put("phone", "+86 " + phone.substring(0, 3) + " " + phone.substring(3, 7) + " " + phone.substring(7)),
        p.token());
    assertEquals(200, ok.status(), ok.body());
    assertEquals(new JsonObject().put("phone", phone), ok.json(), "normalised, and the other fields cleared");
    assertEquals(new JsonObject().put("phone", phone), api.get("/api/me/contact-card", p.token()).json());
  }

  @Test
  void theDatabaseHoldsNoPlaintextContactDetails() throws SQLException {
    Mixers.Attendee p = attendees("加密").get(0);
    try (Connection db = TestApp.jdbc();
        PreparedStatement st = db.prepareStatement("SELECT nonce, ciphertext FROM contact_cards WHERE user_id = ?")) {
      st.setLong(1, p.id());
      try (ResultSet row = st.executeQuery()) {
        assertTrue(row.next(), "the card is stored");
        byte[] ciphertext = row.getBytes("ciphertext");
        byte[] nonce = row.getBytes("nonce");
        assertEquals(12, nonce.length);
        for (byte[] raw : List.of(ciphertext, nonce)) {
          for (var charset : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16)) {
            String text = new String(raw, charset);
            assertFalse(text.contains(p.phone()), "phone in plaintext (" + charset + ")");
            assertFalse(text.contains(p.phone().substring(3)), "phone digits in plaintext (" + charset + ")");
            assertFalse(text.contains(p.wechat()), "WeChat ID in plaintext (" + charset + ")");
          }
        }
      }
    }
    assertEquals(0, count("SELECT count(*) FROM contact_cards WHERE encode(ciphertext, 'escape') LIKE ?",
        "%" + p.phone().substring(3) + "%"));
  }

  @Test
  void aCardCopiedToAnotherUsersRowDoesNotDecrypt() {
    List<Mixers.Attendee> people = attendees("原主", "冒名", "配对", "后来");
    Mixers.Attendee owner = people.get(0);
    Mixers.Attendee impostor = people.get(1);
    Mixer m = mixer(people);
    assertEquals(204, mark(m, 1, m.badge(2)).status());
    assertEquals(204, mark(m, 2, m.badge(1)).status());
    assertEquals(card(impostor), matches(m, 2).get(0).getJsonObject("contact"));
    assertEquals(204, mark(m, 1, m.badge(3)).status());

    execute("UPDATE contact_cards SET nonce = o.nonce, ciphertext = o.ciphertext FROM contact_cards o"
        + " WHERE o.user_id = ? AND contact_cards.user_id = ?", owner.id(), impostor.id());

    // The owner's id is bound in: the copy fails to open rather than show the owner's card.
    Api.Response own = api.get("/api/me/contact-card", impostor.token());
    assertFalse(own.body().contains(owner.phone()), own.body());
    assertFalse(own.body().contains(owner.wechat()), own.body());
    // What was disclosed before is a snapshot of the impostor's own card, untouched.
    Api.Response theirs = api.get("/api/me/matches", people.get(2).token());
    assertEquals(200, theirs.status(), theirs.body());
    assertEquals(card(impostor), theirs.jsonArray().getJsonObject(0).getJsonObject("contact"));
    // A match made now finds the card unreadable: nothing goes, certainly not the owner's card.
    assertEquals(204, mark(m, 3, m.badge(1)).status());
    Api.Response later = api.get("/api/me/matches", people.get(3).token());
    assertEquals(200, later.status(), "an unreadable card is never a 500 for someone else: " + later.body());
    assertEquals(new JsonObject(), later.jsonArray().getJsonObject(0).getJsonObject("contact"), later.body());
    for (Api.Response r : List.of(theirs, later)) {
      assertFalse(r.body().contains(owner.phone()));
      assertFalse(r.body().contains(owner.wechat()));
    }
    assertEquals(card(owner), api.get("/api/me/contact-card", owner.token()).json(), "the original still opens");
  }

  // --- retention and the matching window ---

  /** A↔B mutual marks, C→D accepted through a matchmaker, D→A pending, E left: every kind of row. */
  private static Mixer populated() {
    Mixer m = mixer(5);
    assertEquals(204, mark(m, 0, m.badge(1)).status());
    assertEquals(204, mark(m, 1, m.badge(0)).status());
    long accepted = requestId(m, 2, 3, "你好");
    assertEquals(200, forward(accepted, null).status());
    assertEquals(200, answer(accepted, "accept", m.person(3).token()).status());
    requestId(m, 3, 0, "你好");
    assertEquals(204, Mixers.delete(api, m.path("/mixer/me"), m.person(4).token()).status());
    return m;
  }

  private static final String ABOUT_THE_MIXER = "('MATCH', 'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED', 'CARD_UNREADABLE')";

  private static Map<String, Long> rows(long eventId) {
    Map<String, Long> rows = new java.util.TreeMap<>();
    rows.put("likes", count("SELECT count(*) FROM mixer_likes WHERE event_id = ?", eventId));
    rows.put("matches", count("SELECT count(*) FROM matches WHERE event_id = ? AND archived_at IS NULL", eventId));
    rows.put("requests", count("SELECT count(*) FROM intro_requests WHERE event_id = ?", eventId));
    rows.put("badges", count("SELECT count(*) FROM checkins WHERE event_id = ? AND badge IS NOT NULL", eventId));
    rows.put("left", count("SELECT count(*) FROM checkins WHERE event_id = ? AND mixer_left_at IS NOT NULL", eventId));
    rows.put("notifications", count("SELECT count(*) FROM notifications WHERE event_id = ? AND kind IN " + ABOUT_THE_MIXER,
        eventId));
    rows.put("disclosures", count("SELECT count(*) FROM disclosures WHERE event_id = ?", eventId));
    rows.put("snapshots", count("SELECT count(*) FROM disclosures WHERE event_id = ? AND snapshot_ciphertext IS NOT NULL",
        eventId));
    rows.put("receipts", count("SELECT count(*) FROM consents WHERE event_id = ?", eventId));
    return rows;
  }

  private static Map<String, Long> rows(long likes, long matches, long requests, long badges, long left, long notifications,
      long disclosures, long snapshots, long receipts) {
    return new java.util.TreeMap<>(Map.of("likes", likes, "matches", matches, "requests", requests, "badges", badges,
        "left", left, "notifications", notifications, "disclosures", disclosures, "snapshots", snapshots,
        "receipts", receipts));
  }

  @Test
  void theRetentionJobDeletesOldMixersDataButKeepsTheDisclosureLogWithoutTheValues() throws InterruptedException {
    Mixer closedLongAgo = populated();
    Mixer endedLongAgo = populated();
    Mixer closedRecently = populated();
    // Receipts: A's and B's marks, C's and D's requests, D's accept.
    Map<String, Long> before = rows(2, 2, 2, 5, 1, 4, 4, 4, 5);
    assertEquals(before, rows(closedLongAgo.id()));
    // The default retention is 30 days after the matching window closes (itself 7 days after the end).
    execute("UPDATE events SET matching_closes_at = now() - interval '31 days' WHERE id = ?", closedLongAgo.id());
    execute("UPDATE events SET starts_at = now() - interval '40 days', ends_at = now() - interval '40 days' + interval '3 hours',"
        + " registration_closes_at = NULL, matching_closes_at = NULL WHERE id = ?", endedLongAgo.id());
    execute("UPDATE events SET matching_closes_at = now() - interval '29 days' WHERE id = ?", closedRecently.id());
    // The disclosure log has a period of its own (365 days by default).
    execute("UPDATE disclosures SET disclosed_at = now() - interval '366 days' WHERE id = (SELECT min(id) FROM disclosures"
        + " WHERE event_id = ?)", closedRecently.id());

    TestApp.makeJobDue("mixer-retention");
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline
        && (rows(closedLongAgo.id()).get("likes") > 0 || rows(endedLongAgo.id()).get("likes") > 0
            || rows(closedRecently.id()).get("disclosures") > 3)) {
      Thread.sleep(200);
    }

    // Who, when and which fields stay in the owners' logs, with the receipts; the values go.
    Map<String, Long> purged = rows(0, 0, 0, 0, 0, 0, 4, 0, 5);
    assertEquals(purged, rows(closedLongAgo.id()));
    assertEquals(purged, rows(endedLongAgo.id()));
    assertEquals(rows(2, 2, 2, 5, 1, 4, 3, 3, 5), rows(closedRecently.id()),
        "a mixer still within the retention period keeps its data; only the year-old log row went");
    assertTrue(count("SELECT count(*) FROM notifications WHERE event_id = ? AND kind = 'RSVP_CONFIRMED'",
        closedLongAgo.id()) > 0, "notifications about the sign-ups are not the mixer's data");

    assertEquals(2, count("SELECT count(*) FROM matches WHERE event_id = ? AND archived_at IS NOT NULL", closedLongAgo.id()),
        "the matches' bare records stay, archived, for the 3-month follow-up");
    assertTrue(matches(closedLongAgo, 0).isEmpty());
    assertTrue(matches(closedLongAgo, 2).isEmpty());
    List<JsonObject> log = disclosures(closedLongAgo, 0);
    assertEquals(1, log.size(), "the owner's log outlives the mixer's data");
    assertEquals(new JsonArray().add("phone").add("wechat"), log.get(0).getJsonArray("fields"));
    Api.Response receipts = api.get("/api/me/consents", closedLongAgo.person(0).token());
    assertEquals(200, receipts.status(), receipts.body());
    assertTrue(receipts.body().contains(closedLongAgo.person(1).nickname()), "the receipt stays with the log");
    assertEquals(1, matches(closedRecently, 0).size());
  }

  @Test
  void aMixersMatchingWindowEndsAtMostThirtyDaysAfterTheEventByDefault() {
    OffsetDateTime start = Events.evening(10);
    OffsetDateTime end = start.plusHours(2);
    JsonObject body = Events.body("MIXER", "窗口上限 " + Events.token(), start)
        .put("capacity", 10);
    Api.Response tooLate = api.post("/api/events", body.copy()
        .put("matchingClosesAt", Events.iso(end.plusDays(30).plusMinutes(1))), organizer);
    assertError(tooLate, 400, "VALIDATION_FAILED");
    assertNotNull(tooLate.json().getJsonObject("error").getJsonObject("fields").getValue("matchingClosesAt"), tooLate.body());

    String limit = Events.iso(end.plusDays(30));
    Api.Response atLimit = api.post("/api/events", body.copy().put("matchingClosesAt", limit), organizer);
    assertEquals(201, atLimit.status(), atLimit.body());
    long id = atLimit.json().getLong("id");
    Api.Response patched = api.patch("/api/events/" + id, new JsonObject()
        .put("matchingClosesAt", Events.iso(end.plusDays(45))), organizer);
    assertError(patched, 400, "VALIDATION_FAILED");
    assertNotNull(patched.json().getJsonObject("error").getJsonObject("fields").getValue("matchingClosesAt"));
    // Moving the end later moves the limit with it.
    Api.Response both = api.patch("/api/events/" + id, new JsonObject()
        .put("startsAt", Events.iso(start.plusDays(20)))
        .put("endsAt", Events.iso(end.plusDays(20)))
        .put("matchingClosesAt", Events.iso(end.plusDays(45))), organizer);
    assertEquals(200, both.status(), both.body());
  }

  @Test
  void marksAndRequestsAfterTheMatchingWindowClosedAreRefused() {
    Mixer m = mixer(3);
    assertEquals(204, mark(m, 0, m.badge(1)).status());
    execute("UPDATE events SET matching_closes_at = now() - interval '1 minute' WHERE id = ?", m.id());

    assertError(mark(m, 1, m.badge(0)), 409, "MATCHING_CLOSED");
    assertError(mark(m, 0, m.badge(2)), 409, "MATCHING_CLOSED");
    assertError(request(m, 1, m.badge(0), "太晚了吗"), 409, "MATCHING_CLOSED");
    assertTrue(matches(m, 0).isEmpty());
    assertTrue(matches(m, 1).isEmpty());
    // Taking a mark back is still possible.
    assertEquals(204, unmark(m, 0, m.badge(1)).status());
    assertEquals(List.of(), badgesOf(api.get(m.path("/mixer/likes"), m.person(0).token())));
  }
}
