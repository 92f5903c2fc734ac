package org.queqiao.unions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/**
 * The union tree (contract §11): an event's audience admits the whole subtree below its union,
 * and unions are chosen by a server-side search that stays usable with ten thousand of them —
 * through the API, the admin's page and the forms, without JavaScript.
 */
class UnionTreeTest {
  private static Api api;
  private static String admin;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    admin = api.adminToken();
    organizer = Events.organizer(api, admin);
  }

  private static long union(String name, Long parentId) {
    JsonObject body = new JsonObject().put("name", name);
    if (parentId != null) {
      body.put("parentId", parentId);
    }
    Api.Response created = api.post("/api/admin/unions", body, admin);
    assertEquals(201, created.status(), created.body());
    return created.json().getLong("id");
  }

  private static Api.Response signUp(Long unionId, long eventId) {
    JsonObject profile = unionId == null ? new JsonObject() : new JsonObject().put("unionId", unionId);
    return api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), api.registerAndLogin(profile).token());
  }

  @Test
  void anAudienceAdmitsItsUnionAndEveryUnionBelowItButNoOther() {
    String t = Events.token();
    long city = union("凤城市总工会 " + t, null);
    long district = union("东区总工会 " + t, city);
    long factory = union("东区机械厂工会 " + t, district);
    long otherDistrict = union("西区总工会 " + t, city);
    long id = Events.published(api, organizer.token(), Events.salon("东区专场 " + t, 10)
        .put("audienceUnionId", district));

    assertEquals(201, signUp(district, id).status(), "a member of the audience union itself");
    Api.Response grandchild = signUp(factory, id);
    assertEquals(201, grandchild.status(), "a member of a union below it: " + grandchild.body());
    for (Long outside : new Long[] {city, otherDistrict, null}) {
      Api.Response refused = signUp(outside, id);
      assertEquals(403, refused.status(), "union " + outside + ": " + refused.body());
      assertEquals("NOT_ELIGIBLE", refused.errorCode());
    }
    assertEquals(2, Events.pool(Events.get(api, admin, id), "main").getInteger("confirmed"));
  }

  @Test
  void unionsAreSearchedByNameOnePageAtATime() {
    String t = Events.token();
    long parent = union("纺织系统工会 " + t, null);
    union("纺织一厂工会 " + t, parent);
    union("纺织二厂工会 " + t, parent);
    long exact = union(t, null);

    Api.Response first = api.get("/api/unions?q=" + t + "&limit=2");
    assertEquals(200, first.status(), first.body());
    assertEquals("4", first.header("X-Total-Count").orElseThrow());
    JsonArray page = first.jsonArray();
    assertEquals(2, page.size());
    assertEquals(exact, page.getJsonObject(0).getLong("id"), "the exact name comes first");
    JsonArray rest = api.get("/api/unions?q=" + t + "&limit=2&offset=2").jsonArray();
    assertEquals(2, rest.size());
    assertTrue(rest.stream().map(JsonObject.class::cast).noneMatch(u -> u.getLong("id") == exact || page.contains(u)));

    JsonArray children = api.get("/api/unions?parentId=" + parent).jsonArray();
    assertEquals(2, children.size());
    JsonObject child = children.getJsonObject(0);
    assertEquals(parent, child.getLong("parentId"));
    assertEquals("纺织系统工会 " + t, child.getString("parentName"));
    JsonObject parentListed = api.get("/api/unions?q=" + URLEncoder.encode("纺织系统工会 " + t, StandardCharsets.UTF_8))
        .jsonArray().getJsonObject(0);
    assertEquals(2, parentListed.getInteger("children"));

    for (String bad : new String[] {"limit=0", "limit=101", "limit=x", "offset=-1", "parentId=1.5"}) {
      Api.Response refused = api.get("/api/unions?" + bad);
      assertEquals(400, refused.status(), bad + ": " + refused.body());
      assertEquals("VALIDATION_FAILED", refused.errorCode());
    }
  }

  @Test
  void tenThousandUnionsStayUsableInFormsTheApiAndTheAdminPage() throws Exception {
    String prefix = "批量工会" + Events.token() + "-";
    try (Connection db = TestApp.jdbc();
        PreparedStatement insert = db.prepareStatement(
            "INSERT INTO unions (name) SELECT ? || lpad(n::text, 5, '0') FROM generate_series(1, 10000) n")) {
      insert.setString(1, prefix);
      insert.executeUpdate();
    }

    long started = System.nanoTime();
    Api.Response found = api.get("/api/unions?limit=10&q=" + URLEncoder.encode(prefix + "0999", StandardCharsets.UTF_8));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(200, found.status(), found.body());
    assertEquals("10", found.header("X-Total-Count").orElseThrow(), "09990 … 09999");
    assertTrue(millis < 2000, "a search answers at once, took " + millis + " ms");

    Api.Response register = TestApp.browser().get("/register");
    assertFalse(register.body().contains(prefix), "the registration page lists no unions");
    assertTrue(register.body().length() < 30_000, "the registration page stays small: " + register.body().length());

    Api browser = TestApp.browser();
    Pages.signIn(browser, new Api.Member(TestApp.ADMIN_LOGIN, TestApp.ADMIN_PASSWORD, 0, null));
    String firstPage = unescaped(browser.get("/admin/unions?q=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)).body());
    assertEquals(50, count(firstPage, prefix + "\\d{5}</td>"), "one page of 50");
    assertTrue(firstPage.contains(prefix + "00001</td>") && !firstPage.contains(prefix + "00051</td>"));
    assertTrue(firstPage.contains("page=2"), "a link to the next page");
    String lastPage = unescaped(browser.get("/admin/unions?page=200&q="
        + URLEncoder.encode(prefix, StandardCharsets.UTF_8)).body());
    assertTrue(lastPage.contains(prefix + "10000</td>") && lastPage.contains("page=199"), "the last page");
  }

  @Test
  void theAdminPageAddsAUnionUnderAParentChosenByName() {
    String t = Events.token();
    long parent = union("南区总工会 " + t, null);
    union("南区总工会二部 " + t, null);
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, new Api.Member(TestApp.ADMIN_LOGIN, TestApp.ADMIN_PASSWORD, 0, null));

    Api.Response ambiguous = browser.form("/admin/unions", Map.of("_csrf", csrf, "name", "南区食品厂工会 " + t,
        "parentName", "南区总工会"));
    assertEquals(400, ambiguous.status(), "several parents match: the admin picks one");
    assertTrue(ambiguous.body().contains("name=\"parentId\" value=\"" + parent + "\""), ambiguous.body());
    assertTrue(ambiguous.body().contains("value=\"南区食品厂工会 " + t + "\""), "what was typed stays");

    Api.Response picked = browser.form("/admin/unions", Map.of("_csrf", csrf, "name", "南区食品厂工会 " + t,
        "parentName", "南区总工会", "parentId", Long.toString(parent)));
    assertEquals(303, picked.status(), picked.body());
    JsonObject made = api.get("/api/unions?q=" + URLEncoder.encode("南区食品厂工会 " + t, StandardCharsets.UTF_8))
        .jsonArray().getJsonObject(0);
    assertEquals(parent, made.getLong("parentId"));

    Api.Response exact = browser.form("/admin/unions", Map.of("_csrf", csrf, "name", "南区五金厂工会 " + t,
        "parentName", "南区总工会 " + t));
    assertEquals(303, exact.status(), "an exact parent name needs no picking: " + exact.body());

    Api member = TestApp.browser();
    Pages.signIn(member, api.registerAndLogin());
    assertEquals(403, member.get("/admin/unions").status());
  }

  @Test
  void registrationAndProfileChooseTheUnionByNameWithoutJavaScript() {
    String t = Events.token();
    long first = union("北区一分会 " + t, null);
    long second = union("北区二分会 " + t, null);

    Api browser = TestApp.browser();
    String csrf = Pages.csrfOf(browser.get("/register").body());
    String login = Api.newPhone();
    Map<String, String> form = Map.of("_csrf", csrf, "login", login, "password", "Magpie-bridge-7419", "displayName", "赵六",
        "unionName", "北区 " + t);
    Api.Response none = browser.form("/register", form);
    assertEquals(400, none.status(), "no union contains this text");
    assertTrue(none.body().contains("id=\"unionName-error\""));

    Api.Response several = browser.form("/register", new java.util.HashMap<>(form) {{ put("unionName", t); }});
    assertEquals(400, several.status());
    assertTrue(several.body().contains("name=\"unionId\" value=\"" + first + "\"")
        && several.body().contains("name=\"unionId\" value=\"" + second + "\""), "both are offered");
    assertTrue(several.body().contains("<option value=\"北区二分会 " + t + "\">"), "and suggested");

    Api.Response registered = browser.form("/register", new java.util.HashMap<>(form) {{
      put("unionName", t);
      put("unionId", Long.toString(second));
    }});
    assertEquals(303, registered.status(), registered.body());
    String token = api.login(login, "Magpie-bridge-7419");
    assertEquals(second, api.get("/api/me", token).json().getLong("unionId"));

    String profile = browser.get("/me/profile").body();
    assertTrue(profile.contains("value=\"北区二分会 " + t + "\""), "the profile shows the union's name");
    String profileCsrf = Pages.csrfOf(profile);
    Api.Response moved = browser.form("/me/profile", Map.of("_csrf", profileCsrf, "displayName", "赵六",
        "unionName", "北区一分会 " + t));
    assertEquals(303, moved.status(), moved.body());
    assertEquals(first, api.get("/api/me", token).json().getLong("unionId"));
    Api.Response cleared = browser.form("/me/profile", Map.of("_csrf", profileCsrf, "displayName", "赵六",
        "unionName", ""));
    assertEquals(303, cleared.status(), cleared.body());
    assertEquals(null, api.get("/api/me", token).json().getLong("unionId"));
  }

  @Test
  void theEventFormNamesItsAudienceByName() {
    String t = Events.token();
    long audience = union("码头工会 " + t, null);
    long id = Events.create(api, organizer.token(), Events.salon("码头读书会 " + t, 5)).getLong("id");
    Api browser = TestApp.browser();
    Pages.signIn(browser, organizer);
    String page = browser.get("/organizer/events/" + id).body();
    assertFalse(page.contains("<select id=\"audienceUnionId\""), "no list of every union");

    Map<String, String> form = new java.util.HashMap<>(Map.of("_csrf", Pages.csrfOf(page), "title", "码头读书会 " + t,
        "venue", "码头俱乐部", "startsAt", Events.evening(10).toLocalDateTime().toString(),
        "endsAt", Events.evening(10).plusHours(2).toLocalDateTime().toString(), "capacity", "5",
        "audienceUnionName", "码头工会 " + t));
    Api.Response saved = browser.form("/organizer/events/" + id, form);
    assertEquals(303, saved.status(), saved.body());
    assertEquals(audience, Events.get(api, organizer.token(), id).getLong("audienceUnionId"));
    assertTrue(browser.get("/organizer/events/" + id).body().contains("value=\"码头工会 " + t + "\""));

    form.put("audienceUnionName", "");
    assertEquals(303, browser.form("/organizer/events/" + id, form).status());
    assertEquals(null, Events.get(api, organizer.token(), id).getLong("audienceUnionId"), "empty: open to all");
  }

  /** Links as a browser reads them (Handlebars escapes = and &). */
  private static String unescaped(String html) {
    return html.replace("&#x3D;", "=").replace("&amp;", "&");
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
