package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.queqiao.mixer.MixerFixture.API;
import static org.queqiao.mixer.MixerFixture.corruptCard;
import static org.queqiao.mixer.MixerFixture.disclosures;
import static org.queqiao.mixer.MixerFixture.forward;
import static org.queqiao.mixer.MixerFixture.markSharingAll;
import static org.queqiao.mixer.MixerFixture.matchWith;
import static org.queqiao.mixer.MixerFixture.mixer;
import static org.queqiao.mixer.MixerFixture.putCard;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queqiao.mixer.MixerFixture.Mixer;
import org.queqiao.support.Api;
import org.queqiao.support.Mixers;

/**
 * An unreadable contact card (a wrong key, a damaged row) is its owner's problem alone (contract §9):
 * every answer to anyone else is the one they would get with a readable card, nothing is a 500, the
 * owner alone is told, and the disclosure that could not be made is made once they save a card again.
 */
class UnreadableCardTest {
  /** Every notification of this kind the member has, whatever the event. */
  private static List<JsonObject> allOfKind(String token, String kind) {
    Api.Response response = API.get("/api/me/notifications", token);
    assertEquals(200, response.status(), response.body());
    List<JsonObject> out = new ArrayList<>();
    response.json().getJsonArray("items").forEach(o -> {
      if (kind.equals(((JsonObject) o).getString("kind"))) {
        out.add((JsonObject) o);
      }
    });
    return out;
  }

  /** Everything a member can fetch about the mixer and themselves answers, and none of it is a 500. */
  private static void assertEverythingAnswers(Mixer m, String token) {
    List<String> paths = List.of(m.path("/mixer/people"), m.path("/mixer/likes"), m.path(""), "/api/me/matches",
        "/api/me/intro-requests", "/api/me/notifications", "/api/me/disclosures", "/api/me/consents", "/api/me/export",
        "/api/me/contact-card", "/me/matches", "/me/disclosures", "/me/introductions", "/events/" + m.id() + "/mixer");
    for (String path : paths) {
      Api.Response response = API.get(path, token);
      assertEquals(200, response.status(), "GET " + path + ": " + response);
    }
  }

  @Test
  void markingSomeoneWhoseCardIsUnreadableAnswersExactlyLikeAnyOtherMark() {
    Mixer m = mixer(4);
    Mixers.Attendee a = m.person(0);
    // B matches D the ordinary way, for comparison.
    assertEquals(204, markSharingAll(m, 1, 3).status());
    assertEquals(204, markSharingAll(m, 3, 1).status());
    // A marks B while A's card is fine; then A's card becomes unreadable.
    assertEquals(204, markSharingAll(m, 0, 1).status());
    corruptCard(a.id());

    Api.Response nobodyMarkedMe = MixerFixture.mark(m, 1, 2, "phone", "wechat");
    Api.Response aMarkedMe = MixerFixture.mark(m, 1, 0, "phone", "wechat");
    assertEquals(nobodyMarkedMe.status(), aMarkedMe.status(), aMarkedMe.toString());
    assertEquals(nobodyMarkedMe.body(), aMarkedMe.body());
    assertEquals(204, aMarkedMe.status(), aMarkedMe.body());

    for (int who = 1; who < 4; who++) {
      assertEverythingAnswers(m, m.token(who));
    }
    JsonObject withA = matchWith(m, 1, 0);
    JsonObject withD = matchWith(m, 1, 3);
    assertEquals(withD.fieldNames(), withA.fieldNames(), "the entry looks like any other: " + withA + " vs " + withD);
    assertEquals(new JsonObject(), withA.getJsonObject("contact"), "nothing of A's could be sent yet");
    assertNull(withA.getValue("endedAt"));
    assertEquals(MixerFixture.card(m.person(1)), matchWith(m, 0, 1).getJsonObject("contact"), "B's card went to A");

    assertFalse(allOfKind(a.token(), "CARD_UNREADABLE").isEmpty(), "A is told to enter the card again");
    for (int who = 1; who < 4; who++) {
      assertTrue(allOfKind(m.token(who), "CARD_UNREADABLE").isEmpty(), "nobody else is told");
    }
    String bSees = API.get("/api/me/notifications", m.token(1)).body();
    assertFalse(bSees.contains("CARD_UNREADABLE"), bSees);

    // A saves a card again: the waiting disclosure is made with A's consented fields, new values.
    String phone = Mixers.newPhone();
    String wechat = "wx_again_" + Mixers.tag();
    putCard(a.token(), new JsonObject().put("phone", phone).put("wechat", wechat).put("note", "新的一句话"));
    assertEquals(new JsonObject().put("phone", phone).put("wechat", wechat), matchWith(m, 1, 0).getJsonObject("contact"),
        "what A consented to (phone and WeChat), as A's card now says; not the note");
    List<JsonObject> toB = disclosures(m, 0).stream()
        .filter(d -> m.person(1).nickname().equals(d.getString("toNickname"))).toList();
    assertEquals(1, toB.size(), "the late disclosure is logged once: " + toB);
    assertEquals(List.of("phone", "wechat"), toB.get(0).getJsonArray("fields").getList());
    assertTrue(disclosures(m, 2).isEmpty());
  }

  @Test
  void acceptingARequestFromSomeoneWhoseCardIsUnreadableAnswersLikeAnyOtherAccept() {
    Mixer m = mixer(3);
    Mixers.Attendee a = m.person(0);
    long fromA = MixerFixture.requestId(m, 0, 1, "想认识你");
    long fromC = MixerFixture.requestId(m, 2, 1, "也想认识你");
    assertEquals(200, forward(fromA).status());
    assertEquals(200, forward(fromC).status());
    corruptCard(a.id());

    Api.Response acceptC = MixerFixture.accept(fromC, m.token(1), "phone");
    Api.Response acceptA = MixerFixture.accept(fromA, m.token(1), "phone");
    assertEquals(acceptC.status(), acceptA.status(), acceptA.toString());
    assertEquals(acceptC.body(), acceptA.body());
    assertEquals(200, acceptA.status());

    assertEverythingAnswers(m, m.token(1));
    assertEverythingAnswers(m, m.token(2));
    Api.Response queue = API.get("/api/matchmaker/intro-requests?status=FORWARDED", MixerFixture.matchmaker().token());
    assertEquals(200, queue.status(), queue.body());
    assertEquals(new JsonObject(), matchWith(m, 1, 0).getJsonObject("contact"));
    assertEquals(MixerFixture.card(m.person(2)), matchWith(m, 1, 2).getJsonObject("contact"));
    assertEquals(new JsonObject().put("phone", m.person(1).phone()), matchWith(m, 0, 1).getJsonObject("contact"),
        "her consented field went to A");
    assertEquals("ACCEPTED", MixerFixture.outgoing(m, 0, fromA).getString("status"));
    assertFalse(allOfKind(a.token(), "CARD_UNREADABLE").isEmpty());
    assertTrue(allOfKind(m.token(1), "CARD_UNREADABLE").isEmpty());
    assertTrue(allOfKind(m.token(2), "CARD_UNREADABLE").isEmpty());

    // A's request consented to the whole card A had then (phone and WeChat): the new values go now.
    String wechat = "wx_fixed_" + Mixers.tag();
    putCard(a.token(), new JsonObject().put("wechat", wechat));
    assertEquals(new JsonObject().put("wechat", wechat), matchWith(m, 1, 0).getJsonObject("contact"));
  }

  @Test
  void anUnreadableCardOfOneMatchDoesNotHideTheOthers() {
    Mixer m = mixer(3);
    assertEquals(204, markSharingAll(m, 0, 1).status());
    assertEquals(204, markSharingAll(m, 2, 1).status());
    corruptCard(m.person(0).id());
    corruptCard(m.person(2).id());
    assertEquals(204, markSharingAll(m, 1, 0).status());
    assertEquals(204, markSharingAll(m, 1, 2).status());
    assertEverythingAnswers(m, m.token(1));
    assertEquals(new JsonObject(), matchWith(m, 1, 0).getJsonObject("contact"));
    assertEquals(new JsonObject(), matchWith(m, 1, 2).getJsonObject("contact"));
    putCard(m.token(2), MixerFixture.card(m.person(2)));
    assertEquals(MixerFixture.card(m.person(2)), matchWith(m, 1, 2).getJsonObject("contact"), "C's card came through");
    assertEquals(new JsonObject(), matchWith(m, 1, 0).getJsonObject("contact"), "A's still waits");
  }
}
