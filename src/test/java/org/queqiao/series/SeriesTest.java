package org.queqiao.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Roles;
import org.queqiao.support.TestApp;

/** Series (contract §11) over HTTP: creating the dates, who may, following, notices, my streak. */
class SeriesTest {
  private static Api api;
  private static String admin;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    admin = api.adminToken();
    organizer = Events.organizer(api, admin);
  }

  private static JsonObject date(OffsetDateTime start) {
    return new JsonObject().put("startsAt", Events.iso(start)).put("endsAt", Events.iso(start.plusHours(2)));
  }

  /** A reading salon series body with these dates (or a repeat rule added by the caller). */
  private static JsonObject salonSeries(String title, OffsetDateTime... starts) {
    JsonObject body = new JsonObject().put("type", "READING_SALON").put("title", title)
        .put("description", "每月一本书").put("venue", "凤城图书馆二楼").put("capacity", 12);
    if (starts.length > 0) {
      JsonArray dates = new JsonArray();
      for (OffsetDateTime start : starts) {
        dates.add(date(start));
      }
      body.put("dates", dates);
    }
    return body;
  }

  private static JsonObject create(JsonObject body) {
    Api.Response created = api.post("/api/series", body, organizer.token());
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  private static List<JsonObject> events(JsonObject series) {
    return series.getJsonArray("events").stream().map(o -> (JsonObject) o).toList();
  }

  private static List<JsonObject> seriesNotices(Api.Member member) {
    return api.get("/api/me/notifications", member.token()).json().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(n -> "SERIES_DATE_OPEN".equals(n.getString("kind"))).toList();
  }

  private static long countEventsTitled(String title) throws SQLException {
    try (Connection conn = TestApp.jdbc();
        PreparedStatement st = conn.prepareStatement("SELECT count(*) FROM events WHERE title = ?")) {
      st.setString(1, title);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void aListOfDatesBecomesOneDraftEventPerDateWithTheSharedOptions() {
    String title = "读书沙龙 " + Events.token();
    JsonObject body = salonSeries(title, Events.evening(10), Events.evening(40), Events.evening(70))
        .put("approval", true)
        .put("questions", new JsonArray().add(new JsonObject().put("key", "book").put("label", "最近在读的书")
            .put("type", "TEXT").put("required", true).put("askAtDoor", true)));
    JsonObject series = create(body);
    List<JsonObject> dates = events(series);
    assertEquals(3, dates.size());
    for (JsonObject event : dates) {
      assertEquals("DRAFT", event.getString("status"));
      assertEquals(series.getLong("id"), event.getLong("seriesId"));
      assertEquals(title, event.getString("title"));
      assertEquals(12, event.getInteger("capacity"));
      assertTrue(event.getBoolean("approval"));
      assertEquals("book", event.getJsonArray("questions").getJsonObject(0).getString("key"));
    }
    assertEquals(Events.iso(Events.evening(40)), dates.get(1).getString("startsAt"));

    JsonObject seen = api.get("/api/series/" + series.getLong("id"), organizer.token()).json();
    assertEquals(3, seen.getJsonArray("events").size(), "the organiser sees the drafts");
    assertEquals(0, seen.getLong("followers"));

    Api.Member member = api.registerAndLogin();
    assertEquals(404, api.get("/api/series/" + series.getLong("id"), member.token()).status(),
        "a series of drafts only is not there for members");
    Events.publish(api, organizer.token(), dates.get(0).getLong("id"));
    JsonObject forMember = api.get("/api/series/" + series.getLong("id"), member.token()).json();
    assertEquals(1, forMember.getJsonArray("events").size(), "members see published dates only");
    assertFalse(forMember.getBoolean("following"));
    assertFalse(forMember.containsKey("followers"), "the follower count is for managers");
    JsonObject anonymous = api.get("/api/series/" + series.getLong("id")).json();
    assertFalse(anonymous.containsKey("following"));
    assertEquals(series.getLong("id"),
        Events.get(api, member.token(), dates.get(0).getLong("id")).getLong("seriesId"));
  }

  @Test
  void aMonthlyRuleGivesTheSecondSaturdayOfEachMonthAtTheSameLocalTime() {
    LocalDate from = LocalDate.now(Events.CHINA).plusDays(1);
    JsonObject series = create(salonSeries("月度沙龙 " + Events.token()).put("repeat", new JsonObject()
        .put("every", "MONTH").put("week", 2).put("weekday", "SATURDAY").put("from", from.toString())
        .put("times", 5).put("startTime", "14:00").put("endTime", "16:00")));
    List<JsonObject> dates = events(series);
    assertEquals(5, dates.size());
    LocalDate previous = null;
    for (JsonObject event : dates) {
      OffsetDateTime start = OffsetDateTime.parse(event.getString("startsAt"));
      assertEquals(DayOfWeek.SATURDAY, start.getDayOfWeek(), event.encode());
      assertTrue(start.getDayOfMonth() >= 8 && start.getDayOfMonth() <= 14, "the second Saturday: " + start);
      assertEquals("14:00", start.toLocalTime().toString());
      assertEquals("+08:00", start.getOffset().getId());
      assertEquals("16:00", OffsetDateTime.parse(event.getString("endsAt")).toLocalTime().toString());
      assertFalse(start.toLocalDate().isBefore(from));
      if (previous != null) {
        assertEquals(previous.plusMonths(1).withDayOfMonth(1), start.toLocalDate().withDayOfMonth(1),
            "one date each month, none skipped");
      }
      previous = start.toLocalDate();
    }
  }

  @Test
  void aWeeklyRuleKeepsTheWallClockTimeAcrossADaylightSavingChange() {
    // Berlin moves its clocks in the last week of March: 19:00 stays 19:00, the offset changes.
    LocalDate from = LocalDate.of(LocalDate.now().getYear() + 1, 3, 16);
    JsonObject series = create(salonSeries("双周读书会 " + Events.token()).put("timeZone", "Europe/Berlin")
        .put("repeat", new JsonObject().put("every", "TWO_WEEKS").put("weekday", "MONDAY")
            .put("from", from.toString()).put("times", 3).put("startTime", "19:00").put("endTime", "21:00")));
    List<OffsetDateTime> starts = events(series).stream().map(e -> OffsetDateTime.parse(e.getString("startsAt"))).toList();
    LocalDate first = from.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    assertEquals(List.of(first, first.plusWeeks(2), first.plusWeeks(4)), starts.stream().map(OffsetDateTime::toLocalDate).toList());
    for (OffsetDateTime start : starts) {
      assertEquals("19:00", start.toLocalTime().toString());
      assertEquals(ZoneId.of("Europe/Berlin").getRules().getOffset(start.toInstant()), start.getOffset());
    }
    assertTrue(!starts.get(0).getOffset().equals(starts.get(2).getOffset()), "the dates straddle the change: " + starts);
  }

  @Test
  void wrongDatesAreNamedOneByOneAndNothingIsCreated() throws SQLException {
    String title = "校验沙龙 " + Events.token();
    OffsetDateTime good = Events.evening(5);
    JsonObject body = salonSeries(title);
    body.put("dates", new JsonArray()
        .add(date(good))
        .add(date(Events.evening(-3)))
        .add(new JsonObject().put("startsAt", Events.iso(Events.evening(8))).put("endsAt", Events.iso(Events.evening(7))))
        .add(date(good)));
    Api.Response refused = api.post("/api/series", body, organizer.token());
    assertEquals(400, refused.status(), refused.body());
    JsonObject fields = refused.json().getJsonObject("error").getJsonObject("fields");
    assertEquals(java.util.Set.of("dates[1].startsAt", "dates[2].endsAt", "dates[3].startsAt"), fields.fieldNames(),
        fields.encode());
    assertEquals(0, countEventsTitled(title), "a refused series creates no date");

    JsonArray many = new JsonArray();
    for (int i = 0; i < 53; i++) {
      many.add(date(Events.evening(2 + i)));
    }
    assertEquals(Map.of("dates", true), fieldsOf(salonSeries(title).put("dates", many)));
    assertEquals(Map.of("dates", true), fieldsOf(salonSeries(title).put("dates", new JsonArray())));
    assertEquals(Map.of("dates", true), fieldsOf(salonSeries(title, good).put("repeat", new JsonObject())));
    assertEquals(Map.of("repeat.times", true, "repeat.endTime", true), fieldsOf(salonSeries(title).put("repeat",
        new JsonObject().put("every", "WEEK").put("weekday", "SUNDAY").put("from", "2099-01-01").put("times", 0)
            .put("startTime", "10:00").put("endTime", "09:00"))));
    assertEquals(Map.of("title", true, "capacity", true),
        fieldsOf(salonSeries("", good).put("capacity", 0)), "shared fields are named once, by their own name");
    assertEquals(0, countEventsTitled(title));
  }

  private static Map<String, Object> fieldsOf(JsonObject body) {
    Api.Response refused = api.post("/api/series", body, organizer.token());
    assertEquals(400, refused.status(), refused.body());
    Map<String, Object> named = new java.util.TreeMap<>();
    refused.json().getJsonObject("error").getJsonObject("fields").fieldNames().forEach(f -> named.put(f, true));
    return named;
  }

  @Test
  void onlyOrganisersCreateSeriesAndAUnionLimitedOneOnlyForTheirUnion() {
    JsonObject body = salonSeries("权限沙龙 " + Events.token(), Events.evening(9), Events.evening(39));
    assertEquals(401, api.post("/api/series", body, null).status());
    assertEquals(403, api.post("/api/series", body, api.registerAndLogin().token()).status());

    String t = Events.token();
    long own = api.post("/api/admin/unions", new JsonObject().put("name", "东区工会 " + t), admin).json().getLong("id");
    long other = api.post("/api/admin/unions", new JsonObject().put("name", "西区工会 " + t), admin).json().getLong("id");
    Api.Member limited = api.registerAndLogin(new JsonObject().put("unionId", own));
    Roles.set(api, admin, limited.id(), "ORGANIZER");
    Api.Response outside = api.post("/api/series", body.copy().put("audienceUnionId", other), limited.token());
    assertEquals(403, outside.status(), outside.body());
    assertEquals("NOT_YOUR_UNION", outside.errorCode());
    Api.Response inside = api.post("/api/series", body.copy().put("audienceUnionId", own), limited.token());
    assertEquals(201, inside.status(), inside.body());
    long dateId = inside.json().getJsonArray("events").getJsonObject(0).getLong("id");
    assertEquals(200, api.post("/api/events/" + dateId + "/publish", null, limited.token()).status(),
        "the organiser manages each date as an event of their own");
    JsonObject seenByAnother = api.get("/api/series/" + inside.json().getLong("id"), organizer.token()).json();
    assertEquals(1, seenByAnother.getJsonArray("events").size(), "another organiser sees only what is published");
    assertFalse(seenByAnother.containsKey("followers"), "and is not a manager of the series");
  }

  @Test
  void followingAndUnfollowingAreIdempotent() {
    JsonObject series = create(salonSeries("关注沙龙 " + Events.token(), Events.evening(12)));
    long id = series.getLong("id");
    Api.Member member = api.registerAndLogin();
    assertEquals(404, api.post("/api/series/" + id + "/follow", null, member.token()).status(),
        "nobody follows a series they cannot see");
    Events.publish(api, organizer.token(), events(series).get(0).getLong("id"));
    assertEquals(401, api.post("/api/series/" + id + "/follow", null, null).status());
    for (int i = 0; i < 2; i++) {
      Api.Response followed = api.post("/api/series/" + id + "/follow", null, member.token());
      assertEquals(200, followed.status(), followed.body());
      assertEquals(new JsonObject().put("following", true), followed.json());
    }
    assertTrue(api.get("/api/series/" + id, member.token()).json().getBoolean("following"));
    assertEquals(1, api.get("/api/series/" + id, organizer.token()).json().getLong("followers"));
    for (int i = 0; i < 2; i++) {
      Api.Response unfollowed = api.send("/api/series/" + id + "/follow", "DELETE", null, member.token(), Map.of());
      assertEquals(200, unfollowed.status(), unfollowed.body());
      assertEquals(new JsonObject().put("following", false), unfollowed.json());
    }
    assertFalse(api.get("/api/series/" + id, member.token()).json().getBoolean("following"));
    assertEquals(0, api.get("/api/series/" + id, organizer.token()).json().getLong("followers"));
    assertEquals(404, api.get("/api/series/999999999").status());
    assertEquals(404, api.get("/api/series/abc").status());
  }

  @Test
  void followersAreToldOnceWhenEachDateIsPublishedAndNobodyElse() {
    JsonObject series = create(salonSeries("通知沙龙 " + Events.token(), Events.evening(6), Events.evening(36),
        Events.evening(66)));
    long id = series.getLong("id");
    List<JsonObject> dates = events(series);
    Events.publish(api, organizer.token(), dates.get(0).getLong("id"));
    Api.Member follower = api.registerAndLogin();
    Api.Member leaver = api.registerAndLogin();
    Api.Member bystander = api.registerAndLogin();
    api.post("/api/series/" + id + "/follow", null, follower.token());
    api.post("/api/series/" + id + "/follow", null, leaver.token());
    api.send("/api/series/" + id + "/follow", "DELETE", null, leaver.token(), Map.of());
    assertEquals(0, seriesNotices(follower).size(), "following does not repeat what was already open");

    long second = dates.get(1).getLong("id");
    Events.publish(api, organizer.token(), second);
    List<JsonObject> notices = seriesNotices(follower);
    assertEquals(1, notices.size());
    assertEquals(second, notices.get(0).getLong("eventId"));
    assertTrue(notices.get(0).getString("title").contains("通知沙龙"), notices.get(0).encode());
    assertEquals(0, seriesNotices(leaver).size());
    assertEquals(0, seriesNotices(bystander).size());

    assertEquals(409, api.post("/api/events/" + second + "/publish", null, organizer.token()).status());
    assertEquals(200, api.patch("/api/events/" + second, new JsonObject().put("venue", "凤城图书馆三楼"),
        organizer.token()).status());
    assertEquals(1, seriesNotices(follower).size(), "neither a second publish nor an edit tells followers again");

    Events.publish(api, organizer.token(), dates.get(2).getLong("id"));
    assertEquals(List.of(dates.get(2).getLong("id"), second),
        seriesNotices(follower).stream().map(n -> n.getLong("eventId")).toList());
  }

  @Test
  void myEventsShowsWhatIAttendedInEachSeriesAndMyStreak() throws SQLException {
    String title = "连续沙龙 " + Events.token();
    JsonObject series = create(salonSeries(title, Events.evening(3), Events.evening(4), Events.evening(5),
        Events.evening(6), Events.evening(30)));
    List<Long> ids = events(series).stream().map(e -> e.getLong("id")).toList();
    ids.forEach(id -> Events.publish(api, organizer.token(), id));
    Api.Member member = api.registerAndLogin();
    for (long id : ids.subList(0, 4)) {
      assertEquals(201, api.post("/api/events/" + id + "/rsvp", new JsonObject(), member.token()).status());
    }
    // Attended the 1st, missed the 2nd, attended the 3rd and 4th.
    for (long id : List.of(ids.get(0), ids.get(2), ids.get(3))) {
      String qr = api.get("/api/events/" + id + "/ticket", member.token()).json().getString("qr");
      assertEquals(201, api.post("/api/events/" + id + "/checkins", new JsonObject().put("qr", qr),
          organizer.token()).status());
    }
    JsonObject before = mySeries(member, series.getLong("id"));
    assertEquals(3, before.getInteger("attended"), "a date I was checked in to counts at once: " + before.encode());
    assertEquals(3, before.getInteger("streak"), "the 2nd date has not been held yet, so it breaks nothing");

    // The first four dates are now over, a day apart, oldest first.
    try (Connection conn = TestApp.jdbc(); PreparedStatement st = conn.prepareStatement(
        "UPDATE events SET starts_at = now() - make_interval(days => ?), ends_at = now() - make_interval(days => ?)"
            + " + interval '2 hours' WHERE id = ?")) {
      for (int i = 0; i < 4; i++) {
        st.setInt(1, 10 - i);
        st.setInt(2, 10 - i);
        st.setLong(3, ids.get(i));
        st.addBatch();
      }
      st.executeBatch();
    }
    JsonObject after = mySeries(member, series.getLong("id"));
    assertEquals(4, after.getInteger("datesHeld"));
    assertEquals(3, after.getInteger("attended"));
    assertEquals(2, after.getInteger("streak"), "the 4th and 3rd in a row; the missed 2nd ends the streak");
    assertEquals(ids.get(4), after.getLong("nextEventId"));
    assertFalse(after.getBoolean("following"));

    Api.Member stranger = api.registerAndLogin();
    assertTrue(api.get("/api/me/series", stranger.token()).json().getJsonArray("items").isEmpty());
    api.post("/api/series/" + series.getLong("id") + "/follow", null, stranger.token());
    JsonObject followed = mySeries(stranger, series.getLong("id"));
    assertEquals(0, followed.getInteger("streak"));
    assertEquals(4, followed.getInteger("datesHeld"));
    assertTrue(followed.getBoolean("following"));
    assertEquals(401, api.get("/api/me/series", null).status());
  }

  @Test
  void myFollowsAreInMyExportAndGoWithMyAccount() throws SQLException {
    String title = "隐私沙龙 " + Events.token();
    JsonObject series = create(salonSeries(title, Events.evening(11)));
    long id = series.getLong("id");
    Events.publish(api, organizer.token(), events(series).get(0).getLong("id"));
    Api.Member member = api.registerAndLogin();
    api.post("/api/series/" + id + "/follow", null, member.token());
    JsonArray follows = api.get("/api/me/export", member.token()).json().getJsonArray("seriesFollows");
    assertEquals(1, follows.size(), follows.encode());
    assertEquals(title, follows.getJsonObject(0).getString("seriesTitle"));

    assertEquals(204, api.send("/api/me", "DELETE", new JsonObject().put("password", member.password()),
        member.token(), Map.of()).status());
    try (Connection conn = TestApp.jdbc();
        PreparedStatement st = conn.prepareStatement("SELECT count(*) FROM series_follows WHERE user_id = ?")) {
      st.setLong(1, member.id());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        assertEquals(0, rs.getLong(1), "a deleted account follows nothing");
      }
    }
    assertEquals(0, api.get("/api/series/" + id, organizer.token()).json().getLong("followers"));
  }

  private static JsonObject mySeries(Api.Member member, long seriesId) {
    Api.Response response = api.get("/api/me/series", member.token());
    assertEquals(200, response.status(), response.body());
    return response.json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(s -> s.getLong("seriesId") == seriesId).findFirst()
        .orElseThrow(() -> new AssertionError("series " + seriesId + " not in " + response.body()));
  }
}
