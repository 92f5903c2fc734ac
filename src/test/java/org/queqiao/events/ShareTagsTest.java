package org.queqiao.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** An event link pasted into a chat shows a card: the page as a crawler fetches it carries Open Graph tags. */
class ShareTagsTest {
  private static String tag(String html, String property) {
    Matcher m = Pattern.compile("<meta property=\"" + property + "\" content=\"([^\"]*)\">").matcher(html);
    assertTrue(m.find(), property + " in " + html);
    return m.group(1);
  }

  @Test
  void anEventPageCarriesTitleWhenWhereImageAndUrlForCrawlers() throws Exception {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    String title = "分享读书会 & <诗>" + Events.token();
    long id = Events.published(api, organizer.token(), Events.salon(title, 10).put("venue", "工人文化宫三楼"));

    // As WeChat's crawler: no cookie, no session, its own User-Agent.
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(TestApp.baseUrl() + "/events/" + id))
        .header("User-Agent", "Mozilla/5.0 MicroMessenger/8.0").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    String html = page.body();
    assertEquals(title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), tag(html, "og:title"),
        "escaped, never raw");
    String description = tag(html, "og:description");
    assertTrue(description.contains("工人文化宫三楼"), description);
    assertTrue(description.matches(".*\\d{1,2}:\\d\\d.*"), "carries the time: " + description);
    assertEquals("http://localhost:8080/events/" + id, tag(html, "og:url"), "absolute, on PUBLIC_BASE_URL");
    assertEquals("http://localhost:8080/events/" + id + "/card.png", tag(html, "og:image"), "no cover: the share card");

    HttpResponse<byte[]> card = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(TestApp.baseUrl() + "/events/" + id + "/card.png")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, card.statusCode());
    assertEquals("image/png", card.headers().firstValue("Content-Type").orElse(""));
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(card.body()));
    assertEquals(1200, image.getWidth());
    assertEquals(630, image.getHeight());
    java.nio.file.Files.write(java.nio.file.Path.of("target", "share-card.png"), card.body());
  }

  @Test
  void theShareButtonCopiesTheLinkWhereThePhoneHasNoShareSheet() {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long id = Events.published(api, organizer.token(), Events.salon("分享按钮" + Events.token(), 10));
    try (org.queqiao.support.Browser browser = org.queqiao.support.Browser.launch();
         com.microsoft.playwright.BrowserContext context = browser.newContext()) {
      context.grantPermissions(java.util.List.of("clipboard-read", "clipboard-write"));
      com.microsoft.playwright.Page page = context.newPage();
      page.navigate("/events/" + id);
      // Headless Chromium on Linux has no share sheet; make sure, so the test covers the copy path.
      page.evaluate("() => { try { delete Navigator.prototype.share; } catch (e) {} }");
      page.getByText("分享活动").click();
      page.waitForSelector("text=链接已复制");
      assertEquals("http://localhost:8080/events/" + id, page.evaluate("() => navigator.clipboard.readText()"));
    }
  }
}
