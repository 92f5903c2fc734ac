package org.queqiao.rosters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** Verified members (contract §17): at registration, at a profile change, at an import; disputes; the audience rule. */
class VerificationTest {
  private final Api api = TestApp.api();

  @Test
  void aMemberIsVerifiedAtRegistrationAtAProfileChangeAndWhenAnImportFindsThem() {
    RosterFixture f = new RosterFixture(api);
    String atRegistration = RosterFixture.mobile();
    String byNumber = RosterFixture.memberNo();
    String laterMobile = RosterFixture.mobile();
    f.importRoster(RosterFixture.utf8(List.of(
        List.of("马晓燕", atRegistration, RosterFixture.memberNo(), f.subUnionName),
        List.of("杨帆", RosterFixture.mobile(), byNumber, ""))), RosterFixture.CSV);

    Api.Member registered = f.register(atRegistration, "马晓燕", null);
    assertEquals(List.of(f.subUnionId), f.verifiedUnionIds(registered), "matched by mobile at registration");

    Api.Member changer = f.register(RosterFixture.mobile(), "杨帆", null);
    assertEquals(List.of(), f.verifiedUnionIds(changer));
    Api.Response wrongName = api.patch("/api/me", new JsonObject().put("memberNo", byNumber).put("displayName", "杨 帆"),
        changer.token());
    assertEquals(List.of(), wrongName.json().getJsonArray("verifiedUnionIds").getList(),
        "a member number verifies only with the name on the roster");
    Api.Response changed = api.patch("/api/me", new JsonObject().put("displayName", "杨帆"), changer.token());
    assertEquals(200, changed.status(), changed.body());
    assertEquals(List.of(f.unionId), f.verifiedUnionIds(changer), "member number + name, after the profile change");

    Api.Member early = f.register(laterMobile, "何静", null);
    assertEquals(List.of(), f.verifiedUnionIds(early));
    f.importRoster(RosterFixture.utf8(List.of(
        List.of("马晓燕", atRegistration, RosterFixture.memberNo(), f.subUnionName),
        List.of("杨帆", RosterFixture.mobile(), byNumber, ""),
        List.of("何静", laterMobile, RosterFixture.memberNo(), f.subUnionName))), RosterFixture.CSV);
    assertEquals(List.of(f.subUnionId), f.verifiedUnionIds(early), "the import found them");

    f.importRoster(RosterFixture.utf8(List.of(
        List.of("杨帆", RosterFixture.mobile(), byNumber, ""))), RosterFixture.CSV);
    assertEquals(List.of(), f.verifiedUnionIds(early), "dropped by a newer roster: no longer verified");
    assertEquals(List.of(), f.verifiedUnionIds(registered));
    assertEquals(200, api.get("/api/me", early.token()).status(), "the account stays");
  }

  @Test
  void aMemberSeesOnlyTheirOwnRowAndMayDisputeAWrongMatchWhichOrganisersSee() {
    RosterFixture f = new RosterFixture(api);
    String mobile = RosterFixture.mobile();
    f.importRoster(RosterFixture.utf8(List.of(
        List.of("郭靖", mobile, RosterFixture.memberNo(), f.subUnionName),
        List.of("黄蓉", RosterFixture.mobile(), RosterFixture.memberNo(), f.subUnionName))), RosterFixture.CSV);
    Api.Member member = f.register(mobile, "杨过", null);

    JsonObject mine = api.get("/api/me/roster", member.token()).json();
    assertEquals(1, mine.getJsonArray("rows").size(), "only the matching row, never the rest of the roster");
    JsonObject row = mine.getJsonArray("rows").getJsonObject(0);
    assertEquals("郭靖", row.getString("name"));
    assertFalse(mine.encode().contains("黄蓉"));
    assertEquals(403, api.get("/api/unions/" + f.unionId + "/roster", member.token()).status());

    Api.Member stranger = api.registerAndLogin();
    assertEquals(404, api.post("/api/me/roster/" + row.getLong("id") + "/dispute", new JsonObject(), stranger.token())
        .status(), "nobody disputes a row that is not theirs");

    Api.Response disputed = api.post("/api/me/roster/" + row.getLong("id") + "/dispute",
        new JsonObject().put("reason", "这个手机号是我新办的，我不是郭靖"), member.token());
    assertEquals(201, disputed.status(), disputed.body());
    assertEquals(200, api.post("/api/me/roster/" + row.getLong("id") + "/dispute", new JsonObject(), member.token())
        .status(), "again: nothing new");
    assertEquals(List.of(), f.verifiedUnionIds(member), "a disputed row verifies nobody");
    assertTrue(api.get("/api/me/roster", member.token()).json().getJsonArray("rows").getJsonObject(0)
        .getBoolean("disputed"));

    JsonObject disputes = api.get("/api/unions/" + f.unionId + "/roster-disputes", f.organizer.token()).json();
    assertEquals(1, disputes.getJsonArray("items").size());
    assertEquals("杨过", disputes.getJsonArray("items").getJsonObject(0).getString("member"));
    assertTrue(disputes.getJsonArray("items").getJsonObject(0).getString("reason").contains("新办"));

    JsonObject export = api.get("/api/me/export", member.token()).json();
    assertEquals(1, export.getJsonArray("rosterRows").size(), export.encode());
    assertEquals(1, export.getJsonArray("rosterDisputes").size());
  }

  @Test
  void anEventForVerifiedMembersAdmitsVerifiedMembersOfItsUnionAndBelowAndTellsOthersWhatToDo() {
    RosterFixture f = new RosterFixture(api);
    String subMobile = RosterFixture.mobile();
    String topMobile = RosterFixture.mobile();
    f.importRoster(RosterFixture.utf8(List.of(
        List.of("林小雨", subMobile, RosterFixture.memberNo(), f.subUnionName),
        List.of("林大山", topMobile, RosterFixture.memberNo(), ""))), RosterFixture.CSV);
    RosterFixture other = new RosterFixture(api);
    String elsewhere = RosterFixture.mobile();
    other.importRoster(RosterFixture.utf8(List.of(List.of("周游", elsewhere, RosterFixture.memberNo(), ""))),
        RosterFixture.CSV);

    JsonObject forTop = Events.salon("仅限核实会员的读书会", 10).put("audienceUnionId", f.unionId).put("verifiedOnly", true);
    JsonObject created = Events.create(api, f.organizer.token(), forTop);
    assertTrue(created.getBoolean("verifiedOnly"));
    long eventId = created.getLong("id");
    Events.publish(api, f.organizer.token(), eventId);
    assertTrue(Events.get(api, null, eventId).getBoolean("verifiedOnly"));

    Api.Member sub = f.register(subMobile, "林小雨", null);
    Api.Member top = f.register(topMobile, "林大山", null);
    Api.Member claims = api.registerAndLogin(new JsonObject().put("unionId", f.unionId));
    Api.Member otherUnion = f.register(elsewhere, "周游", null);

    assertEquals(201, api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), sub.token()).status(),
        "verified in a union below the event's");
    assertEquals(201, api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), top.token()).status());
    Api.Response refused = api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), claims.token());
    assertEquals(403, refused.status());
    assertEquals("NOT_VERIFIED", refused.errorCode(), "naming the union on the profile is not enough");
    assertTrue(refused.json().getJsonObject("error").getString("message").contains("请联系所在工会核实会员身份"),
        refused.body());
    assertEquals("NOT_VERIFIED", api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), otherUnion.token())
        .errorCode(), "verified, but in another union");

    JsonObject open = Events.salon("不限工会的核实会员活动", 10).put("verifiedOnly", true);
    long openId = Events.published(api, f.organizer.token(), open);
    assertEquals(201, api.post("/api/events/" + openId + "/rsvp", new JsonObject(), otherUnion.token()).status(),
        "without an audience union, verified members of any union");
    assertEquals("NOT_VERIFIED", api.post("/api/events/" + openId + "/rsvp", new JsonObject(), claims.token()).errorCode());

    Api.Response patched = api.patch("/api/events/" + openId, new JsonObject().put("verifiedOnly", false),
        f.organizer.token());
    assertEquals(200, patched.status(), patched.body());
    assertFalse(patched.json().getBoolean("verifiedOnly"));
    assertEquals(201, api.post("/api/events/" + openId + "/rsvp", new JsonObject(), claims.token()).status());
    assertEquals(400, api.patch("/api/events/" + openId, new JsonObject().put("verifiedOnly", "yes"),
        f.organizer.token()).status());
  }
}
