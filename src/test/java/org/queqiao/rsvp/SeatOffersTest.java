package org.queqiao.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.queqiao.rsvp.SeatFixture.count;
import static org.queqiao.rsvp.SeatFixture.status;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** Expiring offers (contract §12): a freed seat is held for the head of its pool's waitlist until claimed or expired. */
class SeatOffersTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void setUp() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static Api.Response signUp(long eventId, Api.Member member, JsonObject body) {
    Api.Response response = api.post("/api/events/" + eventId + "/rsvp", body, member.token());
    assertTrue(response.status() == 201, response.body());
    return response;
  }

  private static void cancel(long eventId, Api.Member member) {
    Api.Response response = api.send("/api/events/" + eventId + "/rsvp", "DELETE", null, member.token(), Map.of());
    assertEquals(200, response.status(), response.body());
  }

  private static Api.Response claim(long eventId, Api.Member member) {
    return api.post("/api/events/" + eventId + "/rsvp/claim", null, member.token());
  }

  @Test
  void aFreedSeatIsOfferedToTheHeadOfTheWaitlistWhoClaimsItInTime() {
    long id = Events.published(api, organizer.token(), Events.salon("让座 " + Events.token(), 1).put("offerHours", 6));
    Api.Member seated = api.registerAndLogin();
    Api.Member first = api.registerAndLogin();
    Api.Member second = api.registerAndLogin();
    signUp(id, seated, null);
    signUp(id, first, null);
    signUp(id, second, null);

    cancel(id, seated);

    JsonObject offered = SeatFixture.myRsvp(api, first.token(), id);
    assertEquals("OFFERED", offered.getString("status"));
    assertNotNull(offered.getString("offerExpiresAt"));
    assertEquals(1, count(api, first, id, "SEAT_OFFERED"));
    assertEquals(0, count(api, first, id, "PROMOTED_FROM_WAITLIST"), "an offer, not a seat yet");
    assertEquals("WAITLISTED", status(api, second, id));
    assertEquals(1, SeatFixture.myRsvp(api, second.token(), id).getInteger("waitlistPosition"));
    JsonObject pool = Events.pool(Events.get(api, organizer.token(), id), "main");
    assertEquals(1, pool.getInteger("offered"));
    assertEquals(0, pool.getInteger("seatsLeft"), "the offered seat is held");

    Api.Member late = api.registerAndLogin();
    assertEquals("WAITLISTED", signUp(id, late, null).json().getString("status"), "nobody takes a held seat");

    Api.Response list = api.get("/organizer/events/" + id + "/rsvps", organizer.token());
    assertTrue(list.body().contains("名额待认领"), "the organiser sees the held place: " + list);
    assertEquals(409, claim(id, second).status(), "only the member it is offered to may claim it");
    Api.Response claimed = claim(id, first);
    assertEquals(200, claimed.status(), claimed.body());
    assertEquals("CONFIRMED", claimed.json().getString("status"));
    Api.Response again = claim(id, first);
    assertEquals(200, again.status(), "claiming again answers with the seat");
    assertEquals("CONFIRMED", again.json().getString("status"));
    pool = Events.pool(Events.get(api, organizer.token(), id), "main");
    assertEquals(1, pool.getInteger("confirmed"));
    assertEquals(0, pool.getInteger("offered"));
    SeatFixture.assertPoolsHold(id);
  }

  @Test
  void withoutOfferHoursTheHeadIsStillPromotedAtOnce() {
    long id = Events.published(api, organizer.token(), Events.salon("照旧 " + Events.token(), 1));
    Api.Member seated = api.registerAndLogin();
    Api.Member waiting = api.registerAndLogin();
    signUp(id, seated, null);
    signUp(id, waiting, null);
    cancel(id, seated);
    assertEquals("CONFIRMED", status(api, waiting, id));
    assertEquals(1, count(api, waiting, id, "PROMOTED_FROM_WAITLIST"));
    assertEquals(0, count(api, waiting, id, "SEAT_OFFERED"));
    Api.Response claimed = claim(id, waiting);
    assertEquals(200, claimed.status(), "claiming a seat one already holds answers with it");
    assertEquals("CONFIRMED", claimed.json().getString("status"));
  }

  @Test
  void theOfferGoesToTheHeadOfTheFreedTeam() {
    JsonObject body = Events.body("SPORTS_DAY", "运动会 " + Events.token(), Events.evening(12))
        .put("pools", Events.pools("red", "红队", 1, "blue", "蓝队", 1)).put("offerHours", 3);
    long id = Events.published(api, organizer.token(), body);
    Api.Member redIn = api.registerAndLogin();
    Api.Member blueIn = api.registerAndLogin();
    Api.Member blueWaiting = api.registerAndLogin();
    Api.Member redWaiting = api.registerAndLogin();
    signUp(id, redIn, new JsonObject().put("pool", "red"));
    signUp(id, blueIn, new JsonObject().put("pool", "blue"));
    signUp(id, blueWaiting, new JsonObject().put("pool", "blue"));
    signUp(id, redWaiting, new JsonObject().put("pool", "red"));

    cancel(id, redIn);

    assertEquals("OFFERED", status(api, redWaiting, id));
    assertEquals("WAITLISTED", status(api, blueWaiting, id), "an earlier sign-up in another team is not offered it");
    SeatFixture.assertPoolsHold(id);
  }

  @Test
  void theOfferGoesToTheHeadOfTheFreedGenderPool() {
    JsonObject body = Events.body("MIXER", "联谊 " + Events.token(), Events.evening(12)).put("capacity", 2)
        .put("offerHours", 3);
    long id = Events.published(api, organizer.token(), body);
    JsonObject single = new JsonObject().put("declaresSingle", true);
    Api.Member womanIn = api.registerAndLogin(new JsonObject().put("gender", "FEMALE").put("birthYear", 1995));
    Api.Member manIn = api.registerAndLogin(new JsonObject().put("gender", "MALE").put("birthYear", 1994));
    Api.Member manWaiting = api.registerAndLogin(new JsonObject().put("gender", "MALE").put("birthYear", 1993));
    Api.Member womanWaiting = api.registerAndLogin(new JsonObject().put("gender", "FEMALE").put("birthYear", 1996));
    signUp(id, womanIn, single);
    signUp(id, manIn, single);
    signUp(id, manWaiting, single);
    signUp(id, womanWaiting, single);

    cancel(id, womanIn);

    assertEquals("OFFERED", status(api, womanWaiting, id));
    assertEquals("WAITLISTED", status(api, manWaiting, id));
    SeatFixture.assertPoolsHold(id);
  }

  @Test
  void anExpiredOfferCannotBeClaimedAndPassesToTheNextExactlyOnce() {
    long id = Events.published(api, organizer.token(), Events.salon("过期 " + Events.token(), 1).put("offerHours", 1));
    Api.Member seated = api.registerAndLogin();
    Api.Member first = api.registerAndLogin();
    Api.Member second = api.registerAndLogin();
    signUp(id, seated, null);
    signUp(id, first, null);
    signUp(id, second, null);
    cancel(id, seated);
    SeatFixture.expireOffer(id, first.id());

    Api.Response late = claim(id, first);
    assertEquals(409, late.status(), late.body());
    assertEquals("OFFER_EXPIRED", late.errorCode(), "refused by its deadline even before the job has run");

    SeatFixture.runJobUntil("seat-offer-expiry", () -> "OFFERED".equals(status(api, second, id)));
    SeatFixture.runJobOnce("seat-offer-expiry");
    SeatFixture.runJobOnce("seat-offer-expiry");

    assertEquals("OFFER_EXPIRED", status(api, first, id));
    assertEquals(1, count(api, first, id, "OFFER_EXPIRED"));
    assertEquals(1, count(api, second, id, "SEAT_OFFERED"), "passed on once, however often the job runs");
    assertEquals(409, claim(id, first).status());
    SeatFixture.assertPoolsHold(id);

    Api.Response again = api.post("/api/events/" + id + "/rsvp", null, first.token());
    assertEquals(201, again.status(), "an expired offer may sign up again");
    assertEquals("WAITLISTED", again.json().getString("status"));
    assertNull(again.json().getString("offerExpiresAt"));
  }

  @Test
  void theEventPageOffersTheSeatWithItsDeadlineAndClaimsItWithOneTap() {
    long id = Events.published(api, organizer.token(), Events.salon("一键 " + Events.token(), 1).put("offerHours", 4));
    Api.Member seated = api.registerAndLogin();
    Api.Member waiting = api.registerAndLogin();
    signUp(id, seated, null);
    signUp(id, waiting, null);
    cancel(id, seated);

    Api browser = TestApp.browser();
    Pages.signIn(browser, waiting);
    String page = browser.get("/events/" + id).body();
    assertTrue(page.contains("有一个名额留给了你") && page.contains("/events/" + id + "/rsvp/claim"), page);
    assertTrue(page.contains("名额会留给候补第一位 4 小时"), "the rule is told plainly");
    String english = browser.get("/events/" + id + "?lang=en").body();
    assertTrue(english.contains("A place is being held for you"), english);
    assertEquals("OFFERED", status(api, waiting, id), "looking at the page changes nothing");

    Api.Response tapped = browser.form("/events/" + id + "/rsvp/claim", Map.of("_csrf", Pages.csrfOf(page)));
    assertEquals(303, tapped.status(), tapped.body());
    assertEquals("CONFIRMED", status(api, waiting, id));
    assertTrue(browser.get("/me/events").body().contains("已报名"));
  }
}
