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

  /** A union for the organiser, so the card, poster and description name the host. */
  private static String hostUnion(Api api, Api.Member organizer) {
    String name = "凤城市纺织工会" + Events.token();
    Api.Response union = api.post("/api/admin/unions", new io.vertx.core.json.JsonObject().put("name", name),
        api.adminToken());
    assertEquals(201, union.status(), union.body());
    Api.Response joined = api.patch("/api/me",
        new io.vertx.core.json.JsonObject().put("unionId", union.json().getLong("id")), organizer.token());
    assertEquals(200, joined.status(), joined.body());
    return name;
  }

  private static HttpResponse<byte[]> fetch(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestApp.baseUrl() + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theHostUnionIsNamedOnThePageInTheDescriptionAndOnTheCard() throws Exception {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    String union = hostUnion(api, organizer);
    long id = Events.published(api, organizer.token(), Events.salon("主办方读书会" + Events.token(), 10));
    String html = new String(fetch("/events/" + id, null).body(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(tag(html, "og:description").endsWith(" · " + union), tag(html, "og:description"));
    assertTrue(html.contains("<dt>主办</dt><dd>" + union + "</dd>"), "the page names the host");

    // The card is drawn with the union's name: once the organiser leaves the union, the bottom
    // line of the same event's card changes and the rest stays as it was.
    java.awt.image.BufferedImage withHost = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
        fetch("/events/" + id + "/card.png", null).body()));
    Api.Response left = api.patch("/api/me", new io.vertx.core.json.JsonObject().putNull("unionId"), organizer.token());
    assertEquals(200, left.status(), left.body());
    java.awt.image.BufferedImage without = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
        fetch("/events/" + id + "/card.png", null).body()));
    assertTrue(differ(withHost, without, 630 - 150, 630), "the bottom line names the union, not only the app");
    assertTrue(!differ(withHost, without, 0, 630 - 150), "title, date and venue are drawn the same");
  }

  private static boolean differ(java.awt.image.BufferedImage a, java.awt.image.BufferedImage b, int fromY, int toY) {
    for (int y = fromY; y < toY; y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void aPosterForTheNoticeBoardCarriesAQrCodeThatAPhoneReadsAsTheEventsAddress() throws Exception {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    hostUnion(api, organizer);
    long id = Events.published(api, organizer.token(),
        Events.salon("公告栏海报：读《平凡的世界》，一起聊聊孙少平的选择" + Events.token(), 10).put("venue", "工人文化宫三楼"));

    HttpResponse<byte[]> poster = fetch("/events/" + id + "/poster.png", null);
    assertEquals(200, poster.statusCode(), "anyone who may see the event may print its poster");
    assertEquals("image/png", poster.headers().firstValue("Content-Type").orElse(""));
    assertEquals("public, max-age=600", poster.headers().firstValue("Cache-Control").orElse(""));
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(poster.body()));
    assertEquals(1240, image.getWidth(), "A4 at 150 dpi");
    assertEquals(1754, image.getHeight());
    java.nio.file.Files.write(java.nio.file.Path.of("target", "share-poster.png"), poster.body());

    try (org.queqiao.support.Browser browser = org.queqiao.support.Browser.launch();
         com.microsoft.playwright.BrowserContext context = browser.newContext()) {
      com.microsoft.playwright.Page page = context.newPage();
      page.navigate("/events/" + id);
      assertEquals("/events/" + id + "/poster.png",
          page.locator("a[href$='/poster.png']").getAttribute("href"), "the event page links the poster");
      // Read the poster as a phone's scanner would: jsQR (the door scanner's decoder) on its pixels.
      Object decoded = page.evaluate("async (src) => {"
          + " await new Promise((ok, no) => { const s = document.createElement('script');"
          + "  s.src = '/static/vendor/jsqr/jsQR.js'; s.onload = ok; s.onerror = no; document.head.appendChild(s); });"
          + " const bitmap = await createImageBitmap(await (await fetch(src)).blob());"
          + " const canvas = document.createElement('canvas'); canvas.width = bitmap.width; canvas.height = bitmap.height;"
          + " const g = canvas.getContext('2d'); g.drawImage(bitmap, 0, 0);"
          + " const pixels = g.getImageData(0, 0, canvas.width, canvas.height);"
          + " const code = jsQR(pixels.data, pixels.width, pixels.height);"
          + " return code ? code.data : null; }", "/events/" + id + "/poster.png");
      assertEquals("http://localhost:8080/events/" + id, decoded, "the code is the event page's address");
    }
  }

  @Test
  void aDraftsPosterIsForItsManagersOnlyAndNeverCachedByOthers() throws Exception {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long id = Events.create(api, organizer.token(), Events.salon("草稿海报" + Events.token(), 10)).getLong("id");
    assertEquals(404, fetch("/events/" + id + "/poster.png", null).statusCode(), "a stranger does not learn it exists");
    Api.Member member = api.registerAndLogin(new io.vertx.core.json.JsonObject());
    assertEquals(404, fetch("/events/" + id + "/poster.png", member.token()).statusCode());
    HttpResponse<byte[]> own = fetch("/events/" + id + "/poster.png", organizer.token());
    assertEquals(200, own.statusCode());
    assertEquals("private, no-cache", own.headers().firstValue("Cache-Control").orElse(""));
    assertEquals("private, no-cache",
        fetch("/events/" + id + "/card.png", organizer.token()).headers().firstValue("Cache-Control").orElse(""));
  }
}
