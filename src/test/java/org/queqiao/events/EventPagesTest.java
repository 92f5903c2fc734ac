package org.queqiao.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** The event pages over real HTTP with plain form posts, as a phone without JavaScript uses them. */
class EventPagesTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void makeOrganizer() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  @Test
  void theHomePageListsPublishedEventsAndFindsThemByChineseText() {
    String title = "凤城读书会<b>" + Events.token();
    long id = Events.published(api, organizer.token(), Events.salon(title, 10));
    String draftTitle = "草稿活动" + Events.token();
    api.post("/api/events", Events.salon(draftTitle, 10), organizer.token());

    String found = TestApp.browser().get("/?q=" + URLEncoder.encode(title.substring(2), StandardCharsets.UTF_8)).body();
    assertTrue(found.contains("href=\"/events/" + id + "\""), "the event is listed");
    assertTrue(found.contains(title.replace("<b>", "&lt;b&gt;")), "its title is escaped");
    assertFalse(found.contains("<b>"), "no member-supplied markup");
    assertTrue(found.contains("还剩 10 个名额"));

    String drafts = TestApp.browser().get("/?q=" + URLEncoder.encode(draftTitle, StandardCharsets.UTF_8)).body();
    assertFalse(drafts.contains(">" + draftTitle + "</a>"), "drafts are not listed");
    assertTrue(drafts.contains("没有找到符合条件的活动"), "an empty result says so");
  }

  @Test
  void aMemberSignsUpAndCancelsWithPlainFormsAndSeesItInMyEvents() {
    String title = "读书会" + Events.token();
    long id = Events.published(api, organizer.token(), Events.salon(title, 1));
    Api.Member member = api.registerAndLogin();
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, member);

    String page = browser.get("/events/" + id).body();
    assertTrue(page.contains("action=\"/events/" + id + "/rsvp\""), "the obvious action is to sign up");

    Api.Response signed = browser.form("/events/" + id + "/rsvp", Map.of("_csrf", csrf));
    assertEquals(303, signed.status(), signed.body());
    String after = browser.get(signed.header("Location").orElseThrow()).body();
    assertTrue(after.contains("你已报名成功"));
    assertTrue(browser.get("/me/events").body().contains(title));

    Api.Member second = api.registerAndLogin();
    Api other = TestApp.browser();
    String otherCsrf = Pages.signIn(other, second);
    assertTrue(other.get("/events/" + id).body().contains("加入候补"), "a full event offers the waitlist");
    other.form("/events/" + id + "/rsvp", Map.of("_csrf", otherCsrf));
    assertTrue(other.get("/events/" + id).body().contains("候补名单第 1 位"));

    Api.Response cancelled = browser.form("/events/" + id + "/rsvp/cancel", Map.of("_csrf", csrf));
    assertEquals(303, cancelled.status());
    assertTrue(other.get("/events/" + id).body().contains("你已报名成功"), "the waitlisted member was promoted");
    assertTrue(browser.get("/me/events").body().contains("已取消的报名"));
  }

  @Test
  void aRefusedSignUpShowsWhyOnTheEventPage() {
    JsonObject mixer = new JsonObject()
        .put("type", "MIXER").put("title", "联谊" + Events.token()).put("venue", "职工之家")
        .put("startsAt", Events.iso(Events.evening(9))).put("endsAt", Events.iso(Events.evening(9).plusHours(3)))
        .put("capacity", 10);
    long id = Events.published(api, organizer.token(), mixer);
    Api.Member member = api.registerAndLogin();
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, member);

    Api.Response refused = browser.form("/events/" + id + "/rsvp", Map.of("_csrf", csrf, "declaresSingle", "on"));
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("请先在个人资料中填写性别和出生年份"));
    assertTrue(refused.body().contains("href=\"/me/profile?next"), "with the way to fix it");

    Api.Response saved = browser.form("/me/profile", Map.of("_csrf", csrf, "displayName", "王芳", "gender", "FEMALE",
        "birthYear", "1995", "next", "/events/" + id));
    assertEquals(303, saved.status(), saved.body());
    assertEquals("/events/" + id, saved.header("Location").orElseThrow());
    Api.Response signed = browser.form("/events/" + id + "/rsvp", Map.of("_csrf", csrf, "declaresSingle", "on"));
    assertEquals(303, signed.status(), signed.body());
    assertTrue(browser.get("/events/" + id).body().contains("你已报名成功"));
  }

  @Test
  void anOrganizerCreatesASportsDayWithTeamsFromTheFormAndPublishesIt() {
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, organizer);
    assertEquals(200, browser.get("/organizer/events/new").status());

    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("_csrf", csrf);
    bad.put("type", "SPORTS_DAY");
    bad.put("title", "");
    bad.put("venue", "文体广场");
    bad.put("startsAt", Events.evening(15).toLocalDateTime().toString());
    bad.put("endsAt", Events.evening(14).toLocalDateTime().toString());
    Api.Response refused = browser.form("/organizer/events", bad);
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("id=\"title-error\""), "the error sits next to the field");
    assertTrue(refused.body().contains("id=\"endsAt-error\""));
    assertTrue(refused.body().contains("value=\"文体广场\""), "what was typed stays");

    String title = "趣味运动会" + Events.token();
    String body = "_csrf=" + enc(csrf) + "&type=SPORTS_DAY&title=" + enc(title) + "&venue=" + enc("文体广场")
        + "&startsAt=" + enc(Events.evening(15).toLocalDateTime().toString())
        + "&endsAt=" + enc(Events.evening(15).plusHours(6).toLocalDateTime().toString())
        + "&teamKey=&teamLabel=" + enc("一社区队") + "&teamCapacity=50"
        + "&teamKey=&teamLabel=" + enc("二社区队") + "&teamCapacity=50"
        + "&teamKey=&teamLabel=&teamCapacity=";
    Api.Response created = browser.send(browser.request("/organizer/events", null)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/x-www-form-urlencoded").build());
    assertEquals(303, created.status(), created.body());
    String location = created.header("Location").orElseThrow();
    long id = Long.parseLong(location.replaceAll("\\D*(\\d+).*", "$1"));

    JsonObject draft = api.get("/api/events/" + id, organizer.token()).json();
    assertEquals("DRAFT", draft.getString("status"));
    JsonArray pools = draft.getJsonArray("pools");
    assertEquals(2, pools.size());
    assertEquals("一社区队", pools.getJsonObject(0).getString("label"));

    Api.Response published = browser.form("/organizer/events/" + id + "/publish", Map.of("_csrf", csrf));
    assertEquals(303, published.status());
    assertEquals("PUBLISHED", api.get("/api/events/" + id).json().getString("status"));
    assertTrue(browser.get("/organizer/events").body().contains(title), "my events list it with counts");
    assertTrue(TestApp.browser().get("/events/" + id).body().contains("二社区队"));
  }

  @Test
  void organizerPagesAreClosedToMembersAndToOtherOrganizers() {
    long id = Events.published(api, organizer.token(), Events.salon("读书" + Events.token(), 5));
    Api.Member member = api.registerAndLogin();
    Api browser = TestApp.browser();
    Pages.signIn(browser, member);
    assertEquals(403, browser.get("/organizer/events").status());
    assertEquals(403, browser.get("/organizer/events/" + id).status());
    assertEquals(403, browser.get("/organizer/events/" + id + "/rsvps").status());

    Api other = TestApp.browser();
    Pages.signIn(other, Events.organizer(api, api.adminToken()));
    assertEquals(403, other.get("/organizer/events/" + id + "/rsvps").status());
    Api anonymous = TestApp.browser();
    Api.Response redirected = anonymous.get("/organizer/events");
    assertEquals(302, redirected.status());
    assertTrue(redirected.header("Location").orElseThrow().startsWith("/login?next="));
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * The list finds what has not ended in two index ranges (started within the last day; longer than
   * a day and started up to 31 days ago), and the home page counts at most 200 past its page.
   */
  @Test
  void theListHoldsEveryEventNotEndedAndTheHomePageCountsUpTo200() throws Exception {
    String t = Events.token();
    try (java.sql.Connection db = TestApp.jdbc(); java.sql.Statement st = db.createStatement()) {
      String insert = "INSERT INTO events (type, title, description, venue, starts_at, ends_at, status, organizer_id,"
          + " published_at) SELECT 'READING_SALON', %s, '', '工人文化宫', %s, %s, 'PUBLISHED', " + organizer.id()
          + ", now() FROM generate_series(1, %d) AS i";
      // Far ahead, so that other tests' lists in this shared database are not pushed to a later page.
      st.execute(String.format(insert, "'计数" + t + " ' || i", "now() + interval '800 days' + i * interval '1 hour'",
          "now() + interval '800 days' + i * interval '1 hour' + interval '2 hours'", 203));
      st.execute(String.format(insert, "'三天的培训营" + t + "'", "now() - interval '2 days'", "now() + interval '1 day'", 1));
      st.execute(String.format(insert, "'进行中的讲座" + t + "'", "now() - interval '2 hours'", "now() + interval '1 hour'", 1));
      st.execute(String.format(insert, "'已结束的长活动" + t + "'", "now() - interval '10 days'", "now() - interval '1 day'", 1));
      st.execute(String.format(insert, "'已结束的讲座" + t + "'", "now() - interval '5 hours'", "now() - interval '2 hours'", 1));
    }
    try {
      listsAndCounts(t);
    } finally {
      try (java.sql.Connection db = TestApp.jdbc(); java.sql.Statement st = db.createStatement()) {
        st.execute("DELETE FROM events WHERE title LIKE '%" + t + "%'");
      }
    }
  }

  private static void listsAndCounts(String t) {
    String q = URLEncoder.encode(t, StandardCharsets.UTF_8);
    JsonObject api1 = api.get("/api/events?q=" + q).json();
    assertEquals(205, api1.getLong("total"), "the API's total stays exact: 203 + the camp + the talk under way");
    JsonArray items = api1.getJsonArray("items");
    assertEquals("三天的培训营" + t, items.getJsonObject(0).getString("title"), "a long event under way comes first");
    assertEquals("进行中的讲座" + t, items.getJsonObject(1).getString("title"));
    assertEquals("计数" + t + " 1", items.getJsonObject(2).getString("title"), "then the rest by start");
    assertFalse(api1.encode().contains("已结束"), "what has ended is not listed");

    String home = TestApp.browser().get("/?q=" + q).body();
    assertTrue(home.contains("<span class=\"count\">(200+)</span>"), "the first page counts to 200 and says so");
    assertTrue(home.contains("下一页"), "a next page");
    String last = TestApp.browser().get("/?q=" + q + "&page=11").body();
    assertTrue(last.contains("<span class=\"count\">(205)</span>"), "from page 11 the 200 past the page reach the end");
    assertTrue(last.contains("计数" + t + " 199<") && last.contains("计数" + t + " 203<")
        && !last.contains("计数" + t + " 198<"), "page 11 holds the 201st to the 205th");
    assertTrue(last.contains("第 11 / 11 页") && !last.contains("下一页"), "and is the last");
  }
}
