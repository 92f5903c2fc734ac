package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.queqiao.mixer.MixerFixture.API;
import static org.queqiao.mixer.MixerFixture.assertError;
import static org.queqiao.mixer.MixerFixture.count;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Mixers;
import org.queqiao.support.Rsvps;

/**
 * A walk-in never enrols a member in a mixer without their own single declaration (contract §9):
 * what the door says does not count; the member confirms on their phone, then the walk-in goes
 * through. A sign-up they made themselves already carries their declaration.
 */
class MixerWalkInDeclarationTest {
  private static Api.Member single(String gender) {
    return API.registerAndLogin(new JsonObject().put("displayName", "门口来宾").put("nickname", "来宾" + Mixers.tag())
        .put("gender", gender).put("birthYear", OffsetDateTime.now(Events.CHINA).getYear() - 30));
  }

  private static Api.Response walkIn(long eventId, Api.Member member) {
    return API.post("/api/events/" + eventId + "/walk-ins",
        new JsonObject().put("login", member.login()).put("declaresSingle", true), MixerFixture.organizer().token());
  }

  private static Api.Response declare(long eventId, Object declaresSingle, String token) {
    return API.post("/api/events/" + eventId + "/mixer/declaration",
        declaresSingle == null ? new JsonObject() : new JsonObject().put("declaresSingle", declaresSingle), token);
  }

  private static long mixer() {
    return Mixers.mixer(API, MixerFixture.organizer().token(), 10);
  }

  private static long confirmed(long eventId) {
    return count("SELECT count(*) FROM rsvps WHERE event_id = ? AND status = 'CONFIRMED'", eventId);
  }

  @Test
  void aWalkInToAMixerWaitsForTheMembersOwnDeclaration() {
    long id = mixer();
    Api.Member member = single("FEMALE");

    assertError(walkIn(id, member), 409, "DECLARATION_REQUIRED");
    assertEquals(Optional.empty(), Rsvps.find(API, member.token(), id), "the refused walk-in signed nobody up");
    assertEquals(0, confirmed(id));
    assertEquals(0, count("SELECT count(*) FROM checkins WHERE event_id = ?", id));

    Api.Response declared = declare(id, true, member.token());
    assertEquals(204, declared.status(), declared.body());
    Api.Response admitted = walkIn(id, member);
    assertEquals(201, admitted.status(), admitted.body());
    assertTrue(admitted.json().getInteger("badge") > 0, "a mixer walk-in gets a badge: " + admitted.body());
    assertEquals("CONFIRMED", Rsvps.mine(API, member.token(), id).getString("status"));
    Api.Response people = API.get("/api/events/" + id + "/mixer/people", member.token());
    assertEquals(200, people.status(), "checked in, the member takes part in the mixer: " + people);
  }

  @Test
  void aWalkInThatDoesNotEvenClaimADeclarationSeatsNobody() {
    long id = mixer();
    Api.Member member = single("MALE");
    Api.Response bare = API.post("/api/events/" + id + "/walk-ins", new JsonObject().put("login", member.login()),
        MixerFixture.organizer().token());
    assertTrue(bare.status() == 409 || bare.status() == 403, bare.toString());
    assertEquals(0, confirmed(id));
  }

  @Test
  void theDeclarationIsTheMembersOwnAndOnlyForAMixer() {
    long id = mixer();
    long other = mixer();
    Api.Member member = single("MALE");

    assertError(declare(id, false, member.token()), 400, "VALIDATION_FAILED");
    assertError(declare(id, null, member.token()), 400, "VALIDATION_FAILED");
    assertError(declare(id, "yes please", member.token()), 400, "VALIDATION_FAILED");
    assertEquals(401, declare(id, true, null).status());
    long salon = Events.published(API, MixerFixture.organizer().token(), Events.salon("读书会 " + Events.token(), 10));
    assertError(declare(salon, true, member.token()), 404, "NOT_FOUND");
    assertError(walkIn(id, member), 409, "DECLARATION_REQUIRED");

    // A declaration for one mixer says nothing about another.
    assertEquals(204, declare(other, true, member.token()).status());
    assertError(walkIn(id, member), 409, "DECLARATION_REQUIRED");
    assertEquals(0, confirmed(id));
    assertEquals(201, walkIn(other, member).status());
  }

  @Test
  void aMemberWhoSignedUpWithTheirOwnDeclarationNeedsNoNewOne() {
    long id = mixer();
    Api.Member member = single("FEMALE");
    Api.Response rsvp = API.post("/api/events/" + id + "/rsvp", new JsonObject().put("declaresSingle", true), member.token());
    assertEquals(201, rsvp.status(), rsvp.body());

    Api.Response admitted = walkIn(id, member);
    assertEquals(201, admitted.status(), admitted.body());
    assertEquals(rsvp.json().getLong("rsvpId"), admitted.json().getLong("rsvpId"), "the member's own sign-up is checked in");
    assertEquals(1, confirmed(id));
  }

  @Test
  void aDeclarationOnTheMembersPhoneCanBeGivenTwice() {
    long id = mixer();
    Api.Member member = single("MALE");
    assertEquals(204, declare(id, true, member.token()).status());
    assertEquals(204, declare(id, true, member.token()).status());
    assertEquals(201, walkIn(id, member).status());
  }
}
