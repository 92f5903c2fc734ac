package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.queqiao.mixer.MixerFixture.API;
import static org.queqiao.mixer.MixerFixture.assertError;
import static org.queqiao.mixer.MixerFixture.consents;
import static org.queqiao.mixer.MixerFixture.disclosures;
import static org.queqiao.mixer.MixerFixture.mark;
import static org.queqiao.mixer.MixerFixture.markSharingAll;
import static org.queqiao.mixer.MixerFixture.matchWith;
import static org.queqiao.mixer.MixerFixture.matches;
import static org.queqiao.mixer.MixerFixture.mixer;
import static org.queqiao.mixer.MixerFixture.notifications;
import static org.queqiao.mixer.MixerFixture.putCard;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.queqiao.mixer.MixerFixture.Mixer;
import org.queqiao.support.Api;
import org.queqiao.support.Mixers;

/**
 * Matches under contract §9: one per pair and event whatever route led to it, a snapshot of
 * exactly the consented fields as they were when disclosed, sent again only on the owner's
 * request, and ended by either side (both cards go, the end is logged).
 */
class MatchesTest {
  private static final Set<String> ENTRY_KEYS = Set.of("id", "eventId", "badge", "nickname", "via", "contact", "endedAt");

  private static Set<String> via(JsonObject entry) {
    Set<String> via = new TreeSet<>();
    entry.getJsonArray("via").forEach(v -> via.add((String) v));
    return via;
  }

  /** The card disclosures (not ends) from {@code who} to the person of {@code to}. */
  private static List<JsonObject> cardsSent(Mixer m, int who, int to) {
    return disclosures(m, who).stream()
        .filter(d -> m.person(to).nickname().equals(d.getString("toNickname")))
        .filter(d -> !"MATCH_ENDED".equals(d.getString("via")))
        .toList();
  }

  private static int tellings(Mixer m, int who) {
    return notifications(m, who, "MATCH").size() + notifications(m, who, "INTRO_ACCEPTED").size();
  }

  private static Api.Response resend(Mixer m, int who, long matchId) {
    return API.post("/api/me/matches/" + matchId + "/card", null, m.token(who));
  }

  private static Api.Response end(String token, Object matchId) {
    return MixerFixture.delete("/api/me/matches/" + matchId, token);
  }

  // --- one match per pair ---

  @Test
  void anIntroductionThenMutualMarksAreOneMatchWithBothRoutes() {
    Mixer m = mixer(3);
    MixerFixture.introduce(m, 0, 1);
    assertEquals(204, markSharingAll(m, 0, 1).status());
    assertEquals(204, markSharingAll(m, 1, 0).status());

    JsonObject his = matchWith(m, 0, 1);
    JsonObject hers = matchWith(m, 1, 0);
    assertTrue(his.fieldNames().containsAll(ENTRY_KEYS), his.encode());
    assertTrue(ENTRY_KEYS.containsAll(his.fieldNames()) || Set.of("deleted").containsAll(
        his.fieldNames().stream().filter(k -> !ENTRY_KEYS.contains(k)).toList()), "nothing more: " + his.encode());
    assertEquals(Boolean.FALSE, his.getBoolean("deleted", false));
    assertEquals(Set.of("MUTUAL_LIKE", "INTRO_REQUEST"), via(his));
    assertEquals(Set.of("MUTUAL_LIKE", "INTRO_REQUEST"), via(hers));
    assertEquals(m.id(), his.getLong("eventId"));
    assertEquals(m.person(1).nickname(), his.getString("nickname"));
    assertNull(his.getValue("endedAt"));
    assertEquals(his.getValue("id"), hers.getValue("id"), "one match, seen from both sides");
    assertEquals(MixerFixture.card(m.person(1)), his.getJsonObject("contact"));
    assertEquals(MixerFixture.card(m.person(0)), hers.getJsonObject("contact"));

    assertEquals(1, cardsSent(m, 0, 1).size(), "one disclosure each way: " + disclosures(m, 0));
    assertEquals(1, cardsSent(m, 1, 0).size(), "one disclosure each way: " + disclosures(m, 1));
    assertEquals(1, tellings(m, 0), "the requester was told once");
    assertEquals(1, notifications(m, 0, "INTRO_ACCEPTED").size());
    assertTrue(tellings(m, 1) <= 1, "she is told at most once");
    assertTrue(matches(m, 2).isEmpty());
  }

  @Test
  void mutualMarksThenAnIntroductionAreOneMatchWithBothRoutes() {
    Mixer m = mixer(2);
    assertEquals(204, markSharingAll(m, 0, 1).status());
    assertEquals(204, markSharingAll(m, 1, 0).status());
    JsonObject before = matchWith(m, 0, 1);
    MixerFixture.introduce(m, 0, 1);

    JsonObject his = matchWith(m, 0, 1);
    assertEquals(before.getValue("id"), his.getValue("id"));
    assertEquals(Set.of("MUTUAL_LIKE", "INTRO_REQUEST"), via(his));
    assertEquals(Set.of("MUTUAL_LIKE", "INTRO_REQUEST"), via(matchWith(m, 1, 0)));
    assertEquals(1, cardsSent(m, 0, 1).size(), disclosures(m, 0).toString());
    assertEquals(1, cardsSent(m, 1, 0).size(), disclosures(m, 1).toString());
    assertEquals(1, notifications(m, 0, "MATCH").size());
    assertEquals(1, notifications(m, 1, "MATCH").size());
    assertEquals(1, tellings(m, 0), "no second notification for the same pair");
    assertEquals(1, tellings(m, 1), "no second notification for the same pair");
    assertEquals("ACCEPTED", MixerFixture.outgoing(m, 0).get(0).getString("status"), "the requester still sees the outcome");
  }

  // --- snapshots ---

  @Test
  void theOtherSeesTheConsentedFieldsAsTheyWereUntilISendMyCardAgain() {
    Mixer m = mixer(2);
    Mixers.Attendee a = m.person(0);
    String oldWechat = "wx_old_" + Mixers.tag();
    putCard(a.token(), new JsonObject().put("wechat", oldWechat));
    assertEquals(204, mark(m, 0, 1, "wechat").status());
    assertEquals(204, markSharingAll(m, 1, 0).status());
    assertEquals(new JsonObject().put("wechat", oldWechat), matchWith(m, 1, 0).getJsonObject("contact"));

    // A adds a phone number and changes the WeChat ID: nobody is sent anything.
    String newWechat = "wx_new_" + Mixers.tag();
    String phone = Mixers.newPhone();
    putCard(a.token(), new JsonObject().put("wechat", newWechat).put("phone", phone));
    assertEquals(new JsonObject().put("wechat", oldWechat), matchWith(m, 1, 0).getJsonObject("contact"),
        "a later edit of my card reaches nobody");
    assertFalse(API.get("/api/me/matches", m.token(1)).body().contains(phone));
    assertEquals(1, cardsSent(m, 0, 1).size());

    // A sends the card again: the consented field with its new value, still not the phone.
    long id = matchWith(m, 0, 1).getLong("id");
    Api.Response resent = resend(m, 0, id);
    assertEquals(204, resent.status(), resent.body());
    assertEquals(new JsonObject().put("wechat", newWechat), matchWith(m, 1, 0).getJsonObject("contact"));
    assertFalse(API.get("/api/me/matches", m.token(1)).body().contains(phone));
    List<JsonObject> sent = cardsSent(m, 0, 1);
    assertEquals(2, sent.size(), "sending again is logged as a new disclosure: " + sent);
    assertEquals(List.of("wechat"), sent.get(0).getJsonArray("fields").getList(), "newest first, the consented field");
    assertEquals(List.of("wechat"), sent.get(1).getJsonArray("fields").getList());
    assertTrue(cardsSent(m, 1, 0).size() == 1, "B sent nothing new");
    assertEquals(MixerFixture.card(m.person(1)), matchWith(m, 0, 1).getJsonObject("contact"));
  }

  @Test
  void aMarkSharingSomeFieldsDisclosesOnlyThoseAndOneSharingNoneDisclosesNothing() {
    Mixer m = mixer(3);
    assertEquals(204, mark(m, 0, 1, "phone").status());
    assertEquals(204, mark(m, 1, 0).status());
    assertEquals(new JsonObject().put("phone", m.person(0).phone()), matchWith(m, 1, 0).getJsonObject("contact"));
    assertEquals(new JsonObject(), matchWith(m, 0, 1).getJsonObject("contact"), "B consented to nothing");
    assertFalse(API.get("/api/me/matches", m.token(0)).body().contains(m.person(1).phone()));
    assertFalse(API.get("/api/me/matches", m.token(0)).body().contains(m.person(1).wechat()));
    for (JsonObject d : cardsSent(m, 1, 0)) {
      assertEquals(List.of(), d.getJsonArray("fields").getList(), "B's log says nothing left: " + d);
    }
    assertEquals(List.of("phone"), cardsSent(m, 0, 1).get(0).getJsonArray("fields").getList());
  }

  @Test
  void sendingMyCardAgainIsOnlyForAMatchOfMineThatStands() {
    Mixer m = mixer(3);
    assertEquals(204, markSharingAll(m, 0, 1).status());
    assertEquals(204, markSharingAll(m, 1, 0).status());
    long id = matchWith(m, 0, 1).getLong("id");
    assertError(resend(m, 2, id), 404, "NOT_FOUND");
    assertError(API.post("/api/me/matches/999999999/card", null, m.token(0)), 404, "NOT_FOUND");
    assertEquals(1, cardsSent(m, 0, 1).size());
    assertEquals(204, end(m.token(1), id).status());
    Api.Response afterEnd = resend(m, 0, id);
    assertNotEquals(204, afterEnd.status(), "an ended match takes no card: " + afterEnd);
    assertTrue(afterEnd.status() < 500, afterEnd.toString());
    assertEquals(new JsonObject(), matchWith(m, 1, 0).getJsonObject("contact"));
  }

  // --- ending ---

  @Test
  void endingAMatchHidesBothCardsFromBothSidesAndIsLoggedForTheEnder() {
    Mixer m = mixer(3);
    assertEquals(204, markSharingAll(m, 0, 1).status());
    assertEquals(204, markSharingAll(m, 1, 0).status());
    Object id = matchWith(m, 0, 1).getValue("id");
    assertNotNull(id);

    assertError(end(m.token(2), id), 404, "NOT_FOUND");
    assertError(end(m.token(0), 999_999_999L), 404, "NOT_FOUND");
    assertError(end(m.token(0), "abc"), 404, "NOT_FOUND");
    assertEquals(MixerFixture.card(m.person(1)), matchWith(m, 0, 1).getJsonObject("contact"), "refusals changed nothing");

    Api.Response ended = end(m.token(0), id);
    assertEquals(204, ended.status(), ended.body());
    for (int[] side : new int[][] {{0, 1}, {1, 0}}) {
      JsonObject entry = matchWith(m, side[0], side[1]);
      assertEquals(id, entry.getValue("id"));
      assertEquals(new JsonObject(), entry.getJsonObject("contact"), "neither sees the other's card: " + entry);
      assertTrue(OffsetDateTime.parse(entry.getString("endedAt")).isAfter(OffsetDateTime.now().minusMinutes(10)),
          entry.encode());
      String body = API.get("/api/me/matches", m.token(side[0])).body();
      assertFalse(body.contains(m.person(side[1]).phone()) || body.contains(m.person(side[1]).wechat()), body);
    }
    List<JsonObject> endedLog = disclosures(m, 0, "MATCH_ENDED");
    assertEquals(1, endedLog.size(), disclosures(m, 0).toString());
    assertEquals(m.person(1).nickname(), endedLog.get(0).getString("toNickname"));
    assertTrue(disclosures(m, 1, "MATCH_ENDED").isEmpty(), "logged in the ender's disclosures");
    assertEquals(1, cardsSent(m, 0, 1).size(), "what was disclosed stays in the log");
    for (JsonObject receipt : consents(m, 0)) {
      assertNotNull(receipt.getValue("withdrawnAt"), "ending the match withdraws my consent toward B: " + receipt);
    }
    assertTrue(matches(m, 2).isEmpty());
  }

  @Test
  void theOtherSideMayEndTheMatchToo() {
    Mixer m = mixer(2);
    MixerFixture.introduce(m, 0, 1);
    Object id = matchWith(m, 1, 0).getValue("id");
    assertEquals(204, end(m.token(1), id).status());
    assertEquals(new JsonObject(), matchWith(m, 0, 1).getJsonObject("contact"));
    assertNotNull(matchWith(m, 0, 1).getValue("endedAt"));
    assertEquals(1, disclosures(m, 1, "MATCH_ENDED").size());
    assertTrue(disclosures(m, 0, "MATCH_ENDED").isEmpty());
  }
}
