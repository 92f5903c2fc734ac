package org.queqiao.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Browser;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** A gate's inside-now count on the live dashboard goes up on an entry scan and down on an exit scan. */
class GateBrowserTest {

  @Test
  void theDashboardsInsideNowFollowsEntryAndExitAtAGate() {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long eventId = Events.published(api, organizer.token(), Events.salon("入口计数 " + Events.token(), 10));
    String name = "入口会员" + Events.token().substring(1, 7);
    Api.Member member = api.registerAndLogin(new JsonObject().put("displayName", name));
    assertEquals(201, api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token()).status());

    try (Browser browser = Browser.launch()) {
      BrowserContext context = browser.newContext();
      Browser.signIn(context, organizer);
      Page dashboard = context.newPage();
      dashboard.navigate("/organizer/events/" + eventId + "/attendance");
      Page scanner = context.newPage();
      scanner.navigate("/organizer/events/" + eventId + "/checkin");
      scanner.waitForSelector("[data-door-ready]");
      scanner.locator("#gate").fill("北门");
      scanner.locator("#gate").dispatchEvent("change");

      scanner.locator("#code").fill(ticketCode(api, member, eventId));
      scanner.locator("#code-form button[type=submit]").click();
      scanner.locator("#result .result-ok").filter(new Locator.FilterOptions().setHasText(name)).waitFor();
      Locator north = dashboard.locator("#gates tr[data-gate='北门'] td").nth(1);
      waitForText(dashboard, "#gates tr[data-gate='北门'] td:nth-child(2)", "1");
      assertEquals("1", dashboard.locator("[data-field=insideNow]").innerText());

      scanner.locator("#exit-scan").check();
      scanner.locator("#code").fill(ticketCode(api, member, eventId));
      scanner.locator("#code-form button[type=submit]").click();
      waitForText(dashboard, "#gates tr[data-gate='北门'] td:nth-child(2)", "0");
      Browser.screenshot(dashboard, "gate-inside-now");
      assertEquals("0", north.innerText());
      assertEquals("0", dashboard.locator("[data-field=insideNow]").innerText());
      assertEquals("1", dashboard.locator("[data-field=checkedIn]").innerText(), "still checked in once");
    }
  }

  private static String ticketCode(Api api, Api.Member member, long eventId) {
    return api.get("/api/events/" + eventId + "/ticket", member.token()).json().getString("code");
  }

  private static void waitForText(Page page, String selector, String text) {
    page.waitForFunction("([s, t]) => { const el = document.querySelector(s); return el && el.textContent.trim() === t; }",
        new Object[] {selector, text}, new Page.WaitForFunctionOptions().setTimeout(10_000));
  }
}
