package org.queqiao.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Roles;
import org.queqiao.support.TestApp;

/**
 * The people and events a journey starts from, made over the API because they are not the
 * journey's point: organisers and matchmakers (registered, then given the role by the admin),
 * members with the profile a mixer needs, sign-ups, door check-ins and contact cards.
 */
final class Cast {
  static final Api API = TestApp.api();

  private Cast() {}

  static Api.Member member(String displayName) {
    return API.registerAndLogin(new JsonObject().put("displayName", displayName));
  }

  /** A member a mixer accepts: gender and birth year on the profile, and a nickname to be seen by. */
  static Api.Member single(String displayName, String nickname, String gender, int birthYear) {
    return API.registerAndLogin(new JsonObject().put("displayName", displayName).put("nickname", nickname)
        .put("gender", gender).put("birthYear", birthYear));
  }

  static Api.Member organizer(String displayName) {
    return withRole(API.registerAndLogin(new JsonObject().put("displayName", displayName)), "ORGANIZER");
  }

  static Api.Member matchmaker(String displayName) {
    return withRole(API.registerAndLogin(new JsonObject().put("displayName", displayName)), "MATCHMAKER");
  }

  private static Api.Member withRole(Api.Member member, String role) {
    Roles.set(API, API.adminToken(), member.id(), role);
    return member;
  }

  static long salon(Api.Member organizer, String title, int capacity) {
    return Events.published(API, organizer.token(), Events.salon(title, capacity)
        .put("description", "每月一次，大家带一本最近在读的书来聊一聊。\n茶水免费，欢迎带家属。"));
  }

  /** A published sports day with one pool of places per team: {@code key, label, capacity} triples. */
  static long sportsDay(Api.Member organizer, String title, Object... teams) {
    return Events.published(API, organizer.token(), Events.body("SPORTS_DAY", title, Events.evening(14).withHour(9))
        .put("pools", Events.pools(teams)).put("venue", "市体育中心东门田径场")
        .put("description", "拔河、跳绳、接力跑，以队为单位报名。"));
  }

  /** A published mixer whose places are split evenly between women and men. */
  static long mixer(Api.Member organizer, String title, int capacity) {
    return Events.published(API, organizer.token(), Events.body("MIXER", title, Events.evening(12))
        .put("capacity", capacity).put("venue", "凤城工人文化宫二楼多功能厅")
        .put("description", "面向单身职工的联谊活动：破冰游戏、茶歇、自由交流。"));
  }

  /** Signs the member up; returns the sign-up (with {@code rsvpId} and {@code status}). */
  static JsonObject signUp(Api.Member member, long eventId, JsonObject body) {
    Api.Response response = API.post("/api/events/" + eventId + "/rsvp", body, member.token());
    assertEquals(201, response.status(), response.body());
    return response.json();
  }

  static JsonObject signUp(Api.Member member, long eventId) {
    return signUp(member, eventId, new JsonObject());
  }

  static JsonObject signUpForMixer(Api.Member member, long eventId) {
    JsonObject rsvp = signUp(member, eventId, new JsonObject().put("declaresSingle", true));
    assertEquals("CONFIRMED", rsvp.getString("status"), rsvp.encode());
    return rsvp;
  }

  /** The organiser checks a sign-up in at the door; returns the check-in (with the badge at a mixer). */
  static JsonObject checkIn(Api.Member organizer, long eventId, JsonObject rsvp) {
    Api.Response response = API.post("/api/events/" + eventId + "/checkins",
        new JsonObject().put("rsvpId", rsvp.getLong("rsvpId")), organizer.token());
    assertEquals(201, response.status(), response.body());
    return response.json();
  }

  /** The organiser adds someone to the event's staff, e.g. a matchmaker to a mixer (contract §8). */
  static void staff(Api.Member organizer, long eventId, Api.Member member, String role) {
    Api.Response added = API.put("/api/events/" + eventId + "/staff/" + member.id(), new JsonObject().put("role", role),
        organizer.token());
    assertEquals(200, added.status(), added.body());
  }

  static void contactCard(Api.Member member, JsonObject card) {
    Api.Response saved = API.put("/api/me/contact-card", card, member.token());
    assertEquals(200, saved.status(), saved.body());
  }

  /** The member's ticket as the ticket page shows it now: {@code qr} and {@code code} live 30–60 s. */
  static JsonObject ticket(Api.Member member, long eventId) {
    Api.Response ticket = API.get("/api/events/" + eventId + "/ticket", member.token());
    assertEquals(200, ticket.status(), ticket.body());
    return ticket.json();
  }

  static JsonObject attendance(Api.Member organizer, long eventId) {
    Api.Response attendance = API.get("/api/events/" + eventId + "/attendance", organizer.token());
    assertEquals(200, attendance.status(), attendance.body());
    return attendance.json();
  }
}
