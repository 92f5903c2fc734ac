package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.queqiao.mixer.MixerFixture.API;
import static org.queqiao.mixer.MixerFixture.assertError;
import static org.queqiao.mixer.MixerFixture.forward;
import static org.queqiao.mixer.MixerFixture.ids;
import static org.queqiao.mixer.MixerFixture.mixer;
import static org.queqiao.mixer.MixerFixture.outgoing;
import static org.queqiao.mixer.MixerFixture.queue;
import static org.queqiao.mixer.MixerFixture.reject;
import static org.queqiao.mixer.MixerFixture.requestId;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.queqiao.mixer.MixerFixture.Mixer;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.Mixers;
import org.queqiao.support.Roles;

/**
 * What an introduction request reveals, and to whom (contract §9, issue 13): the requester sees
 * OPEN until the outcome is final and then one CLOSED for a decline, a rejection or an expiry; asking
 * again after any of them gets one answer; a matchmaker sees only the mixers they are assigned to or
 * that belong to their union, never a request they are party to, and every request they forwarded
 * as FORWARDED whatever the answer.
 */
class IntroRequestPrivacyTest {
  /**
   * An entry without what names the request itself: times only as present or not (their values
   * differ between any two requests), everything else must be identical.
   */
  private static JsonObject shape(JsonObject entry, Set<String> identity) {
    JsonObject out = new JsonObject();
    for (String key : entry.fieldNames()) {
      if (identity.contains(key)) {
        continue;
      }
      Object value = entry.getValue(key);
      out.put(key, key.endsWith("At") ? (value == null ? "null" : "a time") : value);
    }
    return out;
  }

  private static final Set<String> REQUESTER_IDENTITY = Set.of("id", "message");
  private static final Set<String> QUEUE_IDENTITY = Set.of("id", "message", "fromBadge", "fromNickname", "targetBadge",
      "targetNickname", "note");

  // --- the requester's view ---

  @Test
  void aDeclinedARejectedAndAnExpiredRequestLookTheSameToTheirRequesters() {
    // Two people ask the same person; one is declined by her, the other is not passed on.
    Mixer m = mixer(4);
    long declined = requestId(m, 0, 2, "想认识你");
    long rejected = requestId(m, 1, 2, "也想认识你");
    assertEquals(200, forward(declined).status());
    assertEquals(200, MixerFixture.decline(declined, m.token(2)).status());
    assertEquals(200, reject(rejected).status());

    JsonObject a = outgoing(m, 0, declined);
    JsonObject b = outgoing(m, 1, rejected);
    assertEquals("CLOSED", a.getString("status"));
    assertEquals(shape(a, REQUESTER_IDENTITY), shape(b, REQUESTER_IDENTITY),
        "a decline and a rejection are indistinguishable to the requester:\n  " + a + "\n  " + b);
    assertEquals(MixerFixture.notifications(m, 0, "INTRO_ACCEPTED"), MixerFixture.notifications(m, 1, "INTRO_ACCEPTED"));
    assertEquals(kinds(m, 0), kinds(m, 1), "and nothing in their inboxes differs");

    Api.Response withdrawA = MixerFixture.withdraw(declined, m.token(0));
    Api.Response withdrawB = MixerFixture.withdraw(rejected, m.token(1));
    assertEquals(withdrawA.status(), withdrawB.status());
    assertEquals(withdrawA.errorCode(), withdrawB.errorCode());

    // A third one is still open when the matching window closes: it expires, and looks the same.
    long expired = requestId(m, 3, 2, "还来得及吗");
    assertEquals("OPEN", outgoing(m, 3, expired).getString("status"));
    MixerFixture.execute("UPDATE events SET matching_closes_at = now() - interval '1 minute' WHERE id = ?", m.id());
    JsonObject c = outgoing(m, 3, expired);
    assertEquals("CLOSED", c.getString("status"), c.encode());
    assertEquals(shape(outgoing(m, 0, declined), REQUESTER_IDENTITY), shape(c, REQUESTER_IDENTITY));
    assertEquals(shape(outgoing(m, 1, rejected), REQUESTER_IDENTITY), shape(c, REQUESTER_IDENTITY));
  }

  private static List<String> kinds(Mixer m, int who) {
    Api.Response response = API.get("/api/me/notifications", m.token(who));
    List<String> kinds = new ArrayList<>();
    MixerFixture.ofEvent(response.json().getJsonArray("items"), m.id()).forEach(n -> kinds.add(n.getString("kind")));
    return kinds;
  }

  @Test
  void aRequestLooksOpenToItsRequesterWhetherPendingOrForwarded() {
    Mixer m = mixer(2);
    long id = requestId(m, 0, 1, "你好");
    JsonObject pending = outgoing(m, 0, id);
    assertEquals(200, forward(id).status());
    JsonObject forwarded = outgoing(m, 0, id);
    assertEquals("OPEN", pending.getString("status"));
    assertEquals(shape(pending, Set.of()), shape(forwarded, Set.of()), "forwarding shows nothing to the requester");
  }

  @Test
  void askingAgainAfterADeclineOrARejectionGetsOneAnswerAndAfterAWithdrawalIsAllowed() {
    Mixer m = mixer(4);
    long declined = requestId(m, 0, 2, "想认识你");
    long rejected = requestId(m, 1, 2, "也想认识你");
    assertEquals(200, forward(declined).status());
    assertEquals(200, MixerFixture.decline(declined, m.token(2)).status());
    assertEquals(200, reject(rejected).status());

    Api.Response again0 = MixerFixture.request(m, 0, 2, "再问一次");
    Api.Response again1 = MixerFixture.request(m, 1, 2, "再问一次");
    assertError(again0, 409, "REQUEST_CLOSED");
    assertEquals(again0.status(), again1.status());
    assertEquals(again0.body(), again1.body(), "the same answer whatever closed it");
    assertEquals(1, outgoing(m, 0).size(), "nothing was stored");

    long withdrawn = requestId(m, 3, 2, "你好");
    assertEquals(200, MixerFixture.withdraw(withdrawn, m.token(3)).status());
    Api.Response asked = MixerFixture.request(m, 3, 2, "还是想认识你");
    assertEquals(201, asked.status(), "a withdrawn request may be asked again: " + asked);
    assertEquals("OPEN", asked.json().getString("status"));

    // Someone else may still ask her.
    assertEquals(201, MixerFixture.request(m, 0, 1, "你好").status());
  }

  // --- the matchmaker's view ---

  @Test
  void theForwardedTabShowsForwardedWhateverTheAnswerAndOnlyToWhoForwarded() {
    Mixer m = mixer(4);
    long accepted = requestId(m, 0, 1, "一");
    long declined = requestId(m, 2, 1, "二");
    long waiting = requestId(m, 3, 1, "三");
    long pending = requestId(m, 0, 3, "四");
    for (long id : List.of(accepted, declined, waiting)) {
      assertEquals(200, forward(id).status());
    }
    assertEquals(200, MixerFixture.acceptSharingAll(accepted, m.token(1)).status());
    assertEquals(200, MixerFixture.decline(declined, m.token(1)).status());

    String mm = MixerFixture.matchmaker().token();
    List<JsonObject> forwardedTab = queue(mm, "FORWARDED", m.id());
    assertEquals(Set.of(accepted, declined, waiting), Set.copyOf(ids(forwardedTab)), forwardedTab.toString());
    JsonObject first = shape(forwardedTab.get(0), QUEUE_IDENTITY);
    for (JsonObject item : forwardedTab) {
      assertEquals("FORWARDED", item.getString("status"), item.encode());
      assertEquals(first, shape(item, QUEUE_IDENTITY), "accepted, declined and unanswered look alike: " + forwardedTab);
    }
    assertEquals(List.of(pending), ids(queue(mm, "PENDING", m.id())));
    assertEquals(ids(queue(mm, "PENDING", m.id())), ids(queue(mm, null, m.id())), "PENDING is the default tab");
    for (JsonObject item : forwardedTab) {
      for (Mixers.Attendee p : m.people()) {
        assertFalse(item.encode().contains(p.phone()) || item.encode().contains(p.wechat()), "never a contact: " + item);
      }
    }

    // Another matchmaker of this mixer did not forward them.
    Members.Member other = Mixers.withRole(API, MixerFixture.admin(), "MATCHMAKER", "另一位红娘");
    MixerFixture.assign(m.id(), other.id());
    assertTrue(queue(other.token(), "FORWARDED", m.id()).isEmpty());
    assertEquals(List.of(pending), ids(queue(other.token(), "PENDING", m.id())));
    for (String status : List.of("CLOSED", "ACCEPTED", "DECLINED", "REJECTED", "WITHDRAWN", "pending", "x")) {
      assertError(API.get("/api/matchmaker/intro-requests?status=" + status, mm), 400, "VALIDATION_FAILED");
    }
  }

  @Test
  void aMatchmakerSeesAndActsOnlyOnTheMixersTheyAreAssignedTo() {
    Mixer mine = mixer(2);
    Mixer notMine = mixer(2);
    Members.Member assigned = Mixers.withRole(API, MixerFixture.admin(), "MATCHMAKER", "本场红娘");
    Members.Member unassigned = Mixers.withRole(API, MixerFixture.admin(), "MATCHMAKER", "没有分派的红娘");
    MixerFixture.assign(mine.id(), assigned.id());
    long here = requestId(mine, 0, 1, "这一场");
    long there = requestId(notMine, 0, 1, "另一场");

    assertEquals(List.of(here), ids(queue(assigned.token(), "PENDING", mine.id())));
    assertTrue(queue(assigned.token(), "PENDING", notMine.id()).isEmpty());
    assertTrue(queue(unassigned.token(), "PENDING", mine.id()).isEmpty());
    assertTrue(queue(unassigned.token(), "PENDING", notMine.id()).isEmpty());
    assertError(forward(there, assigned.token()), 404, "NOT_FOUND");
    assertError(reject(there, assigned.token()), 404, "NOT_FOUND");
    assertError(forward(here, unassigned.token()), 404, "NOT_FOUND");
    assertError(reject(here, unassigned.token()), 404, "NOT_FOUND");
    assertEquals("OPEN", outgoing(notMine, 0, there).getString("status"));
    assertTrue(MixerFixture.incoming(notMine, 1).isEmpty(), "the refused forward reached nobody");

    String admin = MixerFixture.admin();
    assertEquals(List.of(here), ids(queue(admin, "PENDING", mine.id())), "admins see every mixer");
    assertEquals(List.of(there), ids(queue(admin, "PENDING", notMine.id())));

    assertEquals(200, forward(here, assigned.token()).status());
    assertEquals(List.of(here), ids(queue(assigned.token(), "FORWARDED", mine.id())));
    // Removed from the event, they no longer see or act on its requests.
    assertEquals(204, MixerFixture.delete("/api/events/" + notMine.id() + "/staff/" + MixerFixture.matchmaker().id(),
        MixerFixture.organizer().token()).status());
    assertError(forward(there, MixerFixture.matchmaker().token()), 404, "NOT_FOUND");
  }

  @Test
  void aMatchmakerOfAUnionSeesTheMixersOfItsSubtree() {
    String admin = MixerFixture.admin();
    long root = union("总工会 " + Events.token(), null);
    long child = union("基层工会 " + Events.token(), root);
    long sibling = union("别的工会 " + Events.token(), null);
    Members.Member unionMatchmaker = Mixers.withRole(API, admin, "MATCHMAKER", "工会红娘");
    Mixers.profile(API, unionMatchmaker.token(), new JsonObject().put("unionId", root));
    Members.Member childOrganizer = Mixers.withRole(API, admin, "ORGANIZER", "基层组织者");
    Mixers.profile(API, childOrganizer.token(), new JsonObject().put("unionId", child));

    long forChild = requestIn(mixerFor(MixerFixture.organizer().token(), child));
    long forSibling = requestIn(mixerFor(MixerFixture.organizer().token(), sibling));
    long openByChildOrganizer = requestIn(mixerFor(childOrganizer.token(), null));
    long openByOther = requestIn(mixerFor(MixerFixture.organizer().token(), null));

    Api.Response pending = API.get("/api/matchmaker/intro-requests?status=PENDING", unionMatchmaker.token());
    assertEquals(200, pending.status(), pending.body());
    List<Long> seen = ids(pending.json().getJsonArray("items").stream().map(JsonObject.class::cast).toList());
    assertTrue(seen.contains(forChild), "an event for a union below mine: " + seen);
    assertTrue(seen.contains(openByChildOrganizer), "an open event of an organiser of a union below mine: " + seen);
    assertFalse(seen.contains(forSibling), "not another union's event");
    assertFalse(seen.contains(openByOther), "not an open event of an organiser outside my union");
    assertError(forward(forSibling, unionMatchmaker.token()), 404, "NOT_FOUND");
    assertError(reject(openByOther, unionMatchmaker.token()), 404, "NOT_FOUND");
    assertEquals(200, forward(forChild, unionMatchmaker.token()).status());
    assertEquals(200, reject(openByChildOrganizer, unionMatchmaker.token()).status());
  }

  private static long union(String name, Long parentId) {
    JsonObject body = new JsonObject().put("name", name);
    if (parentId != null) {
      body.put("parentId", parentId);
    }
    Api.Response created = API.post("/api/admin/unions", body, MixerFixture.admin());
    assertEquals(201, created.status(), created.body());
    return created.json().getLong("id");
  }

  /** A published mixer (for a union's members, or open) with two attendees of that union checked in. */
  private static Mixer mixerFor(String organizerToken, Long audienceUnionId) {
    JsonObject body = Events.body("MIXER", "工会联谊 " + Events.token(), Events.evening(10)).put("capacity", 10);
    if (audienceUnionId != null) {
      body.put("audienceUnionId", audienceUnionId);
    }
    long id = Events.published(API, organizerToken, body);
    List<Mixers.Attendee> people = MixerFixture.attendees("工会甲", "工会乙");
    List<Integer> badges = new ArrayList<>();
    for (Mixers.Attendee p : people) {
      if (audienceUnionId != null) {
        Mixers.profile(API, p.token(), new JsonObject().put("unionId", audienceUnionId));
      }
      badges.add(Mixers.attend(API, id, organizerToken, p.token()));
    }
    return new Mixer(id, people, badges);
  }

  private static long requestIn(Mixer m) {
    return requestId(m, 0, 1, "你好");
  }

  @Test
  void aMatchmakerWhoIsAlsoAnAttendeeNeverSeesNorActsOnTheirOwnRequests() {
    Mixer m = mixer(3);
    Mixers.Attendee both = m.person(0);
    Roles.set(API, MixerFixture.admin(), both.id(), "MATCHMAKER");
    MixerFixture.assign(m.id(), both.id());
    long toThem = requestId(m, 1, 0, "想认识红娘");
    long byThem = requestId(m, 0, 2, "红娘自己也想认识人");
    long between = requestId(m, 1, 2, "与红娘无关");

    assertEquals(List.of(between), ids(queue(both.token(), "PENDING", m.id())), "never a request they are party to");
    for (long id : List.of(toThem, byThem)) {
      assertError(forward(id, both.token()), 404, "NOT_FOUND");
      assertError(reject(id, both.token()), 404, "NOT_FOUND");
    }
    assertTrue(MixerFixture.incoming(m, 0).isEmpty(), "their own refused forward did not reach them");
    String body = API.get("/api/matchmaker/intro-requests?status=PENDING", both.token()).body();
    assertFalse(body.contains("想认识红娘"), "the message to them shows nowhere on their desk");

    // The other matchmaker handles those two; they stay off the attendee-matchmaker's desk.
    String mm = MixerFixture.matchmaker().token();
    assertEquals(Set.of(toThem, byThem, between), Set.copyOf(ids(queue(mm, "PENDING", m.id()))));
    assertEquals(200, forward(toThem).status());
    assertEquals(200, forward(byThem).status());
    assertEquals(200, forward(between, both.token()).status());
    assertEquals(List.of(between), ids(queue(both.token(), "FORWARDED", m.id())));
    assertTrue(queue(both.token(), "PENDING", m.id()).isEmpty());
    assertEquals(1, MixerFixture.incoming(m, 0).size(), "as a member they see the request forwarded to them");
  }
}
