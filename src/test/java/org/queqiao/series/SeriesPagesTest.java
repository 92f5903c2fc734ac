package org.queqiao.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** The series form and page with plain form posts, in Chinese and English. */
class SeriesPagesTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void makeOrganizer() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  /** A urlencoded post whose fields may repeat (rows of dates and questions), as a browser sends them. */
  private static Api.Response post(Api browser, String path, List<String[]> fields) {
    String body = fields.stream()
        .map(f -> URLEncoder.encode(f[0], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(f[1], StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return browser.send(browser.request(path, null).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/x-www-form-urlencoded").build());
  }

  private static List<String[]> sharedFields(String csrf, String title) {
    List<String[]> fields = new ArrayList<>();
    fields.add(new String[] {"_csrf", csrf});
    fields.add(new String[] {"type", "READING_SALON"});
    fields.add(new String[] {"title", title});
    fields.add(new String[] {"venue", "凤城图书馆二楼"});
    fields.add(new String[] {"description", "每月第二个周六的读书会"});
    fields.add(new String[] {"capacity", "15"});
    fields.add(new String[] {"audienceUnionName", ""});
    fields.add(new String[] {"approvalShown", "1"});
    fields.add(new String[] {"approval", "on"});
    fields.add(new String[] {"questionKey", ""});
    fields.add(new String[] {"questionLabel", "这个月读的书"});
    fields.add(new String[] {"questionType", "TEXT"});
    fields.add(new String[] {"questionOptions", ""});
    fields.add(new String[] {"questionRequired", "1"});
    fields.add(new String[] {"questionAskAtDoor", "1"});
    fields.add(new String[] {"questionKey", ""});
    fields.add(new String[] {"questionLabel", ""});
    fields.add(new String[] {"questionType", "TEXT"});
    fields.add(new String[] {"questionOptions", ""});
    return fields;
  }

  private static long seriesIdFrom(Api.Response created) {
    assertEquals(303, created.status(), created.body());
    Matcher id = Pattern.compile("^/series/(\\d+)\\?created=1$").matcher(created.header("Location").orElse(""));
    assertTrue(id.matches(), created.header("Location").toString());
    return Long.parseLong(id.group(1));
  }

  @Test
  void anOrganiserCreatesAMonthlySeriesWithARequiredQuestionAndApprovalFromTheForm() {
    Api browser = TestApp.browser();
    Pages.signIn(browser, organizer);
    String form = browser.get("/organizer/series/new").body();
    assertTrue(form.contains("新建系列活动") && form.contains("按规则重复"), "the form is in Chinese");
    assertTrue(form.contains("name=\"questionLabel\"") && form.contains("name=\"approval\""),
        "the event form's questions and approval are on it");
    assertTrue(browser.get("/organizer/events").body().contains("href=\"/organizer/series/new\""),
        "the organiser's events page leads to it");
    String csrf = Pages.csrfOf(form);

    String title = "月度读书会 " + Events.token();
    List<String[]> fields = sharedFields(csrf, title);
    fields.add(new String[] {"datesMode", "REPEAT"});
    fields.add(new String[] {"repeatEvery", "MONTH"});
    fields.add(new String[] {"repeatWeek", "2"});
    fields.add(new String[] {"repeatWeekday", "SATURDAY"});
    fields.add(new String[] {"repeatFrom", LocalDate.now(Events.CHINA).plusDays(1).toString()});
    fields.add(new String[] {"repeatTimes", "3"});
    fields.add(new String[] {"repeatStartTime", "14:00"});
    fields.add(new String[] {"repeatEndTime", "16:00"});
    long id = seriesIdFrom(post(browser, "/organizer/series", fields));

    JsonObject series = api.get("/api/series/" + id, organizer.token()).json();
    assertEquals(3, series.getJsonArray("events").size());
    JsonObject first = series.getJsonArray("events").getJsonObject(0);
    assertTrue(first.getBoolean("approval"));
    JsonObject question = first.getJsonArray("questions").getJsonObject(0);
    assertEquals("这个月读的书", question.getString("label"));
    assertTrue(question.getBoolean("required"));
    assertTrue(question.getBoolean("askAtDoor"));
    assertEquals(1, first.getJsonArray("questions").size(), "the blank question row is no question");

    String page = browser.get("/series/" + id + "?created=1").body();
    assertTrue(page.contains(title) && page.contains("已存为草稿"), "the new series, with what to do next");
    assertTrue(page.contains("href=\"/organizer/events/" + first.getLong("id") + "\""), "each date is edited as an event");
  }

  @Test
  void aListOfDatesThatIsWrongComesBackWithTheRowNamedAndWhatWasTyped() {
    Api browser = TestApp.browser();
    Pages.signIn(browser, organizer);
    String csrf = Pages.csrfOf(browser.get("/organizer/series/new?lang=en").body());
    String title = "Rows " + Events.token();
    List<String[]> fields = sharedFields(csrf, title);
    fields.add(new String[] {"datesMode", "LIST"});
    OffsetDateTime good = Events.evening(20);
    String local = Events.iso(good).substring(0, 16);
    String[][] rows = {{local, Events.iso(good.plusHours(2)).substring(0, 16)}, {"", ""},
        {Events.iso(Events.evening(-2)).substring(0, 16), Events.iso(Events.evening(-2).plusHours(2)).substring(0, 16)}};
    for (String[] row : rows) {
      fields.add(new String[] {"dateStartsAt", row[0]});
      fields.add(new String[] {"dateEndsAt", row[1]});
    }
    Api.Response refused = post(browser, "/organizer/series?lang=en", fields);
    assertEquals(400, refused.status());
    assertTrue(refused.body().contains("Date 3: This date has already begun"), "the third row, as typed, is named");
    assertTrue(refused.body().contains("value=\"" + local + "\""), "what was typed stays");
    assertTrue(refused.body().contains("value=\"" + title + "\""));

    fields.removeIf(f -> f[0].equals("dateStartsAt") || f[0].equals("dateEndsAt"));
    fields.add(new String[] {"dateStartsAt", local});
    fields.add(new String[] {"dateEndsAt", Events.iso(good.plusHours(2)).substring(0, 16)});
    long id = seriesIdFrom(post(browser, "/organizer/series", fields));
    assertEquals(Events.iso(good), api.get("/api/series/" + id, organizer.token()).json().getJsonArray("events")
        .getJsonObject(0).getString("startsAt"), "a form's local time is the organiser's zone");
  }

  @Test
  void aMemberFollowsFromTheSeriesPageAndSeesTheSeriesInMyEvents() {
    String title = "沙龙<i>" + Events.token();
    JsonObject created = api.post("/api/series", new JsonObject().put("type", "READING_SALON").put("title", title)
        .put("venue", "凤城图书馆").put("capacity", 8).put("dates", new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("startsAt", Events.iso(Events.evening(15)))
                .put("endsAt", Events.iso(Events.evening(15).plusHours(2))))
            .add(new JsonObject().put("startsAt", Events.iso(Events.evening(45)))
                .put("endsAt", Events.iso(Events.evening(45).plusHours(2))))), organizer.token()).json();
    long id = created.getLong("id");
    long firstDate = created.getJsonArray("events").getJsonObject(0).getLong("id");
    assertEquals(404, TestApp.browser().get("/series/" + id).status(), "drafts only: nothing to show yet");
    Events.publish(api, organizer.token(), firstDate);

    String anonymous = TestApp.browser().get("/series/" + id).body();
    assertTrue(anonymous.contains(title.replace("<i>", "&lt;i&gt;")) && !anonymous.contains("<i>"), "escaped");
    assertTrue(anonymous.contains("登录后关注"), "the next step for a visitor is to sign in");
    assertTrue(anonymous.contains("剩余 8 / 8 个名额"));
    assertFalse(anonymous.contains("人关注"), "the follower count is for managers");

    Api.Member member = api.registerAndLogin();
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, member);
    String eventPage = browser.get("/events/" + firstDate).body();
    assertTrue(eventPage.contains("href=\"/series/" + id + "\""), "the date's page names its series");
    assertEquals(403, browser.form("/series/" + id + "/follow", Map.of()).status(), "a form without its token");
    assertEquals(303, browser.form("/series/" + id + "/follow", Map.of("_csrf", csrf)).status());
    String following = browser.get("/series/" + id).body();
    assertTrue(following.contains("您已关注本系列") && following.contains("action=\"/series/" + id + "/unfollow\""));
    String english = browser.get("/series/" + id + "?lang=en").body();
    assertTrue(english.contains("You follow this series") && english.contains("Coming dates"), "in English too");
    String mine = browser.get("/me/events").body();
    assertTrue(mine.contains("我的系列活动") && mine.contains("href=\"/series/" + id + "\""), "my series are listed");
    assertTrue(mine.contains("已参加 0 / 0 场 · 连续参加 0 场"), mine);
    assertTrue(browser.get("/me/events?lang=en").body().contains("Attended 0 of 0 dates · streak 0"));

    String managers = seriesPageFor(organizer, id);
    assertTrue(managers.contains("1 人关注"), "managers see how many follow");
    assertTrue(managers.contains("草稿"), "and the dates still in draft");

    assertEquals(303, browser.form("/series/" + id + "/unfollow", Map.of("_csrf", Pages.csrfOf(following))).status());
    assertTrue(browser.get("/series/" + id).body().contains("action=\"/series/" + id + "/follow\""));
  }

  private static String seriesPageFor(Api.Member member, long id) {
    Api browser = TestApp.browser();
    Pages.signIn(browser, member);
    return browser.get("/series/" + id).body();
  }
}
