package org.queqiao.checkin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/**
 * Contract §18: the ticket gives its owner a TOTP secret; codes a phone makes from it alone (here
 * computed independently of the server's code, as a phone would) are accepted one step either side
 * of now, and refused two steps old.
 */
class OfflineTicketApiTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private record Holder(long eventId, long rsvpId, Members.Member member, byte[] secret) {}

  private static Holder holder(long eventId) {
    Members.Member member = Members.insert(1, "离线" + Events.token().substring(1, 8) + "-").get(0);
    Api.Response rsvp = api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token());
    assertEquals(201, rsvp.status(), rsvp.body());
    Api.Response ticket = api.get("/api/events/" + eventId + "/ticket", member.token());
    assertEquals(200, ticket.status(), ticket.body());
    JsonObject offline = ticket.json().getJsonObject("offline");
    assertNotNull(offline, ticket.body());
    assertEquals("TOTP-SHA256", offline.getString("algorithm"));
    assertEquals(30, offline.getInteger("period"));
    return new Holder(eventId, rsvp.json().getLong("rsvpId"), member, base32(offline.getString("secret")));
  }

  private static long salon() {
    return Events.published(api, organizer.token(), Events.salon("离线门票 " + Events.token(), 20));
  }

  private static long stepNow() {
    return Math.floorDiv(Instant.now().getEpochSecond(), 30);
  }

  // A phone's computation, written from RFC 6238 and docs/checkin.md, not calling the server's code.
  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String totp(byte[] secret, long step) {
    byte[] mac = hmac(secret, ByteBuffer.allocate(8).putLong(step).array());
    int offset = mac[31] & 0xf;
    int value = ByteBuffer.wrap(mac, offset, 4).getInt() & 0x7fffffff;
    return String.format("%06d", value % 1_000_000);
  }

  private static String qr(Holder h, long step) {
    String body = "T2." + h.eventId() + "." + h.rsvpId() + "." + step;
    return body + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Arrays.copyOf(hmac(h.secret(), body.getBytes(UTF_8)), 12));
  }

  private static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  private static Api.Response checkIn(long eventId, JsonObject body) {
    return api.post("/api/events/" + eventId + "/checkins", body, organizer.token());
  }

  @Test
  void theServersOwnCodesAreTheOnesThePhoneComputesFromTheSecret() {
    Holder h = holder(salon());
    Api.Response again = api.get("/api/events/" + h.eventId() + "/ticket", h.member().token());
    long step = Long.parseLong(again.json().getString("qr").split("\\.")[3]);
    assertEquals(qr(h, step), again.json().getString("qr"));
    assertEquals(totp(h.secret(), step), again.json().getString("code"));
    assertEquals(20, h.secret().length);
  }

  @Test
  void phoneMadeQrCodesAreAdmittedOneStepEitherSideAndRefusedTwoStepsOld() {
    long id = salon();
    Holder behind = holder(id);
    Holder ahead = holder(id);
    Holder stale = holder(id);

    assertEquals(201, checkIn(id, new JsonObject().put("qr", qr(behind, stepNow() - 1))).status());
    assertEquals(201, checkIn(id, new JsonObject().put("qr", qr(ahead, stepNow() + 1))).status(), "phone clock ahead");
    Api.Response old = checkIn(id, new JsonObject().put("qr", qr(stale, stepNow() - 2)));
    assertEquals(400, old.status(), "a screenshot a minute old: " + old.body());
    assertEquals("INVALID_TICKET", old.json().getJsonObject("error").getString("code"));
    Api.Response future = checkIn(id, new JsonObject().put("qr", qr(stale, stepNow() + 3)));
    assertEquals(400, future.status(), future.body());
  }

  @Test
  void phoneMadeSpokenCodesRotateAndAreAdmittedWithinOneStepOfSkew() {
    long id = salon();
    Holder h = holder(id);
    Holder other = holder(id);
    long step = stepNow();
    assertTrue(!totp(h.secret(), step).equals(totp(h.secret(), step + 1)) || !totp(h.secret(), step + 1)
        .equals(totp(h.secret(), step + 2)), "the code rotates");

    Api.Response expired = checkIn(id, new JsonObject().put("code", totp(h.secret(), step - 3)));
    assertEquals(400, expired.status(), expired.body());
    Api.Response early = checkIn(id, new JsonObject().put("code", totp(h.secret(), stepNow() + 1)));
    assertEquals(201, early.status(), early.body());
    assertEquals(h.rsvpId(), early.json().getLong("rsvpId"));
    Api.Response late = checkIn(id, new JsonObject().put("code", totp(other.secret(), stepNow() - 1)));
    assertEquals(201, late.status(), late.body());
  }

  @Test
  void onlyTheOwnerGetsTheSecret() {
    Holder h = holder(salon());
    Api.Response organizers = api.get("/api/events/" + h.eventId() + "/ticket", organizer.token());
    assertTrue(organizers.status() >= 400, "an organiser without a sign-up has no ticket: " + organizers.body());
    assertNull(organizers.json().getJsonObject("offline"));
  }
}
