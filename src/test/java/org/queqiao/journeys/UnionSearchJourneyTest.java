package org.queqiao.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** Choosing a union by typing its name: suggestions while typing, and a choice offered after sending. */
class UnionSearchJourneyTest extends BrowserJourney {
  @Test
  void typingPartOfAUnionNameSuggestsMatchesAndAnAmbiguousNameIsPickedAfterSending() {
    String t = Events.token();
    Api api = TestApp.api();
    String admin = api.adminToken();
    long wanted = api.post("/api/admin/unions", new JsonObject().put("name", "江北港务工会 " + t), admin).json().getLong("id");
    api.post("/api/admin/unions", new JsonObject().put("name", "江北港务局机关工会 " + t), admin);

    Page page = browser.newContext(Screens.phone()).newPage();
    page.navigate("/register");
    page.getByLabel("所属工会").pressSequentially("港务工会 " + t);
    assertThat(page.locator("#unionName-list option")).hasCount(1);
    assertEquals("江北港务工会 " + t, page.locator("#unionName-list option").first().getAttribute("value"));

    page.getByLabel("所属工会").fill("");
    page.getByLabel("所属工会").pressSequentially(t);
    assertThat(page.locator("#unionName-list option")).hasCount(2);

    String login = Api.newPhone();
    page.getByLabel("手机号或电子邮箱").fill(login);
    page.getByLabel("密码").fill("Magpie-bridge-7419");
    page.getByLabel("姓名").fill("港务会员");
    Response refused = page.waitForResponse(r -> r.request().method().equals("POST"),
        () -> button(page, "注册并登录").click());
    assertEquals(400, refused.status(), "two unions contain the typed text: pick one");
    page.getByLabel("江北港务工会 " + t).check();
    page.getByLabel("密码").fill("Magpie-bridge-7419");
    Response registered = page.waitForResponse(r -> r.request().method().equals("POST"),
        () -> button(page, "注册并登录").click());
    assertEquals(303, registered.status());
    assertEquals(wanted, api.get("/api/me", api.login(login, "Magpie-bridge-7419")).json().getLong("unionId"));
  }
}
