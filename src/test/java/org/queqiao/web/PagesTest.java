package org.queqiao.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** The server-rendered pages over real HTTP: language, headers, forms, CSRF and escaping. */
class PagesTest {
  @Test
  void theHomePageIsInChineseByDefault() {
    Api.Response home = TestApp.api().send("/", "GET", null, null, Map.of("Accept-Language", "en-US,en;q=0.9"));
    assertEquals(200, home.status());
    assertTrue(home.header("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(home.body().contains("<html lang=\"zh-CN\">"));
    assertTrue(home.body().contains("工会活动，一部手机就够"));
    assertTrue(home.body().contains("href=\"/register\""), "the obvious next step");
    Api.Response nothing = TestApp.api().get("/?q=no-such-event-" + System.nanoTime());
    assertTrue(nothing.body().contains("没有找到符合条件的活动"), "a friendly empty state");
    assertTrue(nothing.body().contains("清除条件"), "with the way out");
  }

  @Test
  void pagesCarrySecurityHeadersAndNoInlineScript() {
    Api.Response home = TestApp.api().get("/");
    String csp = home.header("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self'"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertFalse(csp.contains("unsafe-inline"), csp);
    assertEquals("nosniff", home.header("X-Content-Type-Options").orElseThrow());
    assertEquals("same-origin", home.header("Referrer-Policy").orElseThrow());
    assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(home.body()).find(), "no inline <script>");
    assertFalse(Pattern.compile("\\son[a-z]+=").matcher(home.body()).find(), "no inline event handlers");
  }

  @Test
  void theLanguageSwitchIsRememberedAndCannotRedirectElsewhere() {
    Api browser = TestApp.browser();
    Api.Response switched = browser.get("/lang/en?next=%2Flogin");
    assertEquals(302, switched.status());
    assertEquals("/login", switched.header("Location").orElseThrow());
    assertEquals("en", browser.cookie("qq_lang").orElseThrow());

    Api.Response login = browser.get("/login");
    assertTrue(login.body().contains("<html lang=\"en\">"));
    assertTrue(login.body().contains("Sign in"));
    assertTrue(login.body().contains("href=\"/lang/zh?next="), "and a way back to Chinese");

    assertEquals("/", browser.get("/lang/zh?next=%2F%2Fevil.example").header("Location").orElseThrow());
    // Browsers drop tabs and newlines inside a URL, so "/<TAB>/evil.example" would become "//evil.example";
    // control characters are refused in every input (contract §10), so there is no redirect at all.
    for (String sneaky : new String[] {"%2F%09%2Fevil.example", "%2F%0A%2Fevil.example"}) {
      Api.Response refused = browser.get("/lang/zh?next=" + sneaky);
      assertEquals(400, refused.status(), sneaky);
      assertTrue(refused.header("Location").isEmpty(), sneaky);
    }
    assertEquals("/events/7?page=2", browser.get("/lang/zh?next=%2Fevents%2F7%3Fpage%3D2").header("Location").orElseThrow());
    assertTrue(browser.get("/").body().contains("<html lang=\"zh-CN\">"));
  }

  @Test
  void unknownPagesGetA404PageInTheChosenLanguage() {
    Api browser = TestApp.browser();
    Api.Response zh = browser.get("/no/such/page");
    assertEquals(404, zh.status());
    assertTrue(zh.header("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(zh.body().contains("页面不存在"));
    browser.setCookie("qq_lang", "en");
    assertTrue(browser.get("/no/such/page").body().contains("Page not found"));
  }

  @Test
  void staticAssetsAreServedWithCacheHeaders() {
    Api.Response home = TestApp.api().get("/");
    Matcher css = Pattern.compile("href=\"(/static/css/app\\.css\\?v&#x3D;[0-9a-f]+)\"").matcher(home.body());
    assertTrue(css.find(), "the stylesheet link carries a content hash");
    Api.Response asset = TestApp.api().get(css.group(1).replace("&#x3D;", "="));
    assertEquals(200, asset.status());
    assertTrue(asset.header("Content-Type").orElse("").startsWith("text/css"));
    assertTrue(asset.header("Cache-Control").orElse("").contains("max-age=604800"));
  }

  @Test
  void formPostsWithoutTheCsrfTokenAreRefused() {
    Api browser = TestApp.browser();
    Api.Member member = TestApp.api().registerAndLogin();
    browser.get("/login");
    Api.Response noToken = browser.form("/login", Map.of("login", member.login(), "password", member.password()));
    assertEquals(403, noToken.status());
    assertTrue(noToken.body().contains("请刷新页面后重试"));
    Api.Response wrongToken = browser.form("/login",
        Map.of("login", member.login(), "password", member.password(), "_csrf", "x".repeat(43)));
    assertEquals(403, wrongToken.status());
    assertTrue(browser.cookie("qq_session").isEmpty(), "no session was started");
  }

  @Test
  void signingInWithTheFormStartsASessionAndCookieApiCallsNeedTheToken() {
    Api.Member member = TestApp.api().registerAndLogin();
    Api browser = TestApp.browser();
    String csrf = Pages.csrfOf(browser.get("/login?next=%2F").body());

    Api.Response signedIn = browser.form("/login",
        Map.of("login", member.login(), "password", member.password(), "_csrf", csrf, "next", "/"));
    assertEquals(303, signedIn.status(), signedIn.body());
    assertEquals("/", signedIn.header("Location").orElseThrow());
    assertTrue(browser.cookie("qq_session").isPresent());
    assertTrue(browser.get("/").body().contains("测试会员"), "the header names the signed-in member");

    Api.Response withoutToken = browser.patch("/api/me", new JsonObject().put("nickname", "偷改"), null);
    assertEquals(403, withoutToken.status());
    assertEquals("CSRF_TOKEN_INVALID", withoutToken.errorCode());
    assertEquals(null, browser.get("/api/me").json().getString("nickname"), "the refused request changed nothing");

    Api.Response withOldToken = browser.send("/api/me", "PATCH", new JsonObject().put("nickname", "偷改"), null,
        Map.of("X-CSRF-Token", csrf));
    assertEquals(403, withOldToken.status(), "the token from before signing in belongs to no session now");
    csrf = Pages.csrfOf(browser.get("/me/profile").body());
    Api.Response withToken = browser.send("/api/me", "PATCH", new JsonObject().put("nickname", "自己改"), null,
        Map.of("X-CSRF-Token", csrf));
    assertEquals(200, withToken.status(), withToken.body());
    assertEquals("自己改", withToken.json().getString("nickname"));

    String session = browser.cookie("qq_session").orElseThrow();
    assertEquals(200, TestApp.api().get("/api/me", session).status());
    Api.Response loggedOut = browser.form("/logout", Map.of("_csrf", csrf));
    assertEquals(303, loggedOut.status());
    assertTrue(browser.cookie("qq_session").isEmpty(), "the cookie is cleared");
    assertEquals(401, TestApp.api().get("/api/me", session).status(), "and the token itself is revoked");
  }

  @Test
  void aWrongPasswordOnTheFormShowsAnErrorAndKeepsTheLogin() {
    Api.Member member = TestApp.api().registerAndLogin();
    Api browser = TestApp.browser();
    String csrf = Pages.csrfOf(browser.get("/login").body());
    Api.Response failed = browser.form("/login", Map.of("login", member.login(), "password", "wrong-one", "_csrf", csrf));
    assertEquals(401, failed.status());
    assertTrue(failed.body().contains("账号或密码不正确"));
    assertTrue(failed.body().contains("value=\"" + member.login() + "\""));
  }

  @Test
  void theRegisterFormShowsEachErrorNextToItsFieldAndKeepsWhatWasTyped() {
    Api browser = TestApp.browser();
    String csrf = Pages.csrfOf(browser.get("/register").body());
    Api.Response failed = browser.form("/register", Map.of(
        "login", "not-a-login", "password", "short", "displayName", "李四", "_csrf", csrf));
    assertEquals(400, failed.status());
    assertTrue(failed.body().contains("id=\"login-error\""));
    assertTrue(failed.body().contains("id=\"password-error\""));
    assertTrue(failed.body().contains("密码至少需要 8 个字符。"));
    assertTrue(failed.body().contains("value=\"李四\""), "what was typed stays");
    assertFalse(failed.body().contains("value=\"short\""), "but never the password");
  }

  @Test
  void memberSuppliedTextIsEscapedInPages() {
    Api browser = TestApp.browser();
    String csrf = Pages.csrfOf(browser.get("/register").body());
    Api.Response registered = browser.form("/register", Map.of("login", Api.newPhone(), "password", "paper-lantern-1",
        "displayName", "<script>alert(1)</script>", "_csrf", csrf));
    assertEquals(303, registered.status(), registered.body());
    String home = browser.get(registered.header("Location").orElseThrow()).body();
    assertTrue(home.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertFalse(home.contains("<script>alert(1)</script>"));
  }
}
