package org.queqiao.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

class RolesTest {
  private static Api api;
  private static String admin;

  @BeforeAll
  static void signInAdmin() {
    api = TestApp.api();
    admin = api.adminToken();
  }

  private static JsonObject roles(String... names) {
    JsonArray array = new JsonArray();
    for (String name : names) {
      array.add(name);
    }
    return new JsonObject().put("roles", array);
  }

  @Test
  void theBootstrappedAdminHasTheAdminRole() {
    assertTrue(api.get("/api/me", admin).json().getJsonArray("roles").contains("ADMIN"));
  }

  @Test
  void aMemberCannotGrantRolesNorSeeTheUserList() {
    Api.Member member = api.registerAndLogin();
    Api.Response grant = api.put("/api/admin/users/" + member.id() + "/roles", roles("ADMIN"), member.token());
    assertEquals(403, grant.status());
    assertEquals("FORBIDDEN", grant.errorCode());
    assertEquals(new JsonArray().add("MEMBER"), api.get("/api/me", member.token()).json().getJsonArray("roles"));
    assertEquals(403, api.get("/api/admin/users", member.token()).status());
    assertEquals(401, TestApp.api().put("/api/admin/users/" + member.id() + "/roles", roles("ADMIN"), null).status());
  }

  @Test
  void anAdminGrantsAndWithdrawsRolesAndTheChangeHoldsForExistingSessions() {
    Api.Member member = api.registerAndLogin();
    Api.Response granted = api.put("/api/admin/users/" + member.id() + "/roles", roles("ORGANIZER", "MATCHMAKER"), admin);
    assertEquals(200, granted.status(), granted.body());
    assertEquals(new JsonArray().add("MEMBER").add("ORGANIZER").add("MATCHMAKER"), granted.json().getJsonArray("roles"));
    assertEquals(granted.json().getJsonArray("roles"), api.get("/api/me", member.token()).json().getJsonArray("roles"),
        "the member's current session sees the new roles at once");

    Api.Response withdrawn = api.put("/api/admin/users/" + member.id() + "/roles", roles(), admin);
    assertEquals(new JsonArray().add("MEMBER"), withdrawn.json().getJsonArray("roles"));
  }

  @Test
  void badRoleRequestsAreRefused() {
    Api.Member member = api.registerAndLogin();
    Api.Response unknownRole = api.put("/api/admin/users/" + member.id() + "/roles", roles("KING"), admin);
    assertEquals(400, unknownRole.status());
    assertTrue(unknownRole.json().getJsonObject("error").getJsonObject("fields").containsKey("roles"));
    assertEquals(400, api.put("/api/admin/users/" + member.id() + "/roles", new JsonObject(), admin).status());
    Api.Response unknownUser = api.put("/api/admin/users/987654321/roles", roles("ORGANIZER"), admin);
    assertEquals(404, unknownUser.status());
    assertEquals("NOT_FOUND", unknownUser.errorCode());
    long adminId = api.get("/api/me", admin).json().getLong("id");
    Api.Response demoteSelf = api.put("/api/admin/users/" + adminId + "/roles", roles("ORGANIZER"), admin);
    assertEquals(409, demoteSelf.status());
    assertEquals("CANNOT_DEMOTE_SELF", demoteSelf.errorCode());
  }

  @Test
  void onlyAnAdminCreatesUnionsAndEveryoneListsThem() {
    String name = "测试工会-" + System.nanoTime();
    Api.Member member = api.registerAndLogin();
    assertEquals(403, api.post("/api/admin/unions", new JsonObject().put("name", name), member.token()).status());

    Api.Response created = api.post("/api/admin/unions", new JsonObject().put("name", name), admin);
    assertEquals(201, created.status(), created.body());
    assertEquals(name, created.json().getString("name"));
    Api.Response duplicate = api.post("/api/admin/unions", new JsonObject().put("name", name), admin);
    assertEquals(409, duplicate.status());
    assertEquals(400, api.post("/api/admin/unions", new JsonObject().put("name", " "), admin).status());

    JsonArray unions = TestApp.api().get("/api/unions").jsonArray();
    assertTrue(unions.stream().anyMatch(u -> name.equals(((JsonObject) u).getString("name"))));
  }

  @Test
  void anAdminFindsUsersByLoginOrName() {
    Api.Member member = api.registerAndLogin();
    Api.Response found = api.get("/api/admin/users?q=" + member.login(), admin);
    assertEquals(200, found.status());
    assertEquals(1, found.json().getJsonArray("items").size());
    assertEquals(member.id(), found.json().getJsonArray("items").getJsonObject(0).getLong("id"));
  }
}
