package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Mixers;

/**
 * Blocks and the colleague firewall are never observable by the other side (contract §14). The
 * people list must change — that is the point — so each test builds two worlds: one where X blocks
 * Y (or hides from colleagues), and a twin where X simply leaves the mixer (or was never there to
 * be seen). Everything Y can fetch — every list, their export, their inbox, their pages, and the
 * answers to marking or requesting X's badge — is compared between the two worlds, with ids,
 * times, names and tokens normalised. Identical means Y cannot tell a block from a departure.
 */
class BlockAndFirewallPrivacyTest {
  private static final Api API = MixerFixture.API;
  private static final int X = 0;
  private static final int Y = 1;
  private static final int Z = 2;

  /** A mixer of X, Y, Z (badges 1, 2, 3 in order) and what makes its strings world-specific. */
  private record World(MixerFixture.Mixer m, Map<String, String> names) {}

  private static World world() {
    MixerFixture.Mixer m = MixerFixture.mixer(MixerFixture.attendees("甲", "乙", "丙"));
    Map<String, String> names = new LinkedHashMap<>();
    names.put(API.get(m.path(""), m.token(Y)).json().getString("title"), "TITLE");
    String[] roles = {"X", "Y", "Z"};
    for (int i = 0; i < 3; i++) {
      Mixers.Attendee p = m.person(i);
      names.put(p.displayName(), roles[i] + "-NAME");
      names.put(p.nickname(), roles[i] + "-NICK");
      names.put(p.phone(), roles[i] + "-PHONE");
      names.put(p.wechat(), roles[i] + "-WECHAT");
    }
    return new World(m, names);
  }

  /** Everything Y sees, normalised; the attempts on X's badge come last (they answer, never change state). */
  private static Map<String, String> viewOfY(World w) {
    MixerFixture.Mixer m = w.m();
    String token = m.token(Y);
    Map<String, String> view = new LinkedHashMap<>();
    view.put("people", show(w, API.get(m.path("/mixer/people"), token)));
    view.put("likes", show(w, API.get(m.path("/mixer/likes"), token)));
    view.put("requests", show(w, API.get("/api/me/intro-requests", token)));
    view.put("matches", show(w, API.get("/api/me/matches", token)));
    view.put("disclosures", show(w, API.get("/api/me/disclosures", token)));
    view.put("consents", show(w, API.get("/api/me/consents", token)));
    view.put("notifications", show(w, API.get("/api/me/notifications", token)));
    view.put("blocks", show(w, API.get("/api/me/blocks", token)));
    view.put("round", show(w, API.get(m.path("/mixer/round"), token)));
    view.put("export", show(w, API.get("/api/me/export", token)));
    view.put("mixerPage", show(w, API.get("/events/" + m.id() + "/mixer", token)));
    view.put("introductionsPage", show(w, API.get("/me/introductions", token)));
    view.put("consentsPage", show(w, API.get("/me/consents", token)));
    view.put("markX", show(w, MixerFixture.markSharingAll(m, Y, X)));
    view.put("requestX", show(w, MixerFixture.request(m, Y, X, "再见一面好吗")));
    view.put("unmarkX", show(w, MixerFixture.unmark(m, Y, X)));
    return view;
  }

  private static String show(World w, Api.Response response) {
    String text = response.status() + " " + response.body();
    List<Map.Entry<String, String>> names = new ArrayList<>(w.names().entrySet());
    names.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getKey().length()));
    for (Map.Entry<String, String> e : names) {
      if (e.getKey() != null && !e.getKey().isEmpty()) {
        text = text.replace(e.getKey(), e.getValue());
      }
    }
    return text
        .replace("/events/" + w.m().id(), "/events/EVENT")
        .replace("%2Fevents%2F" + w.m().id(), "%2Fevents%2FEVENT")
        .replaceAll("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?", "TIME")
        .replaceAll("\\d{1,2}:\\d{2}", "HH:MM")
        .replaceAll("\"(id|eventId|rsvpId|matchId|unionId)\" ?: ?\\d+", "\"$1\":0")
        .replaceAll("\"login\" ?: ?\"[^\"]*\"", "\"login\":\"LOGIN\"")
        .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "CSRF")
        .replaceAll("[0-9a-f]{64}", "SHA256")
        .replaceAll("/me/introductions/\\d+/", "/me/introductions/ID/");
  }

  private static void assertSameView(Map<String, String> expected, Map<String, String> actual) {
    for (String key : expected.keySet()) {
      String a = expected.get(key);
      String b = actual.get(key);
      int at = 0;
      while (at < Math.min(a.length(), b.length()) && a.charAt(at) == b.charAt(at)) {
        at++;
      }
      int from = Math.max(0, at - 200);
      assertEquals(a, b, "Y's " + key + " differs between the two worlds, at …"
          + a.substring(from, Math.min(a.length(), at + 200)) + "… versus …" + b.substring(from, Math.min(b.length(), at + 200)));
    }
  }

  private static void leave(MixerFixture.Mixer m, int who) {
    assertEquals(204, Mixers.delete(API, m.path("/mixer/me"), m.token(who)).status());
  }

  /** Y's interest in X (a mark and a forwarded request) and in Z, and X's own mark on Z. */
  private static void evening(MixerFixture.Mixer m) {
    assertEquals(204, MixerFixture.markSharingAll(m, Y, X).status());
    assertEquals(204, MixerFixture.markSharingAll(m, Y, Z).status());
    assertEquals(204, MixerFixture.markSharingAll(m, X, Z).status());
    long request = MixerFixture.requestId(m, Y, X, "想认识一下");
    assertEquals(200, MixerFixture.forward(request).status());
  }

  @Test
  void aBlockLooksToTheBlockedPersonExactlyLikeTheBlockerLeaving() {
    World blocking = world();
    evening(blocking.m());
    String before = show(blocking, API.get(blocking.m().path("/mixer/people"), blocking.m().token(Y)));
    assertTrue(before.contains("X-NICK"), "before the block Y sees X: " + before);
    Api.Response blocked = API.put(blocking.m().path("/mixer/blocks/" + blocking.m().badge(Y)), null,
        blocking.m().token(X));
    assertEquals(204, blocked.status(), blocked.body());

    World leaving = world();
    evening(leaving.m());
    leave(leaving.m(), X);

    Map<String, String> afterBlock = viewOfY(blocking);
    assertNotEquals(before, afterBlock.get("people"), "the block hides X from Y");
    assertFalse(afterBlock.get("people").contains("X-NICK"));
    assertTrue(afterBlock.get("markX").startsWith("404"), afterBlock.get("markX"));
    assertTrue(afterBlock.get("requests").contains("\"status\":\"CLOSED\""), afterBlock.get("requests"));
    assertSameView(viewOfY(leaving), afterBlock);

    assertEquals(0, MixerFixture.count("SELECT count(*) FROM mixer_likes WHERE (from_user = ? AND to_user = ?)"
        + " OR (from_user = ? AND to_user = ?)", blocking.m().person(X).id(), blocking.m().person(Y).id(),
        blocking.m().person(Y).id(), blocking.m().person(X).id()), "open marks between the two are gone");
    assertEquals(0, MixerFixture.count("SELECT count(*) FROM intro_requests WHERE from_user = ? AND to_user = ?"
        + " AND status IN ('PENDING', 'FORWARDED')", blocking.m().person(Y).id(), blocking.m().person(X).id()));
    assertEquals(0, MixerFixture.notifications(blocking.m(), Y, "MATCH").size());
  }

  @Test
  void aBlockHoldsAtTheNextMixerAndEndsWhenRemoved() {
    World first = world();
    MixerFixture.Mixer m = first.m();
    assertEquals(204, API.put(m.path("/mixer/blocks/" + m.badge(Y)), null, m.token(X)).status());
    Api.Response mine = API.get("/api/me/blocks", m.token(X));
    assertEquals(1, mine.jsonArray().size(), mine.body());
    assertFalse(mine.body().contains("\"" + m.person(Y).id() + "\""), "no user id of the blocked person is shown");

    long next = Mixers.mixer(API, MixerFixture.organizer().token(), 20);
    int xBadge = Mixers.attend(API, next, MixerFixture.organizer().token(), m.token(X));
    Mixers.attend(API, next, MixerFixture.organizer().token(), m.token(Y));
    Api.Response people = API.get("/api/events/" + next + "/mixer/people", m.token(Y));
    assertFalse(people.body().contains(m.person(X).nickname()), "the block holds at the next mixer: " + people.body());
    assertEquals(404, API.put("/api/events/" + next + "/mixer/likes/" + xBadge,
        MixerFixture.consent(MixerFixture.MARK), m.token(Y)).status());

    long blockId = mine.jsonArray().getJsonObject(0).getLong("id");
    assertEquals(204, Mixers.delete(API, "/api/me/blocks/" + blockId, m.token(X)).status());
    assertTrue(API.get("/api/events/" + next + "/mixer/people", m.token(Y)).body().contains(m.person(X).nickname()),
        "unblocked, they see each other again");
    assertEquals(404, Mixers.delete(API, "/api/me/blocks/" + blockId, m.token(Y)).status(), "only its author removes it");
  }

  @Test
  void theColleagueFirewallLooksToTheOtherSideLikeSomeoneWhoLeft() {
    // X and Y type one employer two ways; X asks not to be shown to colleagues.
    World firewall = firewallWorld(true);
    World leaving = firewallWorld(false);
    leave(leaving.m(), X);

    Map<String, String> seen = viewOfY(firewall);
    assertFalse(seen.get("people").contains("X-NICK"), "colleagues do not see each other: " + seen.get("people"));
    assertFalse(API.get(firewall.m().path("/mixer/people"), firewall.m().token(X)).body()
        .contains(firewall.m().person(Y).nickname()), "neither way");
    assertSameView(viewOfY(leaving), seen);

    Mixers.profile(API, firewall.m().token(X), new JsonObject().put("avoidSameEmployer", false));
    assertTrue(API.get(firewall.m().path("/mixer/people"), firewall.m().token(Y)).body()
        .contains(firewall.m().person(X).nickname()), "without the tick, colleagues see each other as before");
  }

  private static World firewallWorld(boolean xHides) {
    World w = world();
    JsonObject x = xHides ? new JsonObject().put("employer", "  鹊桥科技股份有限公司 ").put("avoidSameEmployer", true)
        : new JsonObject().put("employer", "别的单位");
    Mixers.profile(API, w.m().token(X), x);
    Mixers.profile(API, w.m().token(Y), new JsonObject().put("employer", "鹊桥科技"));
    assertEquals(204, MixerFixture.markSharingAll(w.m(), Y, Z).status());
    return w;
  }
}
