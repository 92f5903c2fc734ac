package org.queqiao.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Browser;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/**
 * The door with the network cut (Playwright offline mode): a member's offline ticket is admitted by
 * two door phones that are offline too; back online they sync to one check-in, and the second
 * phone shows the duplicate with both times.
 */
class OfflineDoorBrowserTest {

  @Test
  void twoOfflineDoorPhonesAdmitAnOfflineTicketAndSyncToOneCheckIn() {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long eventId = Events.published(api, organizer.token(), Events.salon("离线双机 " + Events.token(), 10));
    String name = "双机会员" + Events.token().substring(1, 7);
    Api.Member member = api.registerAndLogin(new JsonObject().put("displayName", name));
    assertEquals(201, api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token()).status());
    String scanner = "/organizer/events/" + eventId + "/checkin";

    try (Browser browser = Browser.launch()) {
      BrowserContext phoneContext = browser.newContext();
      Browser.signIn(phoneContext, member);
      Page ticket = phoneContext.newPage();
      ticket.navigate("/events/" + eventId + "/ticket");
      ticket.waitForSelector("[data-offline-ticket][data-step]");

      Page doorA = scannerPage(browser, organizer, scanner);
      Page doorB = scannerPage(browser, organizer, scanner);
      phoneContext.setOffline(true);
      doorA.context().setOffline(true);
      doorB.context().setOffline(true);

      String code = ticket.locator(".ticket-code").innerText().replace(" ", "");
      long started = System.nanoTime();
      typeCode(doorA, code);
      Locator okA = doorA.locator("#result .result-ok").filter(new Locator.FilterOptions().setHasText(name));
      okA.waitFor(new Locator.WaitForOptions().setTimeout(5_000));
      long offlineMs = (System.nanoTime() - started) / 1_000_000;
      typeCode(doorB, code);
      doorB.locator("#result .result-ok").filter(new Locator.FilterOptions().setHasText(name))
          .waitFor(new Locator.WaitForOptions().setTimeout(5_000));
      assertTrue(doorA.locator("#queue-status").innerText().contains("1"), doorA.locator("#queue-status").innerText());
      assertEquals(0, checkedIn(api, organizer, eventId), "nothing reached the server while offline");

      doorA.context().setOffline(false);
      doorA.waitForFunction("id => JSON.parse(localStorage.getItem('queqiao.door.sync.' + id) || '[]').length === 0",
          String.valueOf(eventId), new Page.WaitForFunctionOptions().setTimeout(10_000));
      assertEquals(1, checkedIn(api, organizer, eventId), "phone A's admission synced");

      doorB.context().setOffline(false);
      Locator duplicate = doorB.locator("#result .result-warn").filter(new Locator.FilterOptions().setHasText(name));
      duplicate.waitFor(new Locator.WaitForOptions().setTimeout(10_000));
      Browser.screenshot(doorB, "door-offline-duplicate");
      assertTrue(duplicate.innerText().matches("(?s).*\\d\\d:\\d\\d.*\\d\\d:\\d\\d.*"),
          "both times are shown: " + duplicate.innerText());
      assertEquals(1, checkedIn(api, organizer, eventId), "one check-in after both phones synced");
      System.out.println("offline spoken code typed → green result: " + offlineMs + " ms");
    }
  }

  @Test
  void anOfflineDoorPhoneFindsAMemberByNameAndAdmitsThemThenSyncs() {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long eventId = Events.published(api, organizer.token(), Events.salon("离线查找 " + Events.token(), 10));
    String name = "查找会员" + Events.token().substring(1, 7);
    Api.Member member = api.registerAndLogin(new JsonObject().put("displayName", name));
    assertEquals(201, api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token()).status());

    try (Browser browser = Browser.launch()) {
      Page door = scannerPage(browser, organizer, "/organizer/events/" + eventId + "/checkin");
      String url = door.url();
      door.context().setOffline(true);
      door.locator("#q").fill(name.substring(0, 6));
      door.locator("#search-form button[type=submit]").click();
      Locator hit = door.locator("#offline-found li").filter(new Locator.FilterOptions().setHasText(name));
      hit.locator("button").click();
      door.locator("#result .result-ok").filter(new Locator.FilterOptions().setHasText(name))
          .waitFor(new Locator.WaitForOptions().setTimeout(5_000));
      assertEquals(url, door.url(), "found and admitted on the phone, no page load");
      assertEquals(0, checkedIn(api, organizer, eventId));

      door.context().setOffline(false);
      door.waitForFunction("id => JSON.parse(localStorage.getItem('queqiao.door.sync.' + id) || '[]').length === 0",
          String.valueOf(eventId), new Page.WaitForFunctionOptions().setTimeout(10_000));
    }
    assertEquals(1, checkedIn(api, organizer, eventId), "the name-search admission synced");
  }

  private static Page scannerPage(Browser browser, Api.Member organizer, String path) {
    BrowserContext context = browser.newContext();
    Browser.signIn(context, organizer);
    Page page = context.newPage();
    page.navigate(path);
    page.waitForSelector("[data-door-ready]");
    return page;
  }

  private static void typeCode(Page page, String code) {
    page.locator("#code").fill(code);
    page.locator("#code-form button[type=submit]").click();
  }

  private static int checkedIn(Api api, Api.Member organizer, long eventId) {
    Api.Response attendance = api.get("/api/events/" + eventId + "/attendance", organizer.token());
    assertEquals(200, attendance.status(), attendance.body());
    return attendance.json().getInteger("checkedIn");
  }
}
