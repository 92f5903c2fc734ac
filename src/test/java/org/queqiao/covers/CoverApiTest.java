package org.queqiao.covers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Images;
import org.queqiao.support.TestApp;

/** Cover images over the API (contract §11): what is accepted, what is made of it, who sees it, caching. */
class CoverApiTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static long publishedEvent(String title) {
    return Events.published(api, organizer.token(), Events.salon(title, 10));
  }

  private static Api.Response put(long eventId, byte[] image, String type, String token) {
    return api.sendBytes("/api/events/" + eventId + "/cover", "PUT", image, type, token);
  }

  private static Api.Binary get(long eventId, String query, Map<String, String> headers, String token) {
    return api.getBytes("/api/events/" + eventId + "/cover" + query, token, headers);
  }

  @Test
  void jpegPngAndWebpAreAcceptedAndServedAsJpeg() {
    record Upload(byte[] bytes, String type, int width, int height) {}
    for (Upload upload : new Upload[] {
        new Upload(Images.jpeg(300, 200), "image/jpeg", 300, 200),
        new Upload(Images.png(200, 300), "image/png", 200, 300),
        new Upload(Images.webp(), "image/webp", 120, 80)}) {
      long eventId = publishedEvent("封面 " + upload.type() + " " + Events.token());
      Api.Response response = put(eventId, upload.bytes(), upload.type(), organizer.token());
      assertEquals(200, response.status(), upload.type() + ": " + response.body());
      assertEquals(upload.width(), response.json().getInteger("width"), upload.type());
      assertEquals(upload.height(), response.json().getInteger("height"), upload.type());

      Api.Binary served = get(eventId, "", Map.of(), null);
      assertEquals(200, served.status(), upload.type());
      assertEquals("image/jpeg", served.header("Content-Type").orElseThrow());
      assertEquals(0xff, served.body()[0] & 0xff, "a JPEG starts with FF D8");
      assertEquals(0xd8, served.body()[1] & 0xff);
      BufferedImage image = Images.decode(served.body());
      assertEquals(upload.width(), image.getWidth(), upload.type());
      assertEquals(upload.height(), image.getHeight(), upload.type());
    }
  }

  @Test
  void theFormatComesFromTheBytesNotTheContentType() {
    long eventId = publishedEvent("伪装 " + Events.token());
    Api.Response pngSentAsJpeg = put(eventId, Images.png(100, 100), "image/jpeg", organizer.token());
    assertEquals(200, pngSentAsJpeg.status(), pngSentAsJpeg.body());

    byte[] gif = Images.encode(Images.picture(50, 50, false), "gif");
    Api.Response gifSentAsPng = put(eventId, gif, "image/png", organizer.token());
    assertEquals(400, gifSentAsPng.status(), "GIF is not among the accepted formats");
    assertEquals("INVALID_IMAGE", gifSentAsPng.errorCode());

    Api.Response octets = put(eventId, Images.jpeg(50, 50), "application/octet-stream", organizer.token());
    assertEquals(415, octets.status(), octets.body());
  }

  @Test
  void largeImagesAreCappedAndAPhoneSizeIsMade() {
    long eventId = publishedEvent("大海报 " + Events.token());
    Api.Response response = put(eventId, Images.png(2400, 1200), "image/png", organizer.token());
    assertEquals(200, response.status(), response.body());
    JsonObject cover = response.json();
    assertEquals(1600, cover.getInteger("width"));
    assertEquals(800, cover.getInteger("height"));
    assertEquals(640, cover.getInteger("smallWidth"));
    assertEquals(320, cover.getInteger("smallHeight"));

    BufferedImage large = Images.decode(get(eventId, "", Map.of(), null).body());
    assertEquals(1600, large.getWidth());
    assertEquals(800, large.getHeight());
    Api.Binary phone = get(eventId, "?w=640", Map.of(), null);
    BufferedImage small = Images.decode(phone.body());
    assertEquals(640, small.getWidth());
    assertEquals(320, small.getHeight());
    assertTrue(phone.body().length < get(eventId, "", Map.of(), null).body().length, "the phone size is smaller");
    // transparent parts of a PNG become white, not black
    Color corner = new Color(large.getRGB(1599, 799));
    assertTrue(corner.getRed() > 200 && corner.getGreen() > 200, "a light corner, not black: " + corner);
  }

  @Test
  void exifIsRemovedAfterItsOrientationIsApplied() {
    byte[] withGps = Images.withExif(Images.jpeg(400, 200), 6);
    assertTrue(Images.hasApp1(withGps), "the upload carries EXIF");
    assertTrue(new String(withGps, StandardCharsets.ISO_8859_1).contains("Exif"));
    long eventId = publishedEvent("定位照片 " + Events.token());
    Api.Response response = put(eventId, withGps, "image/jpeg", organizer.token());
    assertEquals(200, response.status(), response.body());

    for (String size : new String[] {"", "?w=640"}) {
      byte[] served = get(eventId, size, Map.of(), null).body();
      assertFalse(Images.hasApp1(served), "no EXIF in what is served");
      assertFalse(new String(served, StandardCharsets.ISO_8859_1).contains("Exif"));
      BufferedImage image = Images.decode(served);
      assertEquals(200, image.getWidth(), "orientation 6 (rotate 90° clockwise) turned into pixels");
      assertEquals(400, image.getHeight());
      Color topRight = new Color(image.getRGB(image.getWidth() - 5, 5));
      assertTrue(topRight.getRed() > 180 && topRight.getGreen() < 90, "the red corner moved to the top right: " + topRight);
    }
  }

  @Test
  void whatIsNotADecodableImageIsRefusedAndChangesNothing() {
    long eventId = publishedEvent("坏文件 " + Events.token());
    byte[] garbage = new byte[2000];
    new Random(7).nextBytes(garbage);
    byte[] jpeg = Images.jpeg(600, 400);
    byte[] png = Images.png(600, 400);
    byte[][] refused = {
        garbage,
        "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8),
        Arrays.copyOf(jpeg, jpeg.length / 2),
        Arrays.copyOf(png, png.length / 2),
        Arrays.copyOf(Images.webp(), 60),
        new byte[0]};
    for (byte[] bytes : refused) {
      Api.Response response = put(eventId, bytes, "image/png", organizer.token());
      assertEquals(400, response.status(), response.body());
      assertEquals("INVALID_IMAGE", response.errorCode());
      assertTrue(response.json().getJsonObject("error").getString("message").length() > 5);
    }
    assertNull(Events.get(api, organizer.token(), eventId).getValue("cover"), "nothing was stored");
    assertEquals(404, get(eventId, "", Map.of(), null).status());
  }

  @Test
  void aPngClaimingTenGigapixelsIsRefusedBeforeDecoding() {
    long eventId = publishedEvent("炸弹 " + Events.token());
    byte[] bomb = Images.pngClaiming(100_000, 100_000);
    assertTrue(bomb.length < 1000, "a tiny file: " + bomb.length);
    long started = System.nanoTime();
    Api.Response response = put(eventId, bomb, "image/png", organizer.token());
    assertEquals(400, response.status(), response.body());
    assertEquals("INVALID_IMAGE", response.errorCode());
    assertTrue(response.json().getJsonObject("error").getString("message").contains("40"),
        "the answer names the pixel limit: " + response.body());
    assertTrue(System.nanoTime() - started < 5_000_000_000L, "answered at once, nothing decoded");
  }

  @Test
  void anUploadOverFiveMegabytesIs413() {
    long eventId = publishedEvent("超大 " + Events.token());
    byte[] big = Images.concat(Images.jpeg(100, 100), new byte[5 * 1024 * 1024]);
    Api.Response response = put(eventId, big, "image/jpeg", organizer.token());
    assertEquals(413, response.status(), response.body());
    assertTrue(response.json().getJsonObject("error").containsKey("code"), "the contract's error shape");
  }

  @Test
  void onlyManagersChangeTheCover() {
    long eventId = publishedEvent("权限 " + Events.token());
    Api.Member member = api.registerAndLogin();
    Api.Member otherOrganizer = Events.organizer(api, api.adminToken());
    byte[] jpeg = Images.jpeg(100, 80);
    assertEquals(401, put(eventId, jpeg, "image/jpeg", null).status());
    assertEquals(403, put(eventId, jpeg, "image/jpeg", member.token()).status());
    assertEquals(403, put(eventId, jpeg, "image/jpeg", otherOrganizer.token()).status());
    assertEquals(200, put(eventId, jpeg, "image/jpeg", organizer.token()).status());
    assertEquals(403, api.send("/api/events/" + eventId + "/cover", "DELETE", null, member.token(), Map.of()).status());
    assertEquals(403, api.patch("/api/events/" + eventId + "/cover", new JsonObject().put("alt", "x"), member.token()).status());
    assertEquals(200, get(eventId, "", Map.of(), member.token()).status(), "members see a published event's cover");
  }

  @Test
  void aLargeUploadFromSomeoneWhoIsNoManagerIsRefusedForWhoTheyAreNotForItsSize() {
    long eventId = publishedEvent("大文件权限 " + Events.token());
    Api.Member member = api.registerAndLogin();
    byte[] big = Images.concat(Images.jpeg(100, 100), new byte[6 * 1024 * 1024]);
    assertEquals(401, put(eventId, big, "image/jpeg", null).status(),
        "the asker is checked before the body is taken: a 413 would mean it was read");
    assertEquals(403, put(eventId, big, "image/jpeg", member.token()).status());
  }

  @Test
  void aDraftsCoverIsSeenOnlyByItsManagersAndNeverCachedPublicly() {
    long eventId = Events.create(api, organizer.token(), Events.salon("草稿封面 " + Events.token(), 5)).getLong("id");
    assertEquals(200, put(eventId, Images.jpeg(120, 90), "image/jpeg", organizer.token()).status());
    Api.Member member = api.registerAndLogin();
    assertEquals(404, get(eventId, "", Map.of(), member.token()).status());
    assertEquals(404, get(eventId, "", Map.of(), null).status());
    Api.Binary own = get(eventId, "", Map.of(), organizer.token());
    assertEquals(200, own.status());
    assertEquals("private, no-cache", own.header("Cache-Control").orElseThrow());

    Events.publish(api, organizer.token(), eventId);
    Api.Binary published = get(eventId, "", Map.of(), member.token());
    assertEquals(200, published.status());
    assertTrue(published.header("Cache-Control").orElseThrow().startsWith("public"), published.headers().toString());
  }

  @Test
  void anUnchangedCoverIsAnswered304AndANewOneGetsANewTag() {
    long eventId = publishedEvent("缓存 " + Events.token());
    assertEquals(200, put(eventId, Images.jpeg(900, 600), "image/jpeg", organizer.token()).status());
    Api.Binary first = get(eventId, "", Map.of(), null);
    String etag = first.header("ETag").orElseThrow();
    assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
    Api.Binary again = get(eventId, "", Map.of("If-None-Match", etag), null);
    assertEquals(304, again.status());
    assertEquals(0, again.body().length);
    assertEquals(etag, again.header("ETag").orElseThrow());

    Api.Binary phone = get(eventId, "?w=640", Map.of("If-None-Match", etag), null);
    assertEquals(200, phone.status(), "the phone size has a tag of its own");
    assertNotEquals(etag, phone.header("ETag").orElseThrow());

    JsonObject event = Events.get(api, null, eventId);
    String url = event.getJsonObject("cover").getString("url");
    assertEquals(200, put(eventId, Images.png(500, 500), "image/png", organizer.token()).status());
    Api.Binary replaced = get(eventId, "", Map.of("If-None-Match", etag), null);
    assertEquals(200, replaced.status(), "a replaced cover is sent again");
    assertNotEquals(etag, replaced.header("ETag").orElseThrow());
    assertNotEquals(url, Events.get(api, null, eventId).getJsonObject("cover").getString("url"),
        "the URL pages use changes with the image");
  }

  @Test
  void altTextDefaultsToTheTitleAndCanBeSetChangedAndRemovedWithTheCover() {
    String title = "读书会 " + Events.token();
    long eventId = publishedEvent(title);
    assertEquals(200, put(eventId, Images.jpeg(100, 100), "image/jpeg", organizer.token()).status());
    assertEquals(title, Events.get(api, null, eventId).getJsonObject("cover").getString("alt"));

    Api.Response described = api.patch("/api/events/" + eventId + "/cover",
        new JsonObject().put("alt", "一群人围坐读书"), organizer.token());
    assertEquals(200, described.status(), described.body());
    assertEquals("一群人围坐读书", described.json().getString("alt"));
    assertEquals(200, put(eventId, Images.jpeg(120, 100), "image/jpeg", organizer.token()).status());
    assertEquals("一群人围坐读书", Events.get(api, null, eventId).getJsonObject("cover").getString("alt"),
        "a new image without alt keeps the description");
    Api.Response withAlt = api.sendBytes("/api/events/" + eventId + "/cover?alt=%E6%B5%B7%E6%8A%A5", "PUT",
        Images.jpeg(120, 100), "image/jpeg", organizer.token());
    assertEquals("海报", withAlt.json().getString("alt"));
    assertEquals(400, api.patch("/api/events/" + eventId + "/cover", new JsonObject().put("alt", "长".repeat(301)),
        organizer.token()).status());

    assertEquals(204, api.send("/api/events/" + eventId + "/cover", "DELETE", null, organizer.token(), Map.of()).status());
    assertNull(Events.get(api, null, eventId).getValue("cover"));
    assertEquals(404, get(eventId, "", Map.of(), null).status());
    Api.Response again = api.send("/api/events/" + eventId + "/cover", "DELETE", null, organizer.token(), Map.of());
    assertEquals(404, again.status());
    assertEquals("NO_COVER", again.errorCode());
  }

  @Test
  void theServedBytesAreTheStoredOnes() {
    long eventId = publishedEvent("一致 " + Events.token());
    assertEquals(200, put(eventId, Images.jpeg(200, 100), "image/jpeg", organizer.token()).status());
    assertArrayEquals(get(eventId, "", Map.of(), null).body(), get(eventId, "?v=anything", Map.of(), null).body());
  }
}
