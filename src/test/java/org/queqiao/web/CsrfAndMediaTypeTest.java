package org.queqiao.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/**
 * Issue 14, defects 3 and 4 (contract §10): no other site can sign a visitor in (login CSRF), and
 * the CSRF token belongs to its session, changes with it, and is masked in every response.
 */
class CsrfAndMediaTypeTest {
  private final Api api = TestApp.api();

  private Api.Response post(Api via, String path, String body, String contentType, Map<String, String> headers) {
    HttpRequest.Builder request = via.request(path, null).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    return via.send(request.build());
  }

  @Test
  void aCrossSiteFormCannotSignAVisitorIntoAnotherAccount() {
    Api.Member attacker = api.registerAndLogin();
    String json = new JsonObject().put("login", attacker.login()).put("password", attacker.password()).encode();
    Api victim = TestApp.browser();
    // What an HTML form on another site can send: text/plain (enctype) or a urlencoded body.
    Api.Response plain = post(victim, "/api/auth/login", json, "text/plain", Map.of());
    assertEquals(415, plain.status(), plain.toString());
    assertEquals("UNSUPPORTED_MEDIA_TYPE", plain.errorCode());
    Api.Response form = post(victim, "/api/auth/login", "login=" + attacker.login() + "&password=" + attacker.password(),
        "application/x-www-form-urlencoded", Map.of());
    assertEquals(415, form.status(), form.toString());
    Api.Response none = post(victim, "/api/auth/register", json, null, Map.of());
    assertEquals(415, none.status(), none.toString());
    assertFalse(victim.cookie("qq_session").isPresent(), "no session was started");

    // A browser says where a request comes from; another site is refused even with JSON.
    Api.Response crossOrigin = post(victim, "/api/auth/login", json, "application/json",
        Map.of("Origin", "https://evil.example"));
    assertEquals(403, crossOrigin.status(), crossOrigin.toString());
    assertEquals("CROSS_SITE_REQUEST", crossOrigin.errorCode());
    Api.Response crossSite = post(victim, "/api/auth/login", json, "application/json",
        Map.of("Sec-Fetch-Site", "cross-site"));
    assertEquals(403, crossSite.status(), crossSite.toString());
    String csrf = Pages.csrfOf(victim.get("/login").body());
    Api.Response crossSiteForm = post(victim, "/login", "login=" + attacker.login() + "&password=" + attacker.password()
        + "&_csrf=" + csrf, "application/x-www-form-urlencoded", Map.of("Origin", "https://evil.example"));
    assertEquals(403, crossSiteForm.status(), crossSiteForm.toString());
    assertFalse(victim.cookie("qq_session").isPresent(), "still no session");

    Api.Response sameOrigin = post(victim, "/api/auth/login", json, "application/json; charset=utf-8",
        Map.of("Origin", TestApp.baseUrl(), "Sec-Fetch-Site", "same-origin"));
    assertEquals(200, sameOrigin.status(), "the site's own pages sign in: " + sameOrigin);
  }

  @Test
  void stateChangesWithABodyNeedJsonAndOnesWithoutABodyNeedNothing() {
    String admin = api.adminToken();
    Api.Member organizer = Events.organizer(api, admin);
    long id = Events.create(api, organizer.token(), Events.salon("媒体类型 " + Events.token(), 5)).getLong("id");
    Api.Response patchAsText = api.send(api.request("/api/events/" + id, organizer.token())
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"改名\"}"))
        .header("Content-Type", "text/plain").build());
    assertEquals(415, patchAsText.status(), patchAsText.toString());
    Api.Response publish = api.send(api.request("/api/events/" + id + "/publish", organizer.token())
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(200, publish.status(), "no body, no content type needed: " + publish);
  }

  @Test
  void theTokenBelongsToItsSessionRotatesAtSignInAndOutAndIsMaskedEveryTime() {
    Api.Member member = api.registerAndLogin();
    Api browser = TestApp.browser();
    String beforeSignIn = Pages.csrfOf(browser.get("/login").body());
    String again = Pages.csrfOf(browser.get("/login").body());
    assertNotEquals(beforeSignIn, again, "masked anew on every page");

    String afterSignIn = Pages.signIn(browser, member);
    Map<String, String> nickname = Map.of("X-CSRF-Token", beforeSignIn);
    assertEquals(403, browser.send("/api/me", "PATCH", new JsonObject().put("nickname", "旧令牌"), null, nickname).status(),
        "the visitor's token is worth nothing in the new session");
    assertEquals(200, browser.send("/api/me", "PATCH", new JsonObject().put("nickname", "新令牌"), null,
        Map.of("X-CSRF-Token", afterSignIn)).status());
    String anotherPage = Pages.csrfOf(browser.get("/me/profile").body());
    assertEquals(200, browser.send("/api/me", "PATCH", new JsonObject().put("nickname", "另一页"), null,
        Map.of("X-CSRF-Token", anotherPage)).status(), "every masked copy works");

    Api other = TestApp.browser();
    String othersToken = Pages.signIn(other, api.registerAndLogin());
    assertEquals(403, browser.send("/api/me", "PATCH", new JsonObject().put("nickname", "别人的"), null,
        Map.of("X-CSRF-Token", othersToken)).status(), "a token of another session is refused");

    assertEquals(303, browser.form("/logout", Map.of("_csrf", afterSignIn)).status());
    Api.Response reused = browser.form("/login", Map.of("login", member.login(), "password", member.password(),
        "_csrf", afterSignIn));
    assertEquals(403, reused.status(), "after sign-out the old token is gone: " + reused);
  }

  @Test
  void aCookieAndFieldThatMerelyMatchEachOtherAreNotAToken() {
    Api.Member member = api.registerAndLogin();
    Api browser = TestApp.browser();
    browser.get("/login");
    for (String forged : new String[] {"a", "x".repeat(43)}) {
      browser.setCookie("qq_csrf", forged);
      Api.Response refused = browser.form("/login", Map.of("login", member.login(), "password", member.password(),
          "_csrf", forged));
      assertEquals(403, refused.status(), "'" + forged + "': " + refused);
    }
    assertTrue(browser.cookie("qq_session").isEmpty());
  }
}
