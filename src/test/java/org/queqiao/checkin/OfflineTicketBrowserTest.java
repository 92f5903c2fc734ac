package org.queqiao.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Browser;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/**
 * The member's ticket with the network cut (Playwright offline mode): the page opens from the
 * service worker, keeps rotating its QR and spoken code, and what it shows is admitted.
 */
class OfflineTicketBrowserTest {

  @Test
  void aTicketOpenedOnceKeepsRotatingOfflineAndItsCodeIsAdmitted() {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long eventId = Events.published(api, organizer.token(), Events.salon("离线入场 " + Events.token(), 10));
    String name = "离线会员" + Events.token().substring(1, 7);
    Api.Member member = api.registerAndLogin(new JsonObject().put("displayName", name));
    assertEquals(201, api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token()).status());
    String path = "/events/" + eventId + "/ticket";

    try (Browser browser = Browser.launch()) {
      BrowserContext context = browser.newContext();
      Browser.signIn(context, member);
      Page page = context.newPage();
      page.navigate(path);
      page.waitForFunction("() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready"
          + ".then(() => false)");
      page.reload();
      page.waitForFunction("() => navigator.serviceWorker.controller !== null");
      assertEquals("/events/" + eventId + "/ticket.webmanifest",
          page.locator("link[rel=manifest]").getAttribute("href"), "installable");

      context.setOffline(true);
      page.reload();
      page.waitForSelector("[data-offline-ticket][data-step]");
      String firstStep = page.locator("[data-offline-ticket]").getAttribute("data-step");
      String firstCode = page.locator(".ticket-code").innerText();
      page.waitForFunction("s => document.querySelector('[data-offline-ticket]').getAttribute('data-step') !== s",
          firstStep, new Page.WaitForFunctionOptions().setTimeout(35_000));
      Browser.screenshot(page, "ticket-offline");
      String qr = page.locator("[data-offline-ticket]").getAttribute("data-qr");
      String code = page.locator(".ticket-code").innerText().replace(" ", "");
      assertTrue(code.matches("\\d{6}"), code);
      assertNotEquals(firstCode.replace(" ", ""), code, "the spoken code rotated offline (same digits twice is 1 in a million)");
      assertTrue(qr.startsWith("T2." + eventId + "."), qr);
      assertTrue(page.locator(".ticket-qr img").getAttribute("src").startsWith("data:image/svg+xml"));

      Api.Response byCode = api.post("/api/events/" + eventId + "/checkins", new JsonObject().put("code", code),
          organizer.token());
      assertEquals(201, byCode.status(), "the code the offline phone shows is admitted: " + byCode.body());
      Api.Response byQr = api.post("/api/events/" + eventId + "/checkins", new JsonObject().put("qr", qr),
          organizer.token());
      assertEquals(409, byQr.status(), "its QR is genuine too (already checked in): " + byQr.body());
    }
  }
}
