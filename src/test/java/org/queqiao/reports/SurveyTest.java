package org.queqiao.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.queqiao.reports.ReportFixture.count;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** The post-event survey: attendees only, after the end, once each; anonymous answers keep no link. */
class SurveyTest {
  private final Api api = TestApp.api();

  @Test
  void attendeesAnswerOnceAndAnAnonymousAnswerStoresNoLinkToTheMember() {
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long event = Events.published(api, organizer.token(), Events.salon("评价读书会 " + Events.token(), 5));
    Api.Member quiet = api.registerAndLogin();
    Api.Member open = api.registerAndLogin();
    Api.Member absent = api.registerAndLogin();
    ReportFixture.checkIn(ReportFixture.signUp(api, quiet, event));
    ReportFixture.checkIn(ReportFixture.signUp(api, open, event));
    ReportFixture.signUp(api, absent, event);
    String path = "/api/events/" + event + "/survey";

    Api.Response early = api.post(path, new JsonObject().put("rating", 5), quiet.token());
    assertEquals(409, early.status(), early.body());
    assertEquals("SURVEY_NOT_OPEN", early.errorCode());

    ReportFixture.heldAt(event, OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(4).toString());
    assertEquals(400, api.post(path, new JsonObject().put("rating", 6), quiet.token()).status());
    assertEquals(400, api.post(path, new JsonObject().put("rating", 4.5), quiet.token()).status());
    assertEquals(403, api.post(path, new JsonObject().put("rating", 3), absent.token()).status());

    Api.Response anonymous = api.post(path, new JsonObject().put("rating", 2).put("comment", "茶水不够").put("anonymous", true),
        quiet.token());
    assertEquals(201, anonymous.status(), anonymous.body());
    Api.Response again = api.post(path, new JsonObject().put("rating", 5).put("anonymous", true), quiet.token());
    assertEquals(409, again.status());
    assertEquals("SURVEY_ALREADY_ANSWERED", again.errorCode());
    assertEquals(201, api.post(path, new JsonObject().put("rating", 5).put("comment", "很好"), open.token()).status());

    assertEquals(2, count("SELECT count(*) FROM survey_answers WHERE event_id = ?", event));
    assertEquals(0, count("SELECT count(*) FROM survey_answers WHERE user_id = ?", quiet.id()),
        "the anonymous answer names nobody");
    assertEquals(1, count("SELECT count(*) FROM survey_answers WHERE event_id = ? AND user_id IS NULL AND rating = 2",
        event));
    assertEquals(1, count("SELECT count(*) FROM survey_answers WHERE user_id = ? AND rating = 5", open.id()));
    assertEquals(1, count("SELECT count(*) FROM survey_answered WHERE event_id = ? AND user_id = ?", event, quiet.id()));
    // The marker has nothing to join an answer on: its only columns are the event and the member.
    assertEquals(2, count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'survey_answered'"));
    assertEquals(0, count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'survey_answers'"
        + " AND data_type LIKE 'timestamp%'"));

    JsonObject survey = api.get("/api/events/" + event + "/report", organizer.token()).json().getJsonObject("survey");
    assertEquals(2, survey.getInteger("answers"));
    assertEquals(3.5, survey.getDouble("averageRating"));
    var comments = survey.getJsonArray("comments");
    assertEquals(2, comments.size());
    assertEquals("很好", comments.getJsonObject(0).getString("text"));
    assertTrue(comments.getJsonObject(0).containsKey("displayName"));
    assertEquals("茶水不够", comments.getJsonObject(1).getString("text"));
    assertTrue(!comments.getJsonObject(1).containsKey("displayName"), comments.encode());
  }

  @Test
  void theSurveyPageAnswersInOneTapFromAPhoneForm() {
    Api browser = TestApp.browser();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long event = Events.published(api, organizer.token(), Events.salon("一键评价 " + Events.token(), 5));
    Api.Member member = api.registerAndLogin();
    ReportFixture.checkIn(ReportFixture.signUp(api, member, event));
    ReportFixture.heldAt(event, OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(5).toString());
    Pages.signIn(browser, member);
    Api.Response page = browser.get("/events/" + event + "/survey");
    assertEquals(200, page.status());
    assertTrue(page.body().contains("name=\"rating\" value=\"4\""), page.body());
    Api.Response sent = browser.form("/events/" + event + "/survey",
        java.util.Map.of("rating", "4", "_csrf", Pages.csrfOf(page.body())));
    assertEquals(303, sent.status(), sent.body());
    assertTrue(browser.get("/events/" + event + "/survey").body().contains("谢谢你的评价"));
    assertEquals(1, count("SELECT count(*) FROM survey_answers WHERE event_id = ? AND user_id = ? AND rating = 4",
        event, member.id()));
  }
}
