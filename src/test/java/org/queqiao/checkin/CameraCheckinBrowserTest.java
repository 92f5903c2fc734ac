package org.queqiao.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Browser;
import org.queqiao.support.Events;
import org.queqiao.support.FakeCamera;
import org.queqiao.support.TestApp;

/**
 * The organiser's scanner page in headless Chromium: a ticket QR held up to the (fake) camera, and
 * a spoken code typed in, each check the member in through the page's own JavaScript.
 */
class CameraCheckinBrowserTest {
  private static final double RESULT_TIMEOUT_MS = 20_000;

  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void makeOrganizer() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  /** A published salon with one confirmed member, whose ticket is at the door. */
  private record Door(long eventId, Api.Member member, String name) {
    String scannerPath() {
      return "/organizer/events/" + eventId + "/checkin";
    }

    /** The member's current ticket: {@code qr} lives 30–60 s, so fetch it just before use. */
    JsonObject ticket() {
      Api.Response ticket = api.get("/api/events/" + eventId + "/ticket", member.token());
      assertEquals(200, ticket.status(), ticket.body());
      return ticket.json();
    }

    int checkedIn() {
      Api.Response attendance = api.get("/api/events/" + eventId + "/attendance", organizer.token());
      assertEquals(200, attendance.status(), attendance.body());
      return attendance.json().getInteger("checkedIn");
    }
  }

  private static Door doorWithOneSignUp() {
    long eventId = Events.published(api, organizer.token(), Events.salon("扫码签到" + Events.token(), 10));
    String name = "到场会员" + Events.token().substring(1, 7);
    Api.Member member = api.registerAndLogin(new JsonObject().put("displayName", name));
    Api.Response signedUp = api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token());
    assertEquals(201, signedUp.status(), signedUp.body());
    assertEquals("CONFIRMED", signedUp.json().getString("status"));
    return new Door(eventId, member, name);
  }

  @Test
  void theCameraPageChecksInAMemberWhoseTicketQrIsHeldUpToTheCamera() {
    Door door = doorWithOneSignUp();
    Path video = FakeCamera.showing(door.ticket().getString("qr"),
        Path.of("target", "fake-camera", "ticket-" + door.eventId() + ".y4m"));

    try (Browser browser = Browser.launch("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        "--use-file-for-fake-video-capture=" + video)) {
      BrowserContext context = browser.newContext();
      context.grantPermissions(List.of("camera"), new BrowserContext.GrantPermissionsOptions().setOrigin(TestApp.baseUrl()));
      Browser.signIn(context, organizer);
      Page page = context.newPage();
      List<String> problems = Browser.problemsOf(page);
      page.navigate(door.scannerPath());

      page.locator("#start-camera").click();

      Locator okForMember = page.locator("#result .result-ok").filter(new Locator.FilterOptions().setHasText(door.name()));
      Locator anyResult = okForMember.or(page.locator("#result .result-bad, #result .result-warn"));
      try {
        anyResult.first().waitFor(new Locator.WaitForOptions().setTimeout(RESULT_TIMEOUT_MS));
      } catch (TimeoutError e) {
        Browser.screenshot(page, "checkin-camera");
        fail("no check-in result within 20 s of starting the camera; queue: '"
            + page.locator("#queue-status").innerText() + "'; page problems: " + problems);
      }
      Browser.screenshot(page, "checkin-camera");
      assertTrue(okForMember.isVisible(), "the scanner shows the member as checked in, but shows: "
          + page.locator("#result").innerText() + "; page problems: " + problems);
    }
    assertEquals(1, door.checkedIn(), "the member is checked in");
  }

  @Test
  void aSpokenCodeTypedOnTheScannerPageGoesThroughTheQueueAndChecksTheMemberIn() {
    Door door = doorWithOneSignUp();

    try (Browser browser = Browser.launch()) {
      BrowserContext context = browser.newContext();
      Browser.signIn(context, organizer);
      Page page = context.newPage();
      List<String> problems = Browser.problemsOf(page);
      page.navigate(door.scannerPath());
      String scannerUrl = page.url();

      String code = door.ticket().getString("code");
      page.locator("#code").fill(code);
      Response sent = page.waitForResponse(
          r -> r.request().method().equals("POST") && r.url().endsWith("/api/events/" + door.eventId() + "/checkins"),
          () -> page.locator("#code-form button[type=submit]").click());

      JsonObject body = new JsonObject(sent.request().postData());
      assertEquals(code, body.getString("code"), "the queued scan carries the typed code");
      assertTrue(body.getString("scannedAt", "").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"),
          "the queued scan carries the time it was made: " + body);
      assertEquals(201, sent.status(), sent.text());
      Locator ok = page.locator("#result .result-ok");
      ok.waitFor(new Locator.WaitForOptions().setTimeout(5_000));
      Browser.screenshot(page, "checkin-code");
      assertTrue(ok.innerText().contains(door.name()), "the result names the member: " + ok.innerText()
          + "; page problems: " + problems);
      assertEquals(scannerUrl, page.url(), "the page stayed put: the script, not the form post, checked in");
      assertEquals("[]", page.evaluate("id => localStorage.getItem('queqiao.checkin.queue.' + id)", String.valueOf(door.eventId())),
          "the queue is empty once the scan is sent");
      assertEquals("", page.locator("#queue-status").innerText());
    }
    assertEquals(1, door.checkedIn(), "the member is checked in");
  }
}
