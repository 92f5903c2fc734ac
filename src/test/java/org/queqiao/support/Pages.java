package org.queqiao.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server-rendered pages as a browser without JavaScript uses them: forms carry the CSRF token. */
public final class Pages {
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private Pages() {}

  /** The CSRF token of the page's form (bound to the browser's session, masked anew on every page). */
  public static String csrfOf(String html) {
    Matcher m = CSRF_FIELD.matcher(html);
    assertTrue(m.find(), "the page carries a CSRF field");
    return m.group(1);
  }

  /**
   * A browser signed in through the login form; returns its CSRF token for the forms that follow
   * (a new one: signing in starts a new session, and the token belongs to the session).
   */
  public static String signIn(Api browser, Api.Member member) {
    String csrf = csrfOf(browser.get("/login").body());
    Api.Response response = browser.form("/login", Map.of("login", member.login(), "password", member.password(),
        "_csrf", csrf));
    assertEquals(303, response.status(), response.body());
    return csrfOf(browser.get("/me/profile").body());
  }
}
