package org.queqiao.covers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Browser;
import org.queqiao.support.Events;
import org.queqiao.support.Images;
import org.queqiao.support.Pages;
import org.queqiao.support.TestApp;

/** The cover on the pages: the organiser's form without JavaScript, the list, the event page, a phone. */
class CoverPagesTest {
  private static final Pattern COVER_IMG = Pattern.compile("<img class=\"cover\"[^>]*>");
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void setUp() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static String coverImg(String html) {
    Matcher m = COVER_IMG.matcher(html);
    assertTrue(m.find(), "the page shows a cover image");
    return m.group();
  }

  private static Api.Response upload(Api browser, String csrf, long eventId, String alt, String name, byte[] file) {
    return browser.multipart("/organizer/events/" + eventId + "/cover", Map.of("_csrf", csrf, "alt", alt),
        "image", name, "image/jpeg", file);
  }

  @Test
  void theOrganiserUploadsDescribesAndRemovesTheCoverThroughThePlainForm() {
    String title = "表单封面 " + Events.token();
    long eventId = Events.published(api, organizer.token(), Events.salon(title, 8));
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, organizer);

    String empty = browser.get("/organizer/events/" + eventId + "?lang=en").body();
    assertTrue(empty.contains("enctype=\"multipart/form-data\""), "a plain file form");
    assertTrue(empty.contains("No cover image yet"), "the empty state says what a cover is for");
    assertFalse(COVER_IMG.matcher(empty).find());

    Api.Response saved = upload(browser, csrf, eventId, "Readers around a table", "poster.jpg", Images.jpeg(800, 500));
    assertEquals(303, saved.status(), saved.body());
    assertEquals("/organizer/events/" + eventId + "?coverSaved=1#cover", saved.header("Location").orElseThrow());
    String page = browser.get("/organizer/events/" + eventId + "?coverSaved=1&lang=en").body();
    assertTrue(page.contains("The cover image is saved."));
    String img = coverImg(page);
    assertTrue(img.contains("alt=\"Readers around a table\""), img);
    assertTrue(img.contains("width=\"800\"") && img.contains("height=\"500\""), img);

    Api.Response noFile = upload(browser, csrf, eventId, "", "", new byte[0]);
    assertEquals(303, noFile.status(), "the alt text alone can change");
    assertTrue(coverImg(browser.get("/events/" + eventId).body()).contains("alt=\"" + title + "\""),
        "an empty description falls back to the title");

    Api.Response removed = browser.form("/organizer/events/" + eventId + "/cover/remove", Map.of("_csrf", csrf));
    assertEquals(303, removed.status());
    assertFalse(COVER_IMG.matcher(browser.get("/events/" + eventId).body()).find(), "the event page without a cover");
  }

  @Test
  void refusedFilesComeBackToThePageWithTheReasonInBothLanguages() {
    long eventId = Events.published(api, organizer.token(), Events.salon("拒收 " + Events.token(), 8));
    Api browser = TestApp.browser();
    String csrf = Pages.signIn(browser, organizer);

    Api.Response invalid = upload(browser, csrf, eventId, "", "notes.jpg", "not a picture".getBytes());
    assertEquals(303, invalid.status());
    String location = invalid.header("Location").orElseThrow();
    assertTrue(location.contains("coverError=invalid"), location);
    String base = location.substring(0, location.indexOf('#'));
    assertTrue(browser.get(base + "&lang=en").body().contains("is not a JPEG, PNG or WebP image"));
    assertTrue(browser.get(base + "&lang=zh").body().contains("不是能读取的 JPEG、PNG 或 WebP 图片"));

    byte[] tooBig = Images.concat(Images.jpeg(50, 50), new byte[6 * 1024 * 1024]);
    Api.Response large = upload(browser, csrf, eventId, "", "huge.jpg", tooBig);
    assertEquals(303, large.status(), large.body());
    assertTrue(large.header("Location").orElseThrow().contains("coverError=tooLarge"));
    assertTrue(browser.get("/organizer/events/" + eventId + "?coverError=tooLarge&lang=en").body()
        .contains("larger than 5 MB"));

    Api.Response nothing = upload(browser, csrf, eventId, "", "", new byte[0]);
    assertTrue(nothing.header("Location").orElseThrow().contains("coverError=noFile"), "no cover, no file");

    Api member = TestApp.browser();
    String memberCsrf = Pages.signIn(member, api.registerAndLogin());
    Api.Response stranger = upload(member, memberCsrf, eventId, "", "poster.jpg", Images.jpeg(60, 60));
    assertEquals(403, stranger.status(), "only managers");
  }

  @Test
  void theListAndTheEventPageShowTheCoverWithAltTextAndPhoneSizes() {
    String token = Events.token();
    long withCover = Events.published(api, organizer.token(), Events.salon("有封面 " + token, 8));
    long without = Events.published(api, organizer.token(), Events.salon("无封面 " + token, 8));
    assertEquals(200, api.sendBytes("/api/events/" + withCover + "/cover?alt=%E6%B5%B7%E6%8A%A5", "PUT",
        Images.png(2000, 1000), "image/png", organizer.token()).status());

    String list = api.get("/?q=" + token).body();
    String img = coverImg(list);
    assertEquals(1, COVER_IMG.matcher(list).results().count(), "only the event with a cover shows one");
    assertTrue(img.contains("alt=\"海报\""), img);
    assertTrue(img.contains("loading=\"lazy\""), img);
    assertTrue(img.contains("640w") && img.contains("1600w"), "srcset offers the phone size: " + img);
    assertTrue(img.contains("width=\"1600\" height=\"800\""), img);
    assertTrue(list.contains("/events/" + without), "the event without a cover is listed as before");

    String event = coverImg(api.get("/events/" + withCover).body());
    assertTrue(event.contains("alt=\"海报\"") && event.contains("sizes=") && !event.contains("loading="), event);
    assertFalse(COVER_IMG.matcher(api.get("/events/" + without).body()).find());
  }

  @Test
  void aPhoneLoadsTheSmallImageFromTheSameOriginUnderTheContentSecurityPolicy() {
    String title = "手机封面 " + Events.token();
    long eventId = Events.create(api, organizer.token(), Events.salon(title, 8)).getLong("id");
    try (Browser chromium = Browser.launch(); BrowserContext context = chromium.newContext()) {
      Browser.signIn(context, organizer);
      Page page = context.newPage();
      var problems = Browser.problemsOf(page);
      page.navigate("/organizer/events/" + eventId + "?lang=en");
      page.locator("#coverImage").setInputFiles(new FilePayload("poster.png", "image/png", Images.png(1800, 1200)));
      page.locator("#coverAlt").fill("A poster with a red corner");
      page.locator("#cover button[type=submit]").first().click();
      page.waitForURL("**coverSaved=1**");
      page.locator("#cover img.cover").waitFor();
      Browser.screenshot(page, "cover-organiser-page");

      page.navigate("/events/" + eventId);
      page.waitForFunction("() => { const i = document.querySelector('img.cover'); return i && i.complete && i.naturalWidth > 0; }");
      String current = (String) page.evaluate("() => document.querySelector('img.cover').currentSrc");
      assertTrue(current.contains("w=640"), "a phone fetches the small image: " + current);
      assertEquals("A poster with a red corner", page.locator("img.cover").getAttribute("alt"));
      assertTrue(problems.isEmpty(), "no CSP or script complaints: " + problems);
      Browser.screenshot(page, "cover-event-page-phone");
    }
  }
}
