package org.queqiao.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Rsvps;
import org.queqiao.support.TestApp;

/** Creating, finding, changing and cancelling events through the JSON API (contract §2 and §4). */
class EventApiTest {
  private static Api api;
  private static String admin;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    admin = api.adminToken();
    organizer = Events.organizer(api, admin);
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static JsonObject list(String query) {
    Api.Response response = api.get("/api/events?" + query);
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  private static List<Long> ids(JsonObject page) {
    List<Long> ids = new ArrayList<>();
    page.getJsonArray("items").forEach(e -> ids.add(((JsonObject) e).getLong("id")));
    return ids;
  }

  private static void assertError(Api.Response response, int status, String code) {
    assertEquals(status, response.status(), response.body());
    JsonObject error = response.json().getJsonObject("error");
    assertNotNull(error, "the contract's error shape: " + response.body());
    assertEquals(code, error.getString("code"), response.body());
    assertFalse(error.getString("message", "").isBlank(), "an error carries a message a person can act on");
  }

  private static JsonObject fields(Api.Response response) {
    JsonObject fields = response.json().getJsonObject("error").getJsonObject("fields");
    assertNotNull(fields, "a validation error names the fields: " + response.body());
    return fields;
  }

  private static String rsvp(Api.Member member, long eventId) {
    Api.Response response = api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token());
    assertEquals(201, response.status(), response.body());
    return response.json().getString("status");
  }

  private static long countEventsTitled(String fragment) throws Exception {
    try (Connection db = TestApp.jdbc();
        PreparedStatement query = db.prepareStatement("SELECT count(*) FROM events WHERE title LIKE ?")) {
      query.setString(1, "%" + fragment + "%");
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  // --- creating each type ---

  @Test
  void anOrganizerCreatesAReadingSalonWithOnePoolOfTheGivenCapacityAsADraft() {
    String title = "凤城工友读书会 " + Events.token();
    OffsetDateTime start = Events.evening(12);
    JsonObject body = Events.body("READING_SALON", title, start).put("capacity", 30);

    Api.Response created = api.post("/api/events", body, organizer.token());

    assertEquals(201, created.status(), created.body());
    JsonObject event = created.json();
    assertNotNull(event.getValue("id"));
    assertEquals("DRAFT", event.getString("status"));
    assertEquals("READING_SALON", event.getString("type"));
    assertEquals(title, event.getString("title"));
    assertEquals("凤城工人文化宫三楼", event.getString("venue"));
    assertEquals(Events.iso(start), event.getString("startsAt"));
    assertEquals(Events.iso(start.plusHours(2)), event.getString("endsAt"));
    JsonArray pools = event.getJsonArray("pools");
    assertEquals(1, pools.size(), pools.encode());
    JsonObject main = pools.getJsonObject(0);
    assertEquals("main", main.getString("key"));
    assertEquals(30, main.getInteger("capacity"));
    assertEquals(0, main.getInteger("confirmed"));
    assertEquals(0, main.getInteger("waitlisted"));
    assertEquals(30, event.getInteger("seatsLeft"));
  }

  @Test
  void anOrganizerCreatesASportsDayWithOnePoolPerTeam() {
    JsonObject body = Events.body("SPORTS_DAY", "厂际趣味运动会 " + Events.token(), Events.evening(14))
        .put("pools", Events.pools("RED", "红队", 8, "BLUE", "蓝队", 8, "GREEN", "绿队", 8, "YELLOW", "黄队", 6));

    Api.Response created = api.post("/api/events", body, organizer.token());

    assertEquals(201, created.status(), created.body());
    JsonObject event = created.json();
    assertEquals("DRAFT", event.getString("status"));
    assertEquals("SPORTS_DAY", event.getString("type"));
    JsonArray pools = event.getJsonArray("pools");
    assertEquals(4, pools.size(), pools.encode());
    List<String> keys = new ArrayList<>();
    pools.forEach(p -> keys.add(((JsonObject) p).getString("key")));
    assertEquals(List.of("RED", "BLUE", "GREEN", "YELLOW"), keys, "the teams in the order the organizer gave");
    assertEquals("黄队", Events.pool(event, "YELLOW").getString("label"));
    assertEquals(6, Events.pool(event, "YELLOW").getInteger("capacity"));
    assertEquals(8, Events.pool(event, "RED").getInteger("capacity"));
    assertEquals(30, event.getInteger("seatsLeft"));
  }

  @Test
  void aMixerWithACapacityIsSplitIntoFemaleAndMalePools() {
    JsonObject body = Events.body("MIXER", "青年职工联谊会 " + Events.token(), Events.evening(15)).put("capacity", 20);

    Api.Response created = api.post("/api/events", body, organizer.token());

    assertEquals(201, created.status(), created.body());
    JsonObject event = created.json();
    assertEquals(2, event.getJsonArray("pools").size(), event.encode());
    assertEquals(10, Events.pool(event, "FEMALE").getInteger("capacity"));
    assertEquals(10, Events.pool(event, "MALE").getInteger("capacity"));
    assertEquals(20, event.getInteger("seatsLeft"));
  }

  @Test
  void aMixerTakesExplicitFemaleAndMalePoolsButNoOthers() {
    JsonObject good = Events.body("MIXER", "联谊会 " + Events.token(), Events.evening(15))
        .put("pools", Events.pools("FEMALE", "女", 12, "MALE", "男", 8));
    Api.Response created = api.post("/api/events", good, organizer.token());
    assertEquals(201, created.status(), "positive control: " + created.body());
    assertEquals(12, Events.pool(created.json(), "FEMALE").getInteger("capacity"));

    String token = Events.token();
    JsonObject teams = Events.body("MIXER", "联谊会 " + token, Events.evening(15))
        .put("pools", Events.pools("RED", "红队", 10, "BLUE", "蓝队", 10));
    Api.Response refused = api.post("/api/events", teams, organizer.token());
    assertError(refused, 400, "VALIDATION_FAILED");
    assertTrue(fields(refused).containsKey("pools"), refused.body());

    JsonObject onlyWomen = Events.body("MIXER", "联谊会 " + token, Events.evening(15))
        .put("pools", Events.pools("FEMALE", "女", 10));
    Api.Response alsoRefused = api.post("/api/events", onlyWomen, organizer.token());
    assertError(alsoRefused, 400, "VALIDATION_FAILED");
    assertTrue(fields(alsoRefused).containsKey("pools"), alsoRefused.body());
  }

  // --- drafts, publishing and the list ---

  @Test
  void aDraftIsSeenOnlyByItsOrganizerAndAnAdminUntilPublished() {
    String token = Events.token();
    long id = Events.create(api, organizer.token(), Events.salon("草稿活动 " + token, 10)).getLong("id");
    Api.Member member = api.registerAndLogin();
    Api.Member otherOrganizer = Events.organizer(api, admin);

    assertError(api.get("/api/events/" + id, member.token()), 404, "NOT_FOUND");
    assertError(api.get("/api/events/" + id), 404, "NOT_FOUND");
    assertError(api.get("/api/events/" + id, otherOrganizer.token()), 404, "NOT_FOUND");
    assertEquals(404, api.get("/api/events/" + id + "/calendar.ics", member.token()).status());
    assertEquals(200, api.get("/api/events/" + id, organizer.token()).status());
    assertEquals(200, api.get("/api/events/" + id, admin).status());
    JsonObject before = list("q=" + token);
    assertEquals(0, before.getLong("total"), before.encode());
    assertTrue(before.getJsonArray("items").isEmpty());

    JsonObject published = Events.publish(api, organizer.token(), id);

    assertEquals("PUBLISHED", published.getString("status"));
    assertEquals(200, api.get("/api/events/" + id, member.token()).status());
    assertEquals(200, api.get("/api/events/" + id).status());
    assertEquals(List.of(id), ids(list("q=" + token)));
  }

  @Test
  void aPublishedEventIsListedWithItsPoolsSeatsAndChinaTimes() {
    String token = Events.token();
    OffsetDateTime start = Events.evening(9);
    JsonObject body = Events.body("SPORTS_DAY", "运动会 " + token, start)
        // sent in UTC; the API answers in the event's zone (+08:00)
        .put("startsAt", start.withOffsetSameInstant(ZoneOffset.UTC).toString())
        .put("endsAt", start.plusHours(3).withOffsetSameInstant(ZoneOffset.UTC).toString())
        .put("pools", Events.pools("RED", "红队", 5, "BLUE", "蓝队", 7));
    long id = Events.published(api, organizer.token(), body);

    JsonObject page = list("q=" + token);

    assertEquals(1, page.getLong("total"), page.encode());
    assertEquals(1, page.getInteger("page"));
    JsonObject item = page.getJsonArray("items").getJsonObject(0);
    assertEquals(id, item.getLong("id"));
    assertEquals("PUBLISHED", item.getString("status"));
    assertEquals(Events.iso(start), item.getString("startsAt"));
    assertTrue(item.getString("startsAt").endsWith("+08:00"), item.getString("startsAt"));
    assertEquals(Events.iso(start.plusHours(3)), item.getString("endsAt"));
    assertEquals(12, item.getInteger("seatsLeft"));
    JsonObject red = Events.pool(item, "RED");
    assertEquals("红队", red.getString("label"));
    assertEquals(5, red.getInteger("capacity"));
    assertEquals(0, red.getInteger("confirmed"));
    assertEquals(0, red.getInteger("waitlisted"));
    assertEquals(7, Events.pool(item, "BLUE").getInteger("capacity"));
  }

  @Test
  void theListIsSoonestFirst() {
    String token = Events.token();
    long third = Events.published(api, organizer.token(),
        Events.body("OTHER", "第三场 " + token, Events.evening(12)).put("capacity", 5));
    long first = Events.published(api, organizer.token(),
        Events.body("OTHER", "第一场 " + token, Events.evening(10)).put("capacity", 5));
    long second = Events.published(api, organizer.token(),
        Events.body("OTHER", "第二场 " + token, Events.evening(11)).put("capacity", 5));

    assertEquals(List.of(first, second, third), ids(list("q=" + token)));
  }

  @Test
  void theListFiltersByType() {
    String token = Events.token();
    long salon = Events.published(api, organizer.token(), Events.salon("读书 " + token, 5));
    long sports = Events.published(api, organizer.token(), Events.body("SPORTS_DAY", "运动 " + token, Events.evening(10))
        .put("pools", Events.pools("RED", "红队", 5, "BLUE", "蓝队", 5)));

    assertEquals(List.of(sports), ids(list("q=" + token + "&type=SPORTS_DAY")));
    assertEquals(List.of(salon), ids(list("q=" + token + "&type=READING_SALON")));
    assertEquals(List.of(), ids(list("q=" + token + "&type=MIXER")));
    assertEquals(2, list("q=" + token).getLong("total"));
  }

  @Test
  void theSearchFindsAChineseSubstringOfTheTitleAndOfTheDescription() {
    // A day of its own, years ahead, so that "读书" finds no other test's events on it.
    OffsetDateTime day = Events.evening(ThreadLocalRandom.current().nextInt(2_000, 6_000));
    String date = day.toLocalDate().toString();
    String descriptionWord = "共读" + Events.token();
    long id = Events.published(api, organizer.token(), Events.body("READING_SALON", "凤城工友读书会", day)
        .put("description", "本期" + descriptionWord + "《平凡的世界》，欢迎带上孩子。").put("capacity", 20));

    JsonObject byTitle = list("q=" + enc("读书") + "&from=" + date + "&to=" + date);
    assertEquals(List.of(id), ids(byTitle), byTitle.encode());
    assertEquals(List.of(id), ids(list("q=" + enc(descriptionWord))));
    assertEquals(List.of(id), ids(list("q=" + enc("平凡的世界") + "&from=" + date + "&to=" + date)));
    assertEquals(0, list("q=" + enc("足球") + "&from=" + date + "&to=" + date).getLong("total"));
    assertEquals(0, list("q=" + enc(descriptionWord + "%")).getLong("total"),
        "% in the search text is a literal character, not a wildcard");
  }

  @Test
  void theListFiltersByChinaCalendarDays() {
    String token = Events.token();
    OffsetDateTime day = Events.evening(ThreadLocalRandom.current().nextInt(2_000, 6_000));
    // 00:30 in Beijing is still the previous day in UTC.
    OffsetDateTime justAfterMidnight = day.withHour(0).withMinute(30);
    long early = Events.published(api, organizer.token(),
        Events.body("OTHER", "早场 " + token, justAfterMidnight).put("capacity", 5));
    long nextDay = Events.published(api, organizer.token(),
        Events.body("OTHER", "次日 " + token, day.plusDays(1)).put("capacity", 5));
    String d = day.toLocalDate().toString();
    String d1 = day.toLocalDate().plusDays(1).toString();
    String dMinus1 = day.toLocalDate().minusDays(1).toString();

    assertEquals(List.of(early), ids(list("q=" + token + "&from=" + d + "&to=" + d)));
    assertEquals(List.of(early), ids(list("q=" + token + "&to=" + d)));
    assertEquals(List.of(nextDay), ids(list("q=" + token + "&from=" + d1)));
    assertEquals(List.of(early, nextDay), ids(list("q=" + token + "&from=" + d + "&to=" + d1)));
    assertEquals(List.of(), ids(list("q=" + token + "&from=" + dMinus1 + "&to=" + dMinus1)));
  }

  @Test
  void theListComesInPagesOfTwentyWithTheTotal() {
    String token = Events.token();
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      expected.add(Events.published(api, organizer.token(),
          Events.body("OTHER", "分页 " + token + " " + i, Events.evening(20).plusMinutes(i)).put("capacity", 3)));
    }

    JsonObject first = list("q=" + token);
    JsonObject second = list("q=" + token + "&page=2");
    JsonObject third = list("q=" + token + "&page=3");

    assertEquals(20, first.getJsonArray("items").size());
    assertEquals(21, first.getLong("total"));
    assertEquals(1, first.getInteger("page"));
    assertEquals(1, second.getJsonArray("items").size());
    assertEquals(21, second.getLong("total"));
    assertEquals(2, second.getInteger("page"));
    assertEquals(0, third.getJsonArray("items").size());
    List<Long> all = new ArrayList<>(ids(first));
    all.addAll(ids(second));
    assertEquals(expected, all, "every event once, soonest first across pages");
  }

  @Test
  void badListParametersAreRefusedWithTheErrorShape() {
    Api.Response badType = api.get("/api/events?type=NOPE");
    assertError(badType, 400, "VALIDATION_FAILED");
    assertTrue(fields(badType).containsKey("type"), badType.body());

    Api.Response pageZero = api.get("/api/events?page=0");
    assertError(pageZero, 400, "VALIDATION_FAILED");
    assertTrue(fields(pageZero).containsKey("page"), pageZero.body());

    assertError(api.get("/api/events?page=abc"), 400, "VALIDATION_FAILED");
    assertError(api.get("/api/events?page=-1"), 400, "VALIDATION_FAILED");
    Api.Response badDate = api.get("/api/events?from=2026-13-45");
    assertError(badDate, 400, "VALIDATION_FAILED");
    assertTrue(fields(badDate).containsKey("from"), badDate.body());
  }

  // --- who may do what ---

  @Test
  void aPlainMemberCannotCreateAnEvent() throws Exception {
    String token = Events.token();
    Api.Member member = api.registerAndLogin();

    assertError(api.post("/api/events", Events.salon("会员自建 " + token, 10), member.token()), 403, "FORBIDDEN");
    assertEquals(401, api.post("/api/events", Events.salon("匿名 " + token, 10), null).status());
    assertEquals(0, countEventsTitled(token));
  }

  @Test
  void onlyTheEventsOrganizerOrAnAdminMayChangePublishOrCancelIt() {
    String title = "别人的活动 " + Events.token();
    long id = Events.published(api, organizer.token(), Events.salon(title, 10));
    long draft = Events.create(api, organizer.token(), Events.salon("别人的草稿 " + Events.token(), 10)).getLong("id");
    Api.Member member = api.registerAndLogin();
    Api.Member otherOrganizer = Events.organizer(api, admin);

    for (String token : List.of(member.token(), otherOrganizer.token())) {
      assertError(api.patch("/api/events/" + id, new JsonObject().put("title", "改掉"), token), 403, "FORBIDDEN");
      assertError(api.post("/api/events/" + id + "/publish", null, token), 403, "FORBIDDEN");
      assertError(api.post("/api/events/" + id + "/cancel", new JsonObject().put("reason", "x"), token), 403, "FORBIDDEN");
      assertEquals(404, api.post("/api/events/" + draft + "/publish", null, token).status(),
          "someone else's draft is not even visible");
    }
    JsonObject after = Events.get(api, member.token(), id);
    assertEquals(title, after.getString("title"));
    assertEquals("PUBLISHED", after.getString("status"));
    assertEquals("DRAFT", Events.get(api, admin, draft).getString("status"));

    Api.Response byAdmin = api.patch("/api/events/" + id, new JsonObject().put("venue", "工会大楼礼堂"), admin);
    assertEquals(200, byAdmin.status(), byAdmin.body());
    assertEquals("工会大楼礼堂", byAdmin.json().getString("venue"));
  }

  @Test
  void invalidEventsAreRefusedWithTheFieldsAndNothingIsCreated() throws Exception {
    String token = Events.token();
    OffsetDateTime start = Events.evening(10);

    Api.Response endsFirst = api.post("/api/events", Events.salon("时间倒置 " + token, 10)
        .put("endsAt", Events.iso(start.minusHours(1))), organizer.token());
    assertError(endsFirst, 400, "VALIDATION_FAILED");
    assertTrue(fields(endsFirst).containsKey("endsAt"), endsFirst.body());

    JsonObject noTitle = Events.salon("x", 10);
    noTitle.remove("title");
    Api.Response missingTitle = api.post("/api/events", noTitle.put("description", token), organizer.token());
    assertError(missingTitle, 400, "VALIDATION_FAILED");
    assertTrue(fields(missingTitle).containsKey("title"), missingTitle.body());

    Api.Response both = api.post("/api/events", Events.salon("两者都给 " + token, 10)
        .put("pools", Events.pools("main", "名额", 10)), organizer.token());
    assertError(both, 400, "VALIDATION_FAILED");
    assertTrue(fields(both).containsKey("pools") || fields(both).containsKey("capacity"), both.body());

    JsonObject neither = Events.salon("都不给 " + token, 10);
    neither.remove("capacity");
    Api.Response none = api.post("/api/events", neither, organizer.token());
    assertError(none, 400, "VALIDATION_FAILED");
    assertTrue(fields(none).containsKey("capacity") || fields(none).containsKey("pools"), none.body());

    assertEquals(0, countEventsTitled(token));
    try (Connection db = TestApp.jdbc();
        PreparedStatement query = db.prepareStatement("SELECT count(*) FROM events WHERE description = ?")) {
      query.setString(1, token);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        assertEquals(0, rows.getLong(1));
      }
    }
  }

  // --- changing an event ---

  @Test
  void aPatchChangesTheTitleAndVenueAndLeavesTheRest() {
    OffsetDateTime start = Events.evening(10);
    JsonObject created = Events.create(api, organizer.token(), Events.salon("旧标题 " + Events.token(), 25));
    long id = created.getLong("id");
    String newTitle = "新标题 " + Events.token();

    Api.Response patched = api.patch("/api/events/" + id,
        new JsonObject().put("title", newTitle).put("venue", "职工之家二楼"), organizer.token());

    assertEquals(200, patched.status(), patched.body());
    JsonObject after = Events.get(api, organizer.token(), id);
    assertEquals(newTitle, after.getString("title"));
    assertEquals("职工之家二楼", after.getString("venue"));
    assertEquals(Events.iso(start), after.getString("startsAt"));
    assertEquals(created.getString("description"), after.getString("description"));
    assertEquals(25, Events.pool(after, "main").getInteger("capacity"));
    assertEquals("DRAFT", after.getString("status"));
  }

  @Test
  void aPatchGivingBothCapacityAndPoolsIsRefusedLikeACreate() {
    long id = Events.published(api, organizer.token(), Events.salon("两者 " + Events.token(), 10));

    Api.Response both = api.patch("/api/events/" + id, new JsonObject().put("capacity", 12)
        .put("pools", Events.pools("main", "名额", 15)), organizer.token());

    assertError(both, 400, "VALIDATION_FAILED");
    assertEquals(10, Events.pool(Events.get(api, organizer.token(), id), "main").getInteger("capacity"));
  }

  @Test
  void loweringACapacityBelowTheConfirmedCountIsAConflictAndChangesNothing() {
    String title = "容量 " + Events.token();
    long id = Events.published(api, organizer.token(), Events.salon(title, 3));
    for (int i = 0; i < 3; i++) {
      assertEquals("CONFIRMED", rsvp(api.registerAndLogin(), id));
    }

    Api.Response lowered = api.patch("/api/events/" + id,
        new JsonObject().put("capacity", 2).put("title", "不该生效"), organizer.token());

    assertError(lowered, 409, "CAPACITY_BELOW_CONFIRMED");
    JsonObject after = Events.get(api, organizer.token(), id);
    assertEquals(title, after.getString("title"));
    assertEquals(3, Events.pool(after, "main").getInteger("capacity"));
    assertEquals(3, Events.pool(after, "main").getInteger("confirmed"));

    Api.Response toExactlyConfirmed = api.patch("/api/events/" + id, new JsonObject().put("capacity", 3), organizer.token());
    assertEquals(200, toExactlyConfirmed.status(), "positive control: " + toExactlyConfirmed.body());
  }

  @Test
  void loweringOneTeamBelowItsConfirmedCountLeavesEveryTeamAsItWas() {
    long id = Events.published(api, organizer.token(), Events.body("SPORTS_DAY", "团队 " + Events.token(), Events.evening(10))
        .put("pools", Events.pools("RED", "红队", 2, "BLUE", "蓝队", 2)));
    for (int i = 0; i < 2; i++) {
      Api.Response joined = api.post("/api/events/" + id + "/rsvp", new JsonObject().put("pool", "RED"),
          api.registerAndLogin().token());
      assertEquals(201, joined.status(), joined.body());
    }

    Api.Response lowered = api.patch("/api/events/" + id,
        new JsonObject().put("pools", Events.pools("RED", "红队", 1, "BLUE", "蓝队", 9)), organizer.token());

    assertError(lowered, 409, "CAPACITY_BELOW_CONFIRMED");
    JsonObject after = Events.get(api, organizer.token(), id);
    assertEquals(2, Events.pool(after, "RED").getInteger("capacity"));
    assertEquals(2, Events.pool(after, "BLUE").getInteger("capacity"));
  }

  @Test
  void raisingACapacityPromotesTheFirstWaitlistedMembersInOrder() {
    long id = Events.published(api, organizer.token(), Events.salon("扩容 " + Events.token(), 1));
    List<Api.Member> members = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      members.add(api.registerAndLogin(new JsonObject().put("displayName", "扩容会员" + i)));
    }
    assertEquals("CONFIRMED", rsvp(members.get(0), id));
    for (int i = 1; i < 4; i++) {
      assertEquals("WAITLISTED", rsvp(members.get(i), id));
    }

    Api.Response raised = api.patch("/api/events/" + id, new JsonObject().put("capacity", 3), organizer.token());

    assertEquals(200, raised.status(), raised.body());
    JsonObject main = Events.pool(raised.json(), "main");
    assertEquals(3, main.getInteger("confirmed"));
    assertEquals(1, main.getInteger("waitlisted"));
    assertEquals("CONFIRMED", Rsvps.mine(api, members.get(1).token(), id).getString("status"));
    assertEquals("CONFIRMED", Rsvps.mine(api, members.get(2).token(), id).getString("status"));
    JsonObject last = Rsvps.mine(api, members.get(3).token(), id);
    assertEquals("WAITLISTED", last.getString("status"));
    assertEquals(1, last.getInteger("waitlistPosition"));
    JsonArray roster = api.get("/api/events/" + id + "/rsvps", organizer.token()).json().getJsonArray("items");
    long confirmed = roster.stream().filter(r -> "CONFIRMED".equals(((JsonObject) r).getString("status"))).count();
    assertEquals(3, confirmed, roster.encode());
  }

  @Test
  void concurrentPatchesOfDifferentFieldsAreAllKept() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<String> lost = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        long id = Events.published(api, organizer.token(), Events.salon("并发修改 " + Events.token(), 10));
        String title = "新标题 " + Events.token();
        List<JsonObject> changes = List.of(new JsonObject().put("title", title),
            new JsonObject().put("venue", "新场地"), new JsonObject().put("description", "新介绍"),
            new JsonObject().put("capacity", 15));
        CountDownLatch gate = new CountDownLatch(1);
        List<java.util.concurrent.Future<Api.Response>> answers = new ArrayList<>();
        for (JsonObject change : changes) {
          answers.add(threads.submit(() -> {
            gate.await();
            return api.patch("/api/events/" + id, change, organizer.token());
          }));
        }
        gate.countDown();
        for (var answer : answers) {
          Api.Response response = answer.get(30, TimeUnit.SECONDS);
          assertEquals(200, response.status(), response.body());
        }
        JsonObject after = Events.get(api, organizer.token(), id);
        if (!title.equals(after.getString("title")) || !"新场地".equals(after.getString("venue"))
            || !"新介绍".equals(after.getString("description"))
            || Events.pool(after, "main").getInteger("capacity") != 15) {
          lost.add("event " + id + ": title=" + after.getString("title") + ", venue=" + after.getString("venue")
              + ", description=" + after.getString("description")
              + ", capacity=" + Events.pool(after, "main").getInteger("capacity"));
        }
      }
      assertEquals(List.of(), lost, "a PATCH changes only the fields it names, even when another PATCH runs at once");
    } finally {
      threads.shutdownNow();
    }
  }

  // --- cancelling ---

  @Test
  void cancellingWithAReasonShowsTheReasonAndThenPublishingIsAConflict() {
    String token = Events.token();
    long id = Events.published(api, organizer.token(), Events.salon("将取消 " + token, 10));
    Api.Member member = api.registerAndLogin();

    Api.Response cancelled = api.post("/api/events/" + id + "/cancel",
        new JsonObject().put("reason", "场地临时维修，改期另行通知"), organizer.token());

    assertEquals(200, cancelled.status(), cancelled.body());
    assertEquals("CANCELLED", cancelled.json().getString("status"));
    JsonObject seen = Events.get(api, member.token(), id);
    assertEquals("CANCELLED", seen.getString("status"));
    assertEquals("场地临时维修，改期另行通知", seen.getString("cancelReason"));
    assertEquals(0, list("q=" + token).getLong("total"), "a cancelled event leaves the list");
    assertError(api.post("/api/events/" + id + "/publish", null, organizer.token()), 409, "NOT_A_DRAFT");
    assertEquals(409, api.post("/api/events/" + id + "/cancel", new JsonObject(), organizer.token()).status());
    assertEquals("CANCELLED", Events.get(api, member.token(), id).getString("status"));
  }

  // --- the sign-up list ---

  @Test
  void theSignUpListIsForTheOrganizerAndAdminsAndShowsNamePoolStatusAndPosition() {
    long id = Events.published(api, organizer.token(), Events.salon("名单 " + Events.token(), 1));
    Api.Member first = api.registerAndLogin(new JsonObject().put("displayName", "李红"));
    Api.Member second = api.registerAndLogin(new JsonObject().put("displayName", "王芳"));
    rsvp(first, id);
    rsvp(second, id);
    Api.Member otherOrganizer = Events.organizer(api, admin);

    assertError(api.get("/api/events/" + id + "/rsvps", first.token()), 403, "FORBIDDEN");
    assertError(api.get("/api/events/" + id + "/rsvps", otherOrganizer.token()), 403, "FORBIDDEN");
    assertEquals(401, api.get("/api/events/" + id + "/rsvps").status());
    Api.Response byAdmin = api.get("/api/events/" + id + "/rsvps", admin);
    assertEquals(200, byAdmin.status(), byAdmin.body());
    Api.Response byOrganizer = api.get("/api/events/" + id + "/rsvps", organizer.token());
    assertEquals(200, byOrganizer.status(), byOrganizer.body());

    JsonArray items = byOrganizer.json().getJsonArray("items");
    assertEquals(2, items.size(), items.encode());
    JsonObject li = items.getJsonObject(0);
    assertEquals("李红", li.getString("displayName"));
    assertEquals("main", li.getString("pool"));
    assertEquals("CONFIRMED", li.getString("status"));
    assertNull(li.getValue("waitlistPosition"));
    JsonObject wang = items.getJsonObject(1);
    assertEquals("王芳", wang.getString("displayName"));
    assertEquals("WAITLISTED", wang.getString("status"));
    assertEquals(1, wang.getInteger("waitlistPosition"));
    assertEquals(items, byAdmin.json().getJsonArray("items"));
  }

  // --- calendar file ---

  @Test
  void theCalendarFileIsValidICalendarInChinaTime() throws Exception {
    String title = "凤城工友读书会 " + Events.token();
    OffsetDateTime start = Events.evening(10);
    long id = Events.published(api, organizer.token(), Events.body("READING_SALON", title, start)
        .put("venue", "凤城工人文化宫 301 室").put("capacity", 20));

    Api.Response file = api.get("/api/events/" + id + "/calendar.ics");

    assertEquals(200, file.status(), file.body());
    assertTrue(file.header("Content-Type").orElse("").startsWith("text/calendar"), file.headers().toString());
    Calendar calendar = new CalendarBuilder().build(new StringReader(file.body()));
    List<VEvent> events = calendar.getComponents(Component.VEVENT);
    assertEquals(1, events.size(), file.body());
    VEvent event = events.get(0);
    Property dtStart = event.getProperty(Property.DTSTART).orElseThrow();
    String tzid = dtStart.getParameter(Parameter.TZID).map(Parameter::getValue).orElse(null);
    assertEquals("Asia/Shanghai", tzid, file.body());
    assertEquals(start.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")), dtStart.getValue());
    List<VTimeZone> zones = calendar.getComponents(Component.VTIMEZONE);
    assertEquals(1, zones.size(), file.body());
    assertEquals(tzid, zones.get(0).getProperty(Property.TZID).map(Property::getValue).orElse(null),
        "DTSTART's TZID names the VTIMEZONE in the file");
    assertEquals(title, event.getProperty(Property.SUMMARY).map(Property::getValue).orElse(null));
    assertEquals("凤城工人文化宫 301 室", event.getProperty(Property.LOCATION).map(Property::getValue).orElse(null));
    assertTrue(event.getProperty(Property.UID).isPresent());
    assertTrue(event.getProperty(Property.DTSTAMP).isPresent());
    assertFalse(event.validate().hasErrors(), event.validate().toString());
    assertFalse(zones.get(0).validate().hasErrors(), zones.get(0).validate().toString());
  }

  @Test
  void theCalendarFileAsAWholePassesIcal4jValidation() throws Exception {
    long id = Events.published(api, organizer.token(), Events.salon("日历校验 " + Events.token(), 20));
    String ics = api.get("/api/events/" + id + "/calendar.ics").body();

    Calendar calendar = new CalendarBuilder().build(new StringReader(ics));

    // The file declares METHOD:PUBLISH, which makes it an iTIP message (RFC 5546 §3.2.1): a
    // published VEVENT then needs an ORGANIZER. A file for download needs no METHOD at all.
    var validation = calendar.validate();
    assertFalse(validation.hasErrors(), validation.toString());
  }

  // --- member-supplied text ---

  @Test
  void markupInMemberSuppliedTextComesBackUnchangedInJson() {
    String token = Events.token();
    String title = "<script>x</script>";
    String description = "\"引号\" & <b>粗体</b> 's " + token;
    long id = Events.create(api, organizer.token(), Events.salon(title, 5).put("description", description)).getLong("id");

    JsonObject shown = Events.publish(api, organizer.token(), id);

    assertEquals(title, shown.getString("title"));
    assertEquals(title, Events.get(api, null, id).getString("title"));
    JsonObject listed = list("q=" + enc(token)).getJsonArray("items").getJsonObject(0);
    assertEquals(title, listed.getString("title"));
    assertEquals(description, listed.getString("description"));
  }

  @Test
  void unknownEventsAreNotFound() {
    assertError(api.get("/api/events/987654321"), 404, "NOT_FOUND");
    assertError(api.get("/api/events/not-a-number"), 404, "NOT_FOUND");
    assertError(api.patch("/api/events/987654321", new JsonObject().put("title", "x"), organizer.token()), 404, "NOT_FOUND");
    assertEquals(404, api.get("/api/events/987654321/calendar.ics").status());
  }
}
