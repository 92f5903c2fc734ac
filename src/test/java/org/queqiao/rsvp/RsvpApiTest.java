package org.queqiao.rsvp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Rsvps;
import org.queqiao.support.TestApp;

/** Signing up, the waitlist and every refusal of contract §4, over real HTTP. */
class RsvpApiTest {
  private static Api api;
  private static String admin;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    admin = api.adminToken();
    organizer = Events.organizer(api, admin);
  }

  private static Api.Response signUp(Api.Member member, long eventId, JsonObject body) {
    return api.post("/api/events/" + eventId + "/rsvp", body, member.token());
  }

  private static Api.Response signUp(Api.Member member, long eventId) {
    return signUp(member, eventId, new JsonObject());
  }

  private static Api.Response withdraw(Api.Member member, long eventId) {
    return api.send("/api/events/" + eventId + "/rsvp", "DELETE", null, member.token(), java.util.Map.of());
  }

  private static JsonArray pools(long eventId) {
    return Events.get(api, organizer.token(), eventId).getJsonArray("pools");
  }

  private static JsonObject pool(long eventId, String key) {
    return Events.pool(Events.get(api, organizer.token(), eventId), key);
  }

  /** The refusal has this status and code, and the event's pools are exactly as before it. */
  private static void assertRefused(Api.Response response, int status, String code, long eventId, JsonArray poolsBefore) {
    assertEquals(status, response.status(), response.body());
    JsonObject error = response.json().getJsonObject("error");
    assertNotNull(error, response.body());
    assertEquals(code, error.getString("code"), response.body());
    assertFalse(error.getString("message", "").isBlank());
    assertEquals(poolsBefore, pools(eventId), "a refused sign-up changes no count");
  }

  private static Api.Member member() {
    return api.registerAndLogin();
  }

  private static Api.Member member(String gender, int birthYear) {
    return api.registerAndLogin(new JsonObject().put("gender", gender).put("birthYear", birthYear));
  }

  private static long salon(int capacity) {
    return Events.published(api, organizer.token(), Events.salon("报名测试 " + Events.token(), capacity));
  }

  private static long mixer(int capacity) {
    return Events.published(api, organizer.token(),
        Events.body("MIXER", "青年联谊 " + Events.token(), Events.evening(10)).put("capacity", capacity));
  }

  private static long sportsDay(int red, int blue) {
    return Events.published(api, organizer.token(), Events.body("SPORTS_DAY", "运动会 " + Events.token(), Events.evening(10))
        .put("pools", Events.pools("RED", "红队", red, "BLUE", "蓝队", blue)));
  }

  private static int thisYear() {
    return OffsetDateTime.now(Events.CHINA).getYear();
  }

  // --- signing up and the waitlist ---

  @Test
  void signingUpConfirmsASeatInTheMainPool() {
    long id = salon(5);

    Api.Response response = signUp(member(), id);

    assertEquals(201, response.status(), response.body());
    JsonObject rsvp = response.json();
    assertNotNull(rsvp.getValue("rsvpId"));
    assertEquals("CONFIRMED", rsvp.getString("status"));
    assertEquals("main", rsvp.getString("pool"));
    assertNull(rsvp.getValue("waitlistPosition"));
    assertEquals(1, pool(id, "main").getInteger("confirmed"));
    assertEquals(4, Events.get(api, null, id).getInteger("seatsLeft"));
  }

  @Test
  void signingUpAgainAnswers200WithTheSameSignUpAndChangesNothing() {
    long id = salon(5);
    Api.Member member = member();
    JsonObject first = signUp(member, id).json();

    Api.Response again = signUp(member, id);

    assertEquals(200, again.status(), again.body());
    assertEquals(first, again.json());
    assertEquals(1, pool(id, "main").getInteger("confirmed"));
    assertEquals(0, pool(id, "main").getInteger("waitlisted"));
  }

  @Test
  void whenFullSignUpsAreWaitlistedInOrder() {
    long id = salon(1);
    assertEquals("CONFIRMED", signUp(member(), id).json().getString("status"));

    for (int position = 1; position <= 3; position++) {
      Api.Response response = signUp(member(), id);
      assertEquals(201, response.status(), response.body());
      assertEquals("WAITLISTED", response.json().getString("status"));
      assertEquals("main", response.json().getString("pool"));
      assertEquals(position, response.json().getInteger("waitlistPosition"));
    }
    JsonObject main = pool(id, "main");
    assertEquals(1, main.getInteger("confirmed"));
    assertEquals(3, main.getInteger("waitlisted"));
    assertEquals(0, Events.get(api, null, id).getInteger("seatsLeft"));
  }

  @Test
  void cancellingAConfirmedSignUpPromotesTheFirstWaitlistedMember() {
    long id = salon(1);
    Api.Member confirmed = member();
    Api.Member firstInLine = member();
    Api.Member secondInLine = member();
    signUp(confirmed, id);
    signUp(firstInLine, id);
    signUp(secondInLine, id);

    Api.Response cancelled = withdraw(confirmed, id);

    assertEquals(200, cancelled.status(), cancelled.body());
    assertEquals(new JsonObject().put("status", "CANCELLED"), cancelled.json());
    assertEquals("CANCELLED", Rsvps.mine(api, confirmed.token(), id).getString("status"));
    JsonObject promoted = Rsvps.mine(api, firstInLine.token(), id);
    assertEquals("CONFIRMED", promoted.getString("status"));
    assertNull(promoted.getValue("waitlistPosition"));
    JsonObject next = Rsvps.mine(api, secondInLine.token(), id);
    assertEquals("WAITLISTED", next.getString("status"));
    assertEquals(1, next.getInteger("waitlistPosition"));
    JsonObject main = pool(id, "main");
    assertEquals(1, main.getInteger("confirmed"));
    assertEquals(1, main.getInteger("waitlisted"));
  }

  @Test
  void cancellingAWaitlistedSignUpFreesNoSeat() {
    long id = salon(1);
    Api.Member confirmed = member();
    Api.Member firstInLine = member();
    Api.Member secondInLine = member();
    signUp(confirmed, id);
    signUp(firstInLine, id);
    signUp(secondInLine, id);

    Api.Response cancelled = withdraw(firstInLine, id);

    assertEquals(200, cancelled.status(), cancelled.body());
    assertEquals("CANCELLED", cancelled.json().getString("status"));
    assertEquals("CONFIRMED", Rsvps.mine(api, confirmed.token(), id).getString("status"));
    JsonObject next = Rsvps.mine(api, secondInLine.token(), id);
    assertEquals("WAITLISTED", next.getString("status"));
    assertEquals(1, next.getInteger("waitlistPosition"), "the others move up");
    JsonObject main = pool(id, "main");
    assertEquals(1, main.getInteger("confirmed"));
    assertEquals(1, main.getInteger("waitlisted"));
  }

  @Test
  void signingUpAgainAfterCancellingGoesToTheEndOfTheWaitlist() {
    long id = salon(1);
    Api.Member confirmed = member();
    Api.Member returning = member();
    Api.Member waiting = member();
    signUp(confirmed, id);
    signUp(returning, id);
    signUp(waiting, id);
    withdraw(returning, id);

    Api.Response again = signUp(returning, id);

    assertEquals(201, again.status(), again.body());
    assertEquals("WAITLISTED", again.json().getString("status"));
    assertEquals(2, again.json().getInteger("waitlistPosition"));
    assertEquals(1, Rsvps.mine(api, waiting.token(), id).getInteger("waitlistPosition"));
    assertEquals(2, pool(id, "main").getInteger("waitlisted"));

    withdraw(confirmed, id);
    assertEquals("CONFIRMED", Rsvps.mine(api, waiting.token(), id).getString("status"), "who waited longer is promoted first");
    assertEquals(1, Rsvps.mine(api, returning.token(), id).getInteger("waitlistPosition"));
  }

  @Test
  void cancellingWithoutASignUpIsNotFound() {
    long id = salon(3);
    JsonArray before = pools(id);

    Api.Response response = withdraw(member(), id);

    assertEquals(404, response.status(), response.body());
    assertNotNull(response.json().getJsonObject("error"));
    assertEquals(before, pools(id));
  }

  @Test
  void mySignUpsListTheEventAndStatus() {
    long confirmedAt = salon(1);
    long waitlistedAt = salon(1);
    signUp(member(), waitlistedAt);
    Api.Member member = member();
    signUp(member, confirmedAt);
    signUp(member, waitlistedAt);

    Api.Response mine = api.get("/api/me/rsvps", member.token());

    assertEquals(200, mine.status(), mine.body());
    JsonArray items = mine.json().getJsonArray("items");
    assertEquals(2, items.size(), items.encode());
    JsonObject confirmed = Rsvps.mine(api, member.token(), confirmedAt);
    assertEquals("CONFIRMED", confirmed.getString("status"));
    assertEquals("main", confirmed.getString("pool"));
    assertEquals(Events.get(api, null, confirmedAt).getString("title"),
        confirmed.getJsonObject("event").getString("title"));
    JsonObject waitlisted = Rsvps.mine(api, member.token(), waitlistedAt);
    assertEquals("WAITLISTED", waitlisted.getString("status"));
    assertEquals(1, waitlisted.getInteger("waitlistPosition"));
    assertEquals(401, api.get("/api/me/rsvps").status());
  }

  // --- refusals: each leaves the counts as they were ---

  @Test
  void aDraftCannotBeSignedUpForBecauseMembersCannotSeeIt() {
    long id = Events.create(api, organizer.token(), Events.salon("草稿 " + Events.token(), 5)).getLong("id");
    JsonArray before = pools(id);

    assertRefused(signUp(member(), id), 404, "NOT_FOUND", id, before);
  }

  @Test
  void beforeRegistrationOpensSignUpIsClosed() {
    OffsetDateTime start = Events.evening(10);
    long id = Events.published(api, organizer.token(), Events.salon("未开放 " + Events.token(), 5)
        .put("registrationOpensAt", Events.iso(start.minusDays(3))));
    JsonArray before = pools(id);

    assertRefused(signUp(member(), id), 409, "REGISTRATION_CLOSED", id, before);
  }

  @Test
  void afterRegistrationClosesSignUpIsClosed() {
    long id = Events.published(api, organizer.token(), Events.salon("已截止 " + Events.token(), 5)
        .put("registrationClosesAt", Events.iso(OffsetDateTime.now(Events.CHINA).minusHours(1).withNano(0))));
    JsonArray before = pools(id);

    assertRefused(signUp(member(), id), 409, "REGISTRATION_CLOSED", id, before);
  }

  @Test
  void aCancelledEventCannotBeSignedUpFor() {
    long id = salon(5);
    Api.Response cancelled = api.post("/api/events/" + id + "/cancel", new JsonObject(), organizer.token());
    assertEquals(200, cancelled.status(), cancelled.body());
    JsonArray before = pools(id);

    assertRefused(signUp(member(), id), 409, "REGISTRATION_CLOSED", id, before);
  }

  @Test
  void aMemberOfAnotherUnionIsNotEligible() {
    long ours = api.post("/api/admin/unions", new JsonObject().put("name", "机械厂工会 " + Events.token()), admin)
        .json().getLong("id");
    long theirs = api.post("/api/admin/unions", new JsonObject().put("name", "纺织厂工会 " + Events.token()), admin)
        .json().getLong("id");
    long id = Events.published(api, organizer.token(), Events.salon("本会专场 " + Events.token(), 5)
        .put("audienceUnionId", ours));
    JsonArray before = pools(id);

    assertRefused(signUp(api.registerAndLogin(new JsonObject().put("unionId", theirs)), id), 403, "NOT_ELIGIBLE", id, before);
    assertRefused(signUp(member(), id), 403, "NOT_ELIGIBLE", id, before);

    Api.Response ownMember = signUp(api.registerAndLogin(new JsonObject().put("unionId", ours)), id);
    assertEquals(201, ownMember.status(), "positive control: " + ownMember.body());
  }

  @Test
  void aMemberOutsideTheAgeRangeIsNotEligible() {
    int eventYear = Events.evening(10).getYear();
    long id = Events.published(api, organizer.token(), Events.salon("青年专场 " + Events.token(), 5)
        .put("minAge", 25).put("maxAge", 35));
    JsonArray before = pools(id);

    assertRefused(signUp(member("MALE", eventYear - 50), id), 403, "NOT_ELIGIBLE", id, before);
    assertRefused(signUp(member("FEMALE", thisYear() - 18), id), 403, "NOT_ELIGIBLE", id, before);

    Api.Response inRange = signUp(member("FEMALE", eventYear - 30), id);
    assertEquals(201, inRange.status(), "positive control: " + inRange.body());
  }

  @Test
  void aMixerNeedsTheMemberToDeclareBeingSingle() {
    long id = mixer(10);
    JsonArray before = pools(id);
    Api.Member member = member("FEMALE", thisYear() - 28);

    assertRefused(signUp(member, id), 403, "NOT_ELIGIBLE", id, before);
    assertRefused(signUp(member, id, new JsonObject().put("declaresSingle", false)), 403, "NOT_ELIGIBLE", id, before);
    assertRefused(signUp(member, id, new JsonObject().put("declaresSingle", "true")), 403, "NOT_ELIGIBLE", id, before);

    Api.Response declared = signUp(member, id, new JsonObject().put("declaresSingle", true));
    assertEquals(201, declared.status(), "positive control: " + declared.body());
  }

  @Test
  void aMixerNeedsGenderAndBirthYearOnTheProfile() {
    long id = mixer(10);
    JsonArray before = pools(id);
    JsonObject single = new JsonObject().put("declaresSingle", true);

    assertRefused(signUp(api.registerAndLogin(new JsonObject().put("birthYear", thisYear() - 28)), id, single),
        400, "PROFILE_INCOMPLETE", id, before);
    assertRefused(signUp(api.registerAndLogin(new JsonObject().put("gender", "MALE")), id, single),
        400, "PROFILE_INCOMPLETE", id, before);
    assertRefused(signUp(member(), id, single), 400, "PROFILE_INCOMPLETE", id, before);
  }

  @Test
  void aMixerPoolIsChosenByTheProfileGenderNotByTheRequest() {
    long id = mixer(4);
    Api.Member woman = member("FEMALE", thisYear() - 30);
    Api.Member man = member("MALE", thisYear() - 31);

    Api.Response hers = signUp(woman, id, new JsonObject().put("declaresSingle", true).put("pool", "MALE"));
    Api.Response his = signUp(man, id, new JsonObject().put("declaresSingle", true));

    assertEquals(201, hers.status(), hers.body());
    assertEquals("FEMALE", hers.json().getString("pool"));
    assertEquals("CONFIRMED", hers.json().getString("status"));
    assertEquals(201, his.status(), his.body());
    assertEquals("MALE", his.json().getString("pool"));
    assertEquals(1, pool(id, "FEMALE").getInteger("confirmed"));
    assertEquals(1, pool(id, "MALE").getInteger("confirmed"));
  }

  @Test
  void aMixerGenderPoolFillsAndWaitlistsOnItsOwn() {
    long id = mixer(2);
    JsonObject single = new JsonObject().put("declaresSingle", true);
    assertEquals("CONFIRMED", signUp(member("FEMALE", thisYear() - 30), id, single).json().getString("status"));

    Api.Response secondWoman = signUp(member("FEMALE", thisYear() - 29), id, single);
    Api.Response firstMan = signUp(member("MALE", thisYear() - 29), id, single);

    assertEquals("WAITLISTED", secondWoman.json().getString("status"), secondWoman.body());
    assertEquals(1, secondWoman.json().getInteger("waitlistPosition"));
    assertEquals("CONFIRMED", firstMan.json().getString("status"), firstMan.body());
  }

  @Test
  void aSportsDaySignUpForAnUnknownTeamIsRefused() {
    long id = sportsDay(2, 2);
    JsonArray before = pools(id);

    Api.Response unknown = signUp(member(), id, new JsonObject().put("pool", "PURPLE"));

    assertRefused(unknown, 400, "UNKNOWN_POOL", id, before);
    assertNotNull(unknown.json().getJsonObject("error").getJsonObject("fields"), unknown.body());
    Api.Response noTeam = signUp(member(), id);
    assertEquals(400, noTeam.status(), noTeam.body());
    assertEquals(before, pools(id));
  }

  @Test
  void sportsDayTeamsHaveSeparateSeatsAndWaitlists() {
    long id = sportsDay(1, 2);
    JsonObject red = new JsonObject().put("pool", "RED");
    JsonObject blue = new JsonObject().put("pool", "BLUE");

    Api.Response firstRed = signUp(member(), id, red);
    Api.Response secondRed = signUp(member(), id, red);
    Api.Response firstBlue = signUp(member(), id, blue);

    assertEquals("CONFIRMED", firstRed.json().getString("status"), firstRed.body());
    assertEquals("RED", firstRed.json().getString("pool"));
    assertEquals(201, secondRed.status());
    assertEquals("WAITLISTED", secondRed.json().getString("status"), "RED is full while BLUE has seats");
    assertEquals("RED", secondRed.json().getString("pool"));
    assertEquals(1, secondRed.json().getInteger("waitlistPosition"));
    assertEquals("CONFIRMED", firstBlue.json().getString("status"));
    assertEquals("BLUE", firstBlue.json().getString("pool"));
    JsonObject event = Events.get(api, null, id);
    assertEquals(1, Events.pool(event, "RED").getInteger("confirmed"));
    assertEquals(1, Events.pool(event, "RED").getInteger("waitlisted"));
    assertEquals(1, Events.pool(event, "BLUE").getInteger("confirmed"));
    assertEquals(0, Events.pool(event, "BLUE").getInteger("waitlisted"));
    assertEquals(1, event.getInteger("seatsLeft"));
  }

  @Test
  void cancellingInOneTeamPromotesOnlyFromThatTeamsWaitlist() {
    long id = sportsDay(1, 1);
    Api.Member redPlayer = member();
    Api.Member redWaiting = member();
    Api.Member bluePlayer = member();
    Api.Member blueWaiting = member();
    signUp(redPlayer, id, new JsonObject().put("pool", "RED"));
    signUp(bluePlayer, id, new JsonObject().put("pool", "BLUE"));
    signUp(blueWaiting, id, new JsonObject().put("pool", "BLUE"));
    signUp(redWaiting, id, new JsonObject().put("pool", "RED"));

    assertEquals(200, withdraw(redPlayer, id).status());

    assertEquals("CONFIRMED", Rsvps.mine(api, redWaiting.token(), id).getString("status"));
    assertEquals("WAITLISTED", Rsvps.mine(api, blueWaiting.token(), id).getString("status"));
  }

  @Test
  void signingUpNeedsASignedInMember() {
    long id = salon(3);
    JsonArray before = pools(id);

    Api.Response anonymous = api.post("/api/events/" + id + "/rsvp", new JsonObject(), null);

    assertEquals(401, anonymous.status(), anonymous.body());
    assertEquals(before, pools(id));
    assertEquals(404, signUp(member(), 987654321L).status());
  }
}
