package org.queqiao.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.EventStream;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.Mixers;
import org.queqiao.support.Pages;
import org.queqiao.support.Roles;
import org.queqiao.support.TestApp;

/**
 * Who may manage an event, contract §8: admins and organisers who created it or co-organise it,
 * for as long as they hold the ORGANIZER role and, when their account names a union, only within
 * that union's subtree; door staff who may check people in and do nothing else.
 */
class EventAccessTest {
  /** The organiser's pages of one event, below {@code /organizer/events/{id}}. */
  private static final List<String> ORGANIZER_PAGES = List.of("", "/rsvps", "/checkin", "/venue", "/attendance");

  private static Api api;
  private static String admin;

  @BeforeAll
  static void signInAdmin() {
    api = TestApp.api();
    admin = api.adminToken();
  }

  /** A route below {@code /api/events/{id}}, called with a body that would pass validation. */
  private record Route(String method, String path, Object body) {
    int status(long eventId, String token) {
      String url = "/api/events/" + eventId + path;
      if (path.equals("/attendance/stream")) {
        // A stream that was let through would never end: only its status is read.
        try (EventStream stream = EventStream.open(TestApp.baseUrl(), url, token)) {
          return stream.status();
        }
      }
      return call(eventId, token).status();
    }

    Api.Response call(long eventId, String token) {
      String url = "/api/events/" + eventId + path;
      return method.equals("GET") ? api.get(url, token) : api.send(url, method, body, token, Map.of());
    }

    @Override
    public String toString() {
      return method + " /api/events/{id}" + path;
    }
  }

  private static final Route CHECK_IN = new Route("POST", "/checkins", new JsonObject().put("code", "000000"));
  private static final Route SEARCH = new Route("GET", "/checkins/search?q=x", null);

  /**
   * Every manager route but check-in and search; {@code staffId} is a user the staff routes name.
   * Cancelling comes last, so a wrongly allowed cancel cannot change what the others answer.
   */
  private static List<Route> managerOnlyRoutes(long staffId) {
    return List.of(
        new Route("PATCH", "", new JsonObject().put("description", "改过的介绍")),
        new Route("POST", "/publish", null),
        new Route("GET", "/rsvps", null),
        new Route("GET", "/attendance", null),
        new Route("GET", "/attendance.csv", null),
        new Route("GET", "/attendance/stream", null),
        new Route("GET", "/venue-code", null),
        new Route("POST", "/walk-ins", new JsonObject().put("login", Api.newPhone())),
        new Route("GET", "/staff", null),
        new Route("PUT", "/staff/" + staffId, new JsonObject().put("role", "DOOR")),
        new Route("DELETE", "/staff/" + staffId, null),
        new Route("POST", "/cancel", new JsonObject().put("reason", "场地临时维修")));
  }

  private static List<Route> everyManagerRoute(long staffId) {
    List<Route> routes = new ArrayList<>(managerOnlyRoutes(staffId));
    routes.addAll(routes.size() - 1, List.of(CHECK_IN, SEARCH));
    return routes;
  }

  private static void assertEveryRouteAnswers(int expected, String who, long eventId, String token, List<Route> routes) {
    List<String> wrong = new ArrayList<>();
    for (Route route : routes) {
      int status = route.status(eventId, token);
      if (status != expected) {
        wrong.add(route + " answered " + status);
      }
    }
    assertTrue(wrong.isEmpty(), who + " should get " + expected + " from every route listed of event " + eventId
        + ", but:\n  " + String.join("\n  ", wrong));
  }

  private static void assertEveryPageAnswers(int expected, String who, long eventId, Api browser, List<String> pages) {
    List<String> wrong = new ArrayList<>();
    for (String page : pages) {
      int status = browser.get("/organizer/events/" + eventId + page).status();
      if (status != expected) {
        wrong.add("GET /organizer/events/{id}" + page + " answered " + status);
      }
    }
    assertTrue(wrong.isEmpty(), who + " should get " + expected + " from every page listed of event " + eventId
        + ", but:\n  " + String.join("\n  ", wrong));
  }

  // --- fixtures ---

  private static long publishedSalon(String organizerToken) {
    return Events.published(api, organizerToken, Events.salon("管理权限 " + Events.token(), 10));
  }

  /** An organiser who never signs in with a password (API tests only). */
  private static Members.Member organizer(String name) {
    return Mixers.withRole(api, admin, "ORGANIZER", name);
  }

  private static String staffPath(long eventId, long userId) {
    return "/api/events/" + eventId + "/staff/" + userId;
  }

  private static Api.Response putStaff(long eventId, long userId, String role, String token) {
    return api.put(staffPath(eventId, userId), new JsonObject().put("role", role), token);
  }

  private static Api.Response deleteStaff(long eventId, long userId, String token) {
    return api.send(staffPath(eventId, userId), "DELETE", null, token, Map.of());
  }

  private static JsonObject addStaff(long eventId, long userId, String role, String token) {
    Api.Response added = putStaff(eventId, userId, role, token);
    assertEquals(200, added.status(), added.body());
    return added.json();
  }

  private static JsonArray staffOf(long eventId, String token) {
    Api.Response listed = api.get("/api/events/" + eventId + "/staff", token);
    assertEquals(200, listed.status(), listed.body());
    return listed.json().getJsonArray("items");
  }

  private static Optional<JsonObject> staffEntry(JsonArray staff, long userId) {
    return staff.stream().map(JsonObject.class::cast).filter(s -> s.getLong("userId") == userId).findFirst();
  }

  /** A member with a confirmed sign-up for the event; returns the sign-up's id. */
  private static long confirmedRsvp(Members.Member member, long eventId) {
    Api.Response rsvp = api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token());
    assertEquals(201, rsvp.status(), rsvp.body());
    assertEquals("CONFIRMED", rsvp.json().getString("status"), "test premise: a seat was free");
    return rsvp.json().getLong("rsvpId");
  }

  private static void assertError(Api.Response response, int status, String code) {
    assertEquals(status, response.status(), response.body());
    assertEquals(code, response.errorCode(), response.body());
  }

  private static long union(String name, Long parentId) {
    JsonObject body = new JsonObject().put("name", name + " " + Events.token());
    if (parentId != null) {
      body.put("parentId", parentId);
    }
    Api.Response created = api.post("/api/admin/unions", body, admin);
    assertEquals(201, created.status(), created.body());
    assertEquals(parentId, created.json().getLong("parentId"), created.body());
    return created.json().getLong("id");
  }

  /** {@code GET /api/unions}, whether it answers a bare array or {@code {"items":[…]}}. */
  private static Optional<JsonObject> listedUnion(long id) {
    Api.Response listed = api.get("/api/unions");
    assertEquals(200, listed.status(), listed.body());
    JsonArray unions = listed.body().strip().startsWith("[") ? listed.jsonArray() : listed.json().getJsonArray("items");
    return unions.stream().map(JsonObject.class::cast).filter(u -> u.getLong("id") == id).findFirst();
  }

  // --- the rules ---

  @Test
  void managersAddListAndRemoveStaffAndRefuseWhatCannotBeStaff() {
    Members.Member organizer = organizer("组织者");
    long id = publishedSalon(organizer.token());
    Api.Member door = api.registerAndLogin(new JsonObject().put("displayName", "门岗小李"));

    OffsetDateTime before = OffsetDateTime.now().minusMinutes(1);
    JsonObject added = addStaff(id, door.id(), "DOOR", organizer.token());
    assertEquals(door.id(), added.getLong("userId"), added.encode());
    assertEquals("门岗小李", added.getString("displayName"), added.encode());
    assertEquals(door.login(), added.getString("login"), added.encode());
    assertEquals("DOOR", added.getString("role"), added.encode());
    OffsetDateTime addedAt = OffsetDateTime.parse(added.getString("addedAt"));
    assertTrue(addedAt.isAfter(before) && addedAt.isBefore(OffsetDateTime.now().plusMinutes(1)), added.encode());
    assertEquals(new JsonArray().add(added), staffOf(id, organizer.token()), "the list shows what PUT answered");

    Api.Response again = putStaff(id, door.id(), "JUDGE", organizer.token());
    assertEquals(200, again.status(), again.body());
    JsonArray afterChange = staffOf(id, organizer.token());
    assertEquals(1, afterChange.size(), "PUT again changes the entry, it adds none: " + afterChange.encode());
    assertEquals("JUDGE", afterChange.getJsonObject(0).getString("role"), afterChange.encode());

    Members.Member plain = Members.insert(1, "普通会员").get(0);
    Api.Response unknownRole = putStaff(id, plain.id(), "KING", organizer.token());
    assertError(unknownRole, 400, "VALIDATION_FAILED");
    assertTrue(unknownRole.json().getJsonObject("error").getJsonObject("fields").containsKey("role"), unknownRole.body());
    assertError(putStaff(id, 987654321L, "DOOR", organizer.token()), 404, "USER_NOT_FOUND");
    assertError(putStaff(id, plain.id(), "CO_ORGANIZER", organizer.token()), 409, "NOT_AN_ORGANIZER");
    assertError(putStaff(id, plain.id(), "MATCHMAKER", organizer.token()), 409, "NOT_A_MATCHMAKER");
    assertEquals(afterChange, staffOf(id, organizer.token()), "a refused request changes nothing");

    Members.Member organizerToo = organizer("协办组织者");
    Members.Member matchmaker = Mixers.withRole(api, admin, "MATCHMAKER", "红娘");
    assertEquals("CO_ORGANIZER", addStaff(id, organizerToo.id(), "CO_ORGANIZER", organizer.token()).getString("role"));
    assertEquals("MATCHMAKER", addStaff(id, matchmaker.id(), "MATCHMAKER", organizer.token()).getString("role"));
    assertEquals(3, staffOf(id, organizer.token()).size());

    assertEquals(204, deleteStaff(id, door.id(), organizer.token()).status());
    JsonArray remaining = staffOf(id, organizer.token());
    assertFalse(staffEntry(remaining, door.id()).isPresent(), remaining.encode());
    assertEquals(2, remaining.size(), remaining.encode());
    assertEquals(204, deleteStaff(id, door.id(), organizer.token()).status(), "removing someone who is not staff is fine");
    assertEquals(204, deleteStaff(id, plain.id(), organizer.token()).status());
  }

  @Test
  void aDemotedOrganizerIsRefusedOnEveryManagerRouteAndPageOfTheirOwnEvent() {
    Api.Member organizer = Events.organizer(api, admin);
    long id = publishedSalon(organizer.token());
    Members.Member someone = Members.insert(1, "待加入员工").get(0);
    Api browser = TestApp.browser();
    Pages.signIn(browser, organizer);
    Api.Response attendance = api.get("/api/events/" + id + "/attendance", organizer.token());
    assertEquals(200, attendance.status(), "before demotion the organiser manages the event: " + attendance.body());
    assertEquals(200, browser.get("/organizer/events/" + id + "/checkin").status(), "and sees its scanner page");

    Roles.set(api, admin, organizer.id());

    assertEveryPageAnswers(403, "an organiser whose ORGANIZER role was removed", id, browser, ORGANIZER_PAGES);
    assertEveryRouteAnswers(403, "an organiser whose ORGANIZER role was removed", id, organizer.token(),
        everyManagerRoute(someone.id()));
    assertEquals("PUBLISHED", Events.get(api, admin, id).getString("status"), "the refused cancel changed nothing");
  }

  @Test
  void doorStaffCheckPeopleInForTheirEventAndDoNothingElse() {
    Members.Member organizer = organizer("组织者");
    long id = publishedSalon(organizer.token());
    long otherEvent = publishedSalon(organizer.token());
    Api.Member door = api.registerAndLogin(new JsonObject().put("displayName", "检票员"));
    String names = "到场会员" + Events.token().substring(1, 7) + "-";
    List<Members.Member> attendees = Members.insert(3, names);
    long byCode = confirmedRsvp(attendees.get(0), id);
    long byRsvp = confirmedRsvp(attendees.get(1), id);
    long afterRemoval = confirmedRsvp(attendees.get(2), id);

    addStaff(id, door.id(), "DOOR", organizer.token());

    Api.Response ticket = api.get("/api/events/" + id + "/ticket", attendees.get(0).token());
    assertEquals(200, ticket.status(), ticket.body());
    Api.Response checkedByCode = api.post("/api/events/" + id + "/checkins",
        new JsonObject().put("code", ticket.json().getString("code")), door.token());
    assertEquals(201, checkedByCode.status(), checkedByCode.body());
    assertEquals(byCode, checkedByCode.json().getLong("rsvpId"));
    Api.Response checkedByRsvp = api.post("/api/events/" + id + "/checkins", new JsonObject().put("rsvpId", byRsvp),
        door.token());
    assertEquals(201, checkedByRsvp.status(), checkedByRsvp.body());
    String q = URLEncoder.encode(names, StandardCharsets.UTF_8);
    Api.Response search = api.get("/api/events/" + id + "/checkins/search?q=" + q, door.token());
    assertEquals(200, search.status(), search.body());

    Api browser = TestApp.browser();
    Pages.signIn(browser, door);
    assertEquals(200, browser.get("/organizer/events/" + id + "/checkin").status(), "door staff use the scanner page");
    assertEveryPageAnswers(403, "door staff", id, browser, List.of("", "/rsvps", "/venue", "/attendance"));

    Members.Member someone = Members.insert(1, "待加入员工").get(0);
    assertEveryRouteAnswers(403, "door staff", id, door.token(), managerOnlyRoutes(someone.id()));
    assertEquals("PUBLISHED", Events.get(api, admin, id).getString("status"), "the refused cancel changed nothing");

    assertEveryRouteAnswers(403, "door staff of another event", otherEvent, door.token(), List.of(CHECK_IN, SEARCH));
    assertEquals(403, browser.get("/organizer/events/" + otherEvent + "/checkin").status(), "nor its scanner page");

    assertEquals(204, deleteStaff(id, door.id(), organizer.token()).status());
    Api.Response removed = api.post("/api/events/" + id + "/checkins", new JsonObject().put("rsvpId", afterRemoval),
        door.token());
    assertEquals(403, removed.status(), "once removed, door staff check nobody in: " + removed.body());
    assertEquals(403, SEARCH.status(id, door.token()));
    assertEquals(403, browser.get("/organizer/events/" + id + "/checkin").status());
  }

  @Test
  void aCoOrganizerManagesTheEventWhileTheyHoldTheOrganizerRole() {
    Members.Member creator = organizer("主办组织者");
    long id = publishedSalon(creator.token());
    Members.Member co = organizer("协办组织者");
    JsonObject edit = new JsonObject().put("description", "协办方补充的介绍");
    assertEquals(403, api.patch("/api/events/" + id, edit, co.token()).status(),
        "test premise: another organiser does not manage the event");

    addStaff(id, co.id(), "CO_ORGANIZER", creator.token());
    Api.Response edited = api.patch("/api/events/" + id, edit, co.token());
    assertEquals(200, edited.status(), edited.body());
    assertEquals("协办方补充的介绍", Events.get(api, admin, id).getString("description"));
    assertTrue(staffEntry(staffOf(id, co.token()), co.id()).isPresent(), "the co-organiser lists the staff");

    Roles.set(api, admin, co.id());
    Api.Response refused = api.patch("/api/events/" + id, new JsonObject().put("description", "降级后再改"), co.token());
    assertEquals(403, refused.status(), "without the ORGANIZER role a co-organiser manages nothing: " + refused.body());
    assertEquals(403, api.get("/api/events/" + id + "/staff", co.token()).status());
    assertEquals("协办方补充的介绍", Events.get(api, admin, id).getString("description"));
  }

  @Test
  void anOrganizerOfAUnionManagesOnlyEventsForThatUnionsSubtreeOrOpenOnesTheyCreated() {
    long root = union("市总工会", null);
    long child = union("机械厂工会", root);
    long sibling = union("纺织系统工会", null);
    assertEquals(Optional.of(root), listedUnion(child).map(u -> u.getLong("parentId")), "GET /api/unions gives parentId");
    assertNull(listedUnion(root).orElseThrow().getValue("parentId"), "a top union has a null parentId");

    Members.Member rootOrganizer = organizer("市总组织者");
    Mixers.profile(api, rootOrganizer.token(), new JsonObject().put("unionId", root));
    long forChild = Events.create(api, rootOrganizer.token(), Events.salon("机械厂读书会 " + Events.token(), 10)
        .put("audienceUnionId", child)).getLong("id");
    Api.Response edited = api.patch("/api/events/" + forChild, new JsonObject().put("description", "面向机械厂"),
        rootOrganizer.token());
    assertEquals(200, edited.status(), "an event for a descendant union is theirs to manage: " + edited.body());
    Events.publish(api, rootOrganizer.token(), forChild);
    assertEquals(200, api.get("/api/events/" + forChild + "/rsvps", rootOrganizer.token()).status());

    assertError(api.post("/api/events", Events.salon("纺织系统联谊 " + Events.token(), 10)
        .put("audienceUnionId", sibling), rootOrganizer.token()), 403, "NOT_YOUR_UNION");
    assertError(api.patch("/api/events/" + forChild, new JsonObject().put("audienceUnionId", sibling),
        rootOrganizer.token()), 403, "NOT_YOUR_UNION");
    assertEquals(child, Events.get(api, admin, forChild).getLong("audienceUnionId"), "the refused change changed nothing");

    Members.Member childOrganizer = organizer("机械厂组织者");
    long forRoot = Events.published(api, childOrganizer.token(), Events.salon("全市读书会 " + Events.token(), 10)
        .put("audienceUnionId", root));
    long open = Events.published(api, childOrganizer.token(), Events.salon("开放读书会 " + Events.token(), 10));
    assertEquals(200, api.get("/api/events/" + forRoot + "/rsvps", childOrganizer.token()).status(),
        "test premise: without a union the organiser manages what they created");
    Mixers.profile(api, childOrganizer.token(), new JsonObject().put("unionId", child));

    Api.Response outside = api.patch("/api/events/" + forRoot, new JsonObject().put("description", "改不了"),
        childOrganizer.token());
    assertEquals(403, outside.status(), "an event for the parent union is outside a child union's organiser: "
        + outside.body());
    assertEquals(403, api.get("/api/events/" + forRoot + "/rsvps", childOrganizer.token()).status());
    Api.Response openEdit = api.patch("/api/events/" + open, new JsonObject().put("description", "仍然开放"),
        childOrganizer.token());
    assertEquals(200, openEdit.status(), "an open event they created stays theirs: " + openEdit.body());
    assertEquals(200, api.get("/api/events/" + open + "/rsvps", childOrganizer.token()).status());
  }

  @Test
  void aMemberWhoIsNobodysStaffCannotSeeADraftsManagerRoutesNorUseAPublishedOnes() {
    Members.Member organizer = organizer("组织者");
    long draft = Events.create(api, organizer.token(), Events.salon("草稿 " + Events.token(), 10)).getLong("id");
    long published = publishedSalon(organizer.token());
    Members.Member member = Members.insert(1, "路人会员").get(0);
    Members.Member someone = Members.insert(1, "待加入员工").get(0);

    assertEveryRouteAnswers(404, "a member who may not even see the draft", draft, member.token(),
        everyManagerRoute(someone.id()));
    assertEveryRouteAnswers(403, "a member who may see but not manage the event", published, member.token(),
        everyManagerRoute(someone.id()));
    assertEquals("PUBLISHED", Events.get(api, admin, published).getString("status"), "the refused cancel changed nothing");
  }
}
