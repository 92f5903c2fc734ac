package org.queqiao.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

class AccountApiTest {
  private final Api api = TestApp.api();

  @Test
  void registerReturnsTheNewMemberWithoutSecrets() {
    String login = Api.newEmail();
    Api.Response response = api.post("/api/auth/register", new JsonObject()
        .put("login", login).put("password", "correct-horse").put("displayName", "张三")
        .put("nickname", "三三").put("gender", "MALE").put("birthYear", 1992).put("memberNo", "A-17"), null);

    assertEquals(201, response.status(), response.body());
    JsonObject user = response.json();
    assertEquals(login, user.getString("login"));
    assertEquals("张三", user.getString("displayName"));
    assertEquals("三三", user.getString("nickname"));
    assertEquals("MALE", user.getString("gender"));
    assertEquals(1992, user.getInteger("birthYear"));
    assertEquals(new JsonArray().add("MEMBER"), user.getJsonArray("roles"));
    assertNotNull(user.getValue("id"));
    assertFalse(response.body().contains("password"), "no password or hash in the answer");
    assertFalse(response.body().contains("argon2"), "no hash in the answer");
  }

  @Test
  void loginsAreNormalisedSoEveryWayOfTypingThemNamesOneAccount() {
    String phone = Api.newPhone();
    String fullWidth = phone.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０'))).reduce("", String::concat);
    String typed = " +86 " + fullWidth.substring(0, 3) + " " + fullWidth.substring(3, 7) + "-" + fullWidth.substring(7) + " ";
    Api.Response registered = api.post("/api/auth/register",
        new JsonObject().put("login", typed).put("password", "paper-lantern-1").put("displayName", "全角"), null);
    assertEquals(201, registered.status(), registered.body());
    assertEquals(phone, registered.json().getString("login"));

    Api.Response again = api.post("/api/auth/register",
        new JsonObject().put("login", phone).put("password", "paper-lantern-2").put("displayName", "重复"), null);
    assertEquals(409, again.status());
    assertEquals("LOGIN_TAKEN", again.errorCode());

    String email = Api.newEmail();
    api.post("/api/auth/register", new JsonObject().put("login", "  " + email.toUpperCase() + " ")
        .put("password", "paper-lantern-1").put("displayName", "邮箱"), null);
    assertNotNull(api.login(email, "paper-lantern-1"), "lower-cased e-mail logs in");
    assertNotNull(api.login(phone, "paper-lantern-1"));
  }

  @Test
  void invalidRegistrationsAreRefusedFieldByFieldAndWriteNothing() throws Exception {
    String login = Api.newPhone();
    Api.Response response = api.post("/api/auth/register", new JsonObject()
        .put("login", login).put("password", "short").put("displayName", " ")
        .put("gender", "OTHER").put("birthYear", 1800), null);

    assertEquals(400, response.status());
    JsonObject error = response.json().getJsonObject("error");
    assertEquals("VALIDATION_FAILED", error.getString("code"));
    assertFalse(error.getString("message").isBlank());
    JsonObject fields = error.getJsonObject("fields");
    assertTrue(fields.containsKey("password"));
    assertTrue(fields.containsKey("displayName"));
    assertTrue(fields.containsKey("gender"));
    assertTrue(fields.containsKey("birthYear"));

    Api.Response badLogin = api.post("/api/auth/register", new JsonObject()
        .put("login", "12345").put("password", "paper-lantern-1").put("displayName", "x"), null);
    assertEquals(400, badLogin.status());
    assertTrue(badLogin.json().getJsonObject("error").getJsonObject("fields").containsKey("login"));

    Api.Response unknownUnion = api.post("/api/auth/register", new JsonObject()
        .put("login", login).put("password", "paper-lantern-1").put("displayName", "x").put("unionId", 999999), null);
    assertEquals(400, unknownUnion.status());
    assertTrue(unknownUnion.json().getJsonObject("error").getJsonObject("fields").containsKey("unionId"));

    try (var conn = TestApp.jdbc(); var st = conn.prepareStatement("SELECT count(*) FROM users WHERE login = ?")) {
      st.setString(1, login);
      ResultSet rs = st.executeQuery();
      rs.next();
      assertEquals(0, rs.getInt(1), "no refused registration left a row");
    }
  }

  @Test
  void twoPeopleRegisteringTheSameLoginAtOnceGetOneAccount() throws Exception {
    String login = Api.newPhone();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> attempts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        attempts.add(() -> TestApp.api().post("/api/auth/register", new JsonObject()
            .put("login", login).put("password", "paper-lantern-" + n).put("displayName", "并发" + n), null).status());
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(attempts)) {
        statuses.add(f.get());
      }
      assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
      assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void loginAnswersWithATokenAndAnHttpOnlySessionCookie() {
    Api.Member member = api.registerAndLogin();
    Api browser = TestApp.browser();
    Api.Response response = browser.post("/api/auth/login",
        new JsonObject().put("login", member.login()).put("password", member.password()), null);

    assertEquals(200, response.status());
    assertFalse(response.json().getString("token").isBlank());
    assertEquals(member.id(), response.json().getJsonObject("user").getLong("id"));
    String setCookie = response.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith("qq_session=")).findFirst().orElseThrow();
    assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
    assertTrue(setCookie.toLowerCase().contains("samesite=lax"), setCookie);
    assertFalse(setCookie.toLowerCase().contains("secure"), "plain http base URL: not Secure");

    Api.Response me = browser.get("/api/me");
    assertEquals(200, me.status(), "the cookie alone authenticates a GET");
    assertEquals(member.login(), me.json().getString("login"));
  }

  @Test
  void wrongPasswordAndUnknownLoginGetTheSameAnswer() {
    Api.Member member = api.registerAndLogin();
    Api.Response wrongPassword = api.post("/api/auth/login",
        new JsonObject().put("login", member.login()).put("password", "not-the-password"), null);
    Api.Response unknownLogin = api.post("/api/auth/login",
        new JsonObject().put("login", Api.newPhone()).put("password", "not-the-password"), null);

    assertEquals(401, wrongPassword.status());
    assertEquals(401, unknownLogin.status());
    assertEquals(wrongPassword.body(), unknownLogin.body());
    assertEquals("INVALID_CREDENTIALS", wrongPassword.errorCode());
  }

  @Test
  void meShowsAndPatchesTheProfile() {
    Api.Member member = api.registerAndLogin();
    Api.Response me = api.get("/api/me", member.token());
    assertEquals(200, me.status());
    for (String key : List.of("id", "login", "displayName", "nickname", "gender", "birthYear", "unionId", "roles")) {
      assertTrue(me.json().containsKey(key), "GET /api/me has " + key);
    }

    Api.Response patched = api.patch("/api/me", new JsonObject()
        .put("nickname", "小鹊").put("gender", "FEMALE").put("birthYear", 1995), member.token());
    assertEquals(200, patched.status(), patched.body());
    assertEquals("小鹊", patched.json().getString("nickname"));
    assertEquals("FEMALE", patched.json().getString("gender"));
    assertEquals("测试会员", patched.json().getString("displayName"), "fields not sent stay as they were");

    Api.Response cleared = api.patch("/api/me", new JsonObject().putNull("nickname"), member.token());
    assertEquals(200, cleared.status());
    assertNull(cleared.json().getString("nickname"));
    assertEquals(1995, cleared.json().getInteger("birthYear"));

    Api.Response refused = api.patch("/api/me", new JsonObject()
        .put("nickname", "改了").put("roles", new JsonArray().add("ADMIN")), member.token());
    assertEquals(400, refused.status());
    assertNull(api.get("/api/me", member.token()).json().getString("nickname"), "a refused PATCH changed nothing");
    assertEquals(new JsonArray().add("MEMBER"), api.get("/api/me", member.token()).json().getJsonArray("roles"));
  }

  @Test
  void logoutRevokesThatTokenOnly() {
    Api.Member member = api.registerAndLogin();
    String second = api.login(member.login(), member.password());

    Api.Response out = api.post("/api/auth/logout", null, member.token());
    assertEquals(204, out.status());
    Api.Response after = api.get("/api/me", member.token());
    assertEquals(401, after.status());
    assertEquals("INVALID_TOKEN", after.errorCode());
    assertEquals(200, api.get("/api/me", second).status(), "another session of the same member goes on");
  }

  @Test
  void signedOutCallersAreAskedToSignIn() {
    Api.Response response = TestApp.api().get("/api/me");
    assertEquals(401, response.status());
    assertEquals("UNAUTHORIZED", response.errorCode());
  }
}
