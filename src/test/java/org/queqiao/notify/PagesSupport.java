package org.queqiao.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.queqiao.support.Api;

final class PagesSupport {
  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private PagesSupport() {}

  static String signIn(Api browser, Api.Member member) {
    Matcher m = CSRF_FIELD.matcher(browser.get("/login").body());
    assertTrue(m.find());
    String csrf = m.group(1);
    assertEquals(303, browser.form("/login", Map.of("login", member.login(), "password", member.password(), "_csrf", csrf))
        .status());
    return csrf;
  }
}
