package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/**
 * Follow-ups after a match (contract §14): each side is asked once per stage by the job runner,
 * privately, with a page of one-tap answers; organisers and matchmakers see only an event's counts
 * and only from five answers on; the answers go with the mixer's data.
 */
class FollowUpTest {
  private static final Api API = MixerFixture.API;

  @Test
  void eachSideIsAskedOncePerStageAndAnswersPrivately() {
    MixerFixture.Mixer m = MixerFixture.mixer(2);
    assertEquals(204, MixerFixture.markSharingAll(m, 0, 1).status());
    assertEquals(204, MixerFixture.markSharingAll(m, 1, 0).status());
    long matchId = MixerFixture.matchWith(m, 0, 1).getLong("id");

    runJob();
    assertEquals(0, followUps(m, 0).size(), "nobody is asked before three days");

    age(m.id(), 4);
    runJob();
    waitFor(() -> followUps(m, 0).size() == 1 && followUps(m, 1).size() == 1, "both sides asked at 3 days");
    runJob();
    runJob();
    assertEquals(1, followUps(m, 0).size(), "asked once, however often the job runs");
    JsonObject notice = followUps(m, 0).get(0);
    assertEquals("/me/follow-ups/" + matchId, notice.getString("link"), notice.encode());
    assertTrue(notice.getString("body").contains(m.person(1).nickname()), notice.encode());

    // The page only shows the question; answering is a form post.
    Api.Response page = API.get("/me/follow-ups/" + matchId, m.token(0));
    assertEquals(200, page.status());
    assertTrue(page.body().contains("method=\"post\""), "one-tap answers are forms");
    assertEquals(0, MixerFixture.count("SELECT count(*) FROM mixer_follow_ups WHERE match_id = ? AND answered_at IS NOT NULL",
        matchId), "reading the page answers nothing");

    Api.Response answered = API.post("/api/me/matches/" + matchId + "/follow-up",
        new JsonObject().put("stillInTouch", true), m.token(0));
    assertEquals(200, answered.status(), answered.body());
    assertEquals(1, answered.json().getInteger("stage"));
    assertEquals(400, API.post("/api/me/matches/" + matchId + "/follow-up", new JsonObject().put("stillInTouch", "yes"),
        m.token(0)).status());
    Api.Response stranger = API.post("/api/me/matches/" + matchId + "/follow-up",
        new JsonObject().put("stillInTouch", true), MixerFixture.organizer().token());
    assertEquals(404, stranger.status(), "only the two may answer");
    assertFalse(API.get("/api/me/notifications", m.token(1)).body().contains("stillInTouch"),
        "nothing about the other's answer reaches anyone");

    age(m.id(), 22);
    runJob();
    waitFor(() -> followUps(m, 0).size() == 2, "asked again at 3 weeks");
    Api.Response second = API.post("/api/me/matches/" + matchId + "/follow-up",
        new JsonObject().put("stillInTouch", false), m.token(0));
    assertEquals(2, second.json().getInteger("stage"), second.body());
  }

  @Test
  void countsAreShownOnlyFromFiveAnswersAndOnlyToTheEventsPeople() {
    MixerFixture.Mixer m = MixerFixture.mixer(6);
    for (int i = 0; i < 6; i += 2) {
      assertEquals(204, MixerFixture.markSharingAll(m, i, i + 1).status());
      assertEquals(204, MixerFixture.markSharingAll(m, i + 1, i).status());
    }
    age(m.id(), 4);
    runJob();
    waitFor(() -> followUps(m, 5).size() == 1, "everyone asked");
    String counts = m.path("/mixer/follow-ups");
    for (int i = 0; i < 4; i++) {
      answer(m, i, i % 2 == 0);
    }
    Api.Response few = API.get(counts, MixerFixture.organizer().token());
    assertEquals(200, few.status(), few.body());
    assertEquals(new JsonObject().put("minimumAnswers", 5).put("shown", false), few.json(), "four answers show nothing");
    answer(m, 4, true);
    Api.Response enough = API.get(counts, MixerFixture.matchmaker().token());
    assertEquals(200, enough.status(), enough.body());
    assertEquals(5, enough.json().getInteger("answers"));
    assertEquals(3, enough.json().getInteger("stillInTouch"));
    assertEquals(Map.of("minimumAnswers", 5, "shown", true, "answers", 5, "stillInTouch", 3, "notInTouch", 2),
        enough.json().getMap(), "counts only, no one's answer");
    assertEquals(403, API.get(counts, m.token(0)).status(), "attendees do not see the counts");
    Api.Response outcomes = API.get("/events/" + m.id() + "/mixer/outcomes", MixerFixture.organizer().token());
    assertEquals(200, outcomes.status());

    // The mixer's data goes after its retention period, and the answers with it.
    try (Connection db = TestApp.jdbc(); var st = db.prepareStatement("UPDATE events SET starts_at = now() - interval"
        + " '400 days', ends_at = now() - interval '399 days', matching_closes_at = NULL WHERE id = ?")) {
      st.setLong(1, m.id());
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    TestApp.makeJobDue("mixer-retention");
    waitFor(() -> MixerFixture.count("SELECT count(*) FROM mixer_follow_ups WHERE event_id = ?", m.id()) == 0,
        "answers deleted with the mixer's data");
    assertEquals(0, MixerFixture.count("SELECT count(*) FROM notifications WHERE kind = 'FOLLOW_UP' AND event_id = ?",
        m.id()));
  }

  @Test
  void theOneTapPageRecordsTheAnswer() {
    MixerFixture.Mixer m = MixerFixture.mixer(2);
    assertEquals(204, MixerFixture.markSharingAll(m, 0, 1).status());
    assertEquals(204, MixerFixture.markSharingAll(m, 1, 0).status());
    long matchId = MixerFixture.matchWith(m, 0, 1).getLong("id");
    age(m.id(), 4);
    runJob();
    waitFor(() -> followUps(m, 1).size() == 1, "asked");
    Api browser = TestApp.browser();
    browser.setCookie(org.queqiao.auth.Authentication.SESSION_COOKIE, m.token(1));
    String csrf = Pages.csrfOf(browser.get("/me/follow-ups/" + matchId + "?lang=en").body());
    Api.Response posted = browser.form("/me/follow-ups/" + matchId, Map.of("_csrf", csrf, "stillInTouch", "no"));
    assertEquals(303, posted.status(), posted.body());
    assertEquals(1, MixerFixture.count("SELECT count(*) FROM mixer_follow_ups WHERE match_id = ? AND user_id = ?"
        + " AND still_in_touch = false", matchId, m.person(1).id()));
    assertTrue(browser.get("/me/follow-ups/" + matchId + "?lang=en&answered=1").body().contains("no longer in touch"));
  }

  private static void answer(MixerFixture.Mixer m, int who, boolean yes) {
    long matchId = MixerFixture.matches(m, who).get(0).getLong("id");
    assertEquals(200, API.post("/api/me/matches/" + matchId + "/follow-up", new JsonObject().put("stillInTouch", yes),
        m.token(who)).status());
  }

  private static List<JsonObject> followUps(MixerFixture.Mixer m, int who) {
    return MixerFixture.notifications(m, who, "FOLLOW_UP");
  }

  /** Moves the event's matches back in time by this many days. */
  private static void age(long eventId, int days) {
    try (Connection db = TestApp.jdbc(); var st = db.prepareStatement(
        "UPDATE matches SET created_at = now() - make_interval(days => ?) WHERE event_id = ?")) {
      st.setInt(1, days);
      st.setLong(2, eventId);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes the job due and waits until it has run once more. */
  private static void runJob() {
    long before = finishedCount();
    TestApp.makeJobDue("mixer-follow-ups");
    waitFor(() -> finishedCount() != before, "the follow-up job ran");
  }

  private static long finishedCount() {
    return MixerFixture.count("SELECT coalesce(extract(epoch FROM last_finished_at) * 1000000, 0)::bigint"
        + " FROM scheduled_jobs WHERE name = ?", "mixer-follow-ups");
  }

  private static void waitFor(BooleanSupplier condition, String what) {
    long until = System.currentTimeMillis() + 15_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > until) {
        throw new AssertionError("timed out waiting: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
