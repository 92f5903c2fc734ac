package org.queqiao.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** No-show records (contract §12): recorded once after the end, seen only by the member, limits on sign-up. */
class NoShowTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void setUp() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static JsonObject record(Api.Member member) {
    Api.Response r = api.get("/api/me/record", member.token());
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private static JsonObject signUp(long id, Api.Member member) {
    Api.Response r = api.post("/api/events/" + id + "/rsvp", null, member.token());
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  /** An event the member signed up for, then let pass without checking in (and {@code attendee} checked in). */
  private static long missedEvent(Api.Member absent, Api.Member attendee) {
    long id = Events.published(api, organizer.token(), Events.salon("缺席 " + Events.token(), 5));
    signUp(id, absent);
    signUp(id, attendee);
    SeatFixture.startsIn(id, 30);
    String code = api.get("/api/events/" + id + "/ticket", attendee.token()).json().getString("code");
    Api.Response in = api.post("/api/events/" + id + "/checkins", new JsonObject().put("code", code), organizer.token());
    assertEquals(201, in.status(), in.body());
    SeatFixture.sql("UPDATE events SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 minute'"
        + " WHERE id = ?", id);
    SeatFixture.runJobUntil("no-show-records", () -> SeatFixture.myRsvp(api, absent.token(), id).getBoolean("noShow"));
    return id;
  }

  @Test
  void aConfirmedSignUpWithoutCheckInIsRecordedOnceAfterTheEnd() {
    Api.Member absent = api.registerAndLogin();
    Api.Member attendee = api.registerAndLogin();
    Api.Member cancelled = api.registerAndLogin();
    assertEquals(new JsonObject().put("noShows12Months", 0).put("attended12Months", 0), record(absent));

    long id = missedEvent(absent, attendee);
    SeatFixture.runJobOnce("no-show-records");
    SeatFixture.runJobOnce("no-show-records");

    assertEquals(new JsonObject().put("noShows12Months", 1).put("attended12Months", 0), record(absent));
    assertEquals(new JsonObject().put("noShows12Months", 0).put("attended12Months", 1), record(attendee));
    assertFalse(SeatFixture.myRsvp(api, attendee.token(), id).getBoolean("noShow"));
    assertEquals(new JsonObject().put("noShows12Months", 0).put("attended12Months", 0), record(cancelled));
    assertEquals(401, api.get("/api/me/record", null).status());

    Api browser = TestApp.browser();
    Pages.signIn(browser, absent);
    String mine = browser.get("/me/events").body();
    assertTrue(mine.contains("报名后未到场 1 次") && mine.contains("未到场"), mine);
    assertTrue(browser.get("/me/events?lang=en").body().contains("did not come 1 times"));

    SeatFixture.sql("UPDATE events SET starts_at = now() - interval '13 months',"
        + " ends_at = now() - interval '13 months' + interval '2 hours' WHERE id = ?", id);
    assertEquals(0, record(absent).getInteger("noShows12Months"), "a record fades after twelve months");
  }

  @Test
  void membersOverTheLimitOnlyJoinTheWaitlistAndAreToldWhy() {
    Api.Member absent = api.registerAndLogin();
    Api.Member attendee = api.registerAndLogin();
    long missed = missedEvent(absent, attendee);

    long strict = Events.published(api, organizer.token(), Events.salon("守约 " + Events.token(), 5)
        .put("maxRecentNoShows", 0));
    JsonObject held = signUp(strict, absent);
    assertEquals("WAITLISTED", held.getString("status"), "waitlisted although seats are free");
    assertEquals("RECENT_NO_SHOWS", held.getString("waitlistReason"));
    assertEquals("CONFIRMED", signUp(strict, attendee).getString("status"));
    assertNull(SeatFixture.myRsvp(api, attendee.token(), strict).getString("waitlistReason"));

    long lenient = Events.published(api, organizer.token(), Events.salon("宽松 " + Events.token(), 5)
        .put("maxRecentNoShows", 1));
    assertEquals("CONFIRMED", signUp(lenient, absent).getString("status"), "one no-show is within a limit of one");

    Api browser = TestApp.browser();
    Pages.signIn(browser, absent);
    String page = browser.get("/events/" + strict).body();
    assertTrue(page.contains("超过了本活动允许的 0 次") && page.contains("缺席超过 0 次的会员只能进入候补名单"), page);
    assertTrue(browser.get("/events/" + strict + "?lang=en").body().contains("so this time you are on the waitlist"));

    long rsvpId = SeatFixture.myRsvp(api, absent.token(), missed).getLong("rsvpId");
    String waive = "/api/events/" + missed + "/rsvps/" + rsvpId + "/waive-no-show";
    assertEquals(403, api.post(waive, null, attendee.token()).status(), "only the event's managers may waive");
    Api.Response waived = api.post(waive, null, organizer.token());
    assertEquals(200, waived.status(), waived.body());
    assertFalse(waived.json().getBoolean("noShow"));
    assertEquals(0, record(absent).getInteger("noShows12Months"));
    Api.Response again = api.post(waive, null, organizer.token());
    assertEquals(409, again.status());
    assertEquals("NOT_A_NO_SHOW", again.errorCode());
  }
}
