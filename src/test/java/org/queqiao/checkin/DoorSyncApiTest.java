package org.queqiao.checkin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/** Contract §18: door kits, who may have one, revocation, and the sync of two offline phones. */
class DoorSyncApiTest {
  private static Api api;
  private static Api.Member organizer;

  @BeforeAll
  static void signIn() {
    api = TestApp.api();
    organizer = Events.organizer(api, api.adminToken());
  }

  private static long salon() {
    return Events.published(api, organizer.token(), Events.salon("离线门口 " + Events.token(), 20));
  }

  private static long confirmed(long eventId) {
    Members.Member member = Members.insert(1, "门口" + Events.token().substring(1, 8) + "-").get(0);
    Api.Response rsvp = api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token());
    assertEquals(201, rsvp.status(), rsvp.body());
    return rsvp.json().getLong("rsvpId");
  }

  private static JsonObject kit(long eventId, String token) {
    Api.Response kit = api.get("/api/events/" + eventId + "/door-kit", token);
    assertEquals(200, kit.status(), kit.body());
    return kit.json();
  }

  private static TicketCodes serverCodes() {
    return new TicketCodes(TestApp.JWT_SECRET.getBytes(UTF_8));
  }

  private static String iso(Instant at) {
    return Events.iso(OffsetDateTime.ofInstant(at, Events.CHINA));
  }

  private static JsonObject scan(String field, Object value, Instant at) {
    return new JsonObject().put(field, value).put("scannedAt", iso(at));
  }

  private static Api.Response sync(long eventId, String token, JsonObject kit, JsonObject... scans) {
    return api.post("/api/events/" + eventId + "/checkins/sync", new JsonObject()
        .put("deviceId", kit.getString("deviceId")).put("checkins", new JsonArray(java.util.List.of((Object[]) scans))), token);
  }

  private static JsonObject only(Api.Response synced) {
    assertEquals(200, synced.status(), synced.body());
    JsonArray results = synced.json().getJsonArray("results");
    assertEquals(1, results.size(), synced.body());
    return results.getJsonObject(0);
  }

  private static long count(String sql, long eventId) {
    try (Connection db = TestApp.jdbc(); PreparedStatement st = db.prepareStatement(sql)) {
      st.setLong(1, eventId);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theKitHoldsTheEventKeyThatDerivesEveryTicketSecretAndTheAttendeeList() {
    long id = salon();
    long rsvp = confirmed(id);
    JsonObject kit = kit(id, organizer.token());

    byte[] eventKey = Base64.getUrlDecoder().decode(kit.getJsonObject("keys").getString("eventKey"));
    assertArrayEquals(serverCodes().ticketSecret(id, rsvp), TicketCodes.ticketSecret(eventKey, rsvp));
    assertNotEquals(kit.getJsonObject("keys").getString("eventKey"),
        kit(salon(), organizer.token()).getJsonObject("keys").getString("eventKey"), "each event its own key");
    assertEquals(rsvp, kit.getJsonArray("attendees").getJsonObject(0).getLong("rsvpId"));
    assertEquals("TOTP-SHA256", kit.getJsonObject("keys").getString("algorithm"));
    assertEquals(kit.getString("expiresAt"), kit.getString("expiresAt").strip());
  }

  @Test
  void onlyDoorStaffAndManagersGetAKitAndARevokedKitCannotSync() {
    long id = salon();
    long rsvp = confirmed(id);
    Api.Member member = api.registerAndLogin();
    Api.Response refused = api.get("/api/events/" + id + "/door-kit", member.token());
    assertEquals(403, refused.status(), refused.body());

    assertEquals(200, api.put("/api/events/" + id + "/staff/" + member.id(), new JsonObject().put("role", "DOOR"),
        organizer.token()).status());
    JsonObject kit = kit(id, member.token());
    Api.Response notTheirs = api.get("/api/events/" + id + "/door-kits", member.token());
    assertEquals(403, notTheirs.status(), "door staff cannot list or revoke kits: " + notTheirs.body());

    assertEquals(204, api.send("/api/events/" + id + "/door-kits/" + kit.getString("deviceId"), "DELETE", null,
        organizer.token(), Map.of()).status());
    Api.Response revoked = sync(id, member.token(), kit, scan("rsvpId", rsvp, Instant.now()));
    assertEquals(403, revoked.status(), revoked.body());
    assertEquals("DOOR_KIT_REVOKED", revoked.json().getJsonObject("error").getString("code"));
    assertEquals(0, count("SELECT count(*) FROM checkins WHERE event_id = ?", id), "a revoked phone admits no one");

    Api.Response foreign = sync(id, organizer.token(), kit(id, member.token()), scan("rsvpId", rsvp, Instant.now()));
    assertEquals(403, foreign.status(), "another person's device id: " + foreign.body());

    assertEquals(204, api.send("/api/events/" + id + "/staff/" + member.id(), "DELETE", null, organizer.token(),
        Map.of()).status());
    assertEquals(403, api.get("/api/events/" + id + "/door-kit", member.token()).status(), "removed from the door");
  }

  @Test
  void twoOfflinePhonesAdmittingOneTicketSyncToOneCheckInAndADuplicateWithBothTimes() {
    long id = salon();
    long rsvp = confirmed(id);
    JsonObject phoneA = kit(id, organizer.token());
    JsonObject phoneB = kit(id, organizer.token());
    Instant atA = Instant.now().minusSeconds(20).with(java.time.temporal.ChronoField.MILLI_OF_SECOND, 0);
    Instant atB = atA.plusSeconds(7);
    TicketCodes codes = serverCodes();
    JsonObject byA = scan("qr", codes.offlineToken(id, rsvp, TicketCodes.step(atA)), atA).put("gate", "北门");
    JsonObject byB = scan("code", codes.ticketDigits(id, rsvp, TicketCodes.step(atB)), atB).put("gate", "南门");

    JsonObject first = only(sync(id, organizer.token(), phoneA, byA));
    assertEquals("ADMITTED", first.getString("status"), first.encode());
    JsonObject second = only(sync(id, organizer.token(), phoneB, byB));
    assertEquals("DUPLICATE", second.getString("status"), second.encode());
    assertEquals(rsvp, second.getLong("rsvpId"));
    assertEquals(iso(atA), second.getString("firstAt"), "the duplicate shows the first admission's time");
    assertEquals(iso(atB), second.getString("scannedAt"), "and its own");

    assertEquals("ADMITTED", only(sync(id, organizer.token(), phoneA, byA)).getString("status"), "replay of A");
    assertEquals("DUPLICATE", only(sync(id, organizer.token(), phoneB, byB)).getString("status"), "replay of B");
    assertEquals(1, count("SELECT count(*) FROM checkins WHERE event_id = ?", id), "one check-in");
    assertEquals(1, count("SELECT count(*) FROM checkin_duplicates WHERE event_id = ?", id), "one duplicate kept");

    JsonObject forged = only(sync(id, organizer.token(), phoneA,
        scan("qr", codes.offlineToken(id, rsvp, TicketCodes.step(atA) - 4), atA)));
    assertEquals("INVALID", forged.getString("status"), "a screenshot two minutes old is refused offline too");
    Api.Response bad = api.post("/api/events/" + id + "/checkins/sync", new JsonObject()
        .put("deviceId", phoneA.getString("deviceId")).put("checkins", new JsonArray().add(new JsonObject()
            .put("rsvpId", rsvp).put("scannedAt", "yesterday"))), organizer.token());
    assertEquals(400, bad.status(), bad.body());
    assertEquals(400, api.post("/api/events/" + id + "/checkins/sync", new JsonObject().put("deviceId", "x")
        .put("checkins", new JsonArray()), organizer.token()).status());
  }

  @Test
  void gatesCountWhoIsInsideNowAndExitsAndReentryMoveThem() {
    long id = salon();
    long anna = confirmed(id);
    long bo = confirmed(id);
    JsonObject phone = kit(id, organizer.token());
    Instant t = Instant.now().minusSeconds(60).with(java.time.temporal.ChronoField.MILLI_OF_SECOND, 0);

    only(sync(id, organizer.token(), phone, scan("rsvpId", anna, t).put("gate", "北门")));
    only(sync(id, organizer.token(), phone, scan("rsvpId", bo, t.plusSeconds(1)).put("gate", "南门")));
    JsonObject attendance = api.get("/api/events/" + id + "/attendance", organizer.token()).json();
    assertEquals(2, attendance.getInteger("insideNow"), attendance.encode());
    assertEquals(gate("北门", 1, 1), gateOf(attendance, "北门"));

    JsonObject out = only(sync(id, organizer.token(), phone, scan("rsvpId", anna, t.plusSeconds(10))
        .put("gate", "北门").put("direction", "OUT")));
    assertEquals("ADMITTED", out.getString("status"), out.encode());
    attendance = api.get("/api/events/" + id + "/attendance", organizer.token()).json();
    assertEquals(1, attendance.getInteger("insideNow"), attendance.encode());
    assertEquals(gate("北门", 1, 0), gateOf(attendance, "北门"));

    JsonObject back = only(sync(id, organizer.token(), phone, scan("rsvpId", anna, t.plusSeconds(20)).put("gate", "南门")));
    assertEquals("DUPLICATE", back.getString("status"), "no re-entry unless the event allows it: " + back.encode());
    assertEquals(200, api.put("/api/events/" + id + "/door", new JsonObject().put("reentry", true), organizer.token()).status());
    JsonObject again = only(sync(id, organizer.token(), phone, scan("rsvpId", anna, t.plusSeconds(30)).put("gate", "南门")));
    assertEquals("ADMITTED", again.getString("status"), again.encode());
    attendance = api.get("/api/events/" + id + "/attendance", organizer.token()).json();
    assertEquals(2, attendance.getInteger("insideNow"));
    assertEquals(gate("南门", 1, 2), gateOf(attendance, "南门"), "re-entered through the south gate");
    assertEquals(2, attendance.getInteger("checkedIn"), "still two check-ins");
  }

  private static JsonObject gate(String name, int checkedIn, int insideNow) {
    return new JsonObject().put("gate", name).put("insideNow", insideNow).put("checkedIn", checkedIn);
  }

  private static JsonObject gateOf(JsonObject attendance, String name) {
    return attendance.getJsonArray("gates").stream().map(JsonObject.class::cast)
        .filter(g -> name.equals(g.getString("gate"))).findFirst().orElse(null);
  }
}
