package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;

/**
 * Rounds over HTTP: only the event's managers start them, each attendee sees only their own table,
 * a block keeps two people apart, pairs never repeat (the database refuses it), and the end time
 * is the server's.
 */
class RoundsApiTest {
  private static final Api API = MixerFixture.API;

  @Test
  void theHostSeatsEveryoneAndEachPhoneSeesOnlyItsOwnTable() {
    // Genders alternate MALE, FEMALE: two men (0, 2) and two women (1, 3).
    MixerFixture.Mixer m = MixerFixture.mixer(4);
    String rounds = m.path("/mixer/rounds");
    assertEquals(403, API.post(rounds, new JsonObject(), m.token(0)).status(), "attendees do not run rounds");
    assertEquals(403, API.post(rounds, new JsonObject(), MixerFixture.matchmaker().token()).status());
    assertEquals(new JsonObject().put("round", null).put("status", "NONE"),
        API.get(m.path("/mixer/round"), m.token(0)).json());
    assertEquals(400, API.post(rounds, new JsonObject().put("minutes", 0), MixerFixture.organizer().token()).status());

    // 0 blocks 1: they must never sit together.
    assertEquals(204, API.put(m.path("/mixer/blocks/" + m.badge(1)), null, m.token(0)).status());
    Api.Response first = API.post(rounds, new JsonObject().put("minutes", 5), MixerFixture.organizer().token());
    assertEquals(201, first.status(), first.body());
    assertEquals(1, first.json().getInteger("round"));
    assertEquals(2, first.json().getInteger("tables"));
    assertEquals(0, first.json().getInteger("resting"));
    assertTrue(first.json().getBoolean("running"));
    assertEquals(first.json(), API.get(m.path("/mixer/rounds/current"), MixerFixture.organizer().token()).json()
        .put("now", first.json().getString("now")));

    JsonObject mine = API.get(m.path("/mixer/round"), m.token(0)).json();
    assertEquals("TABLE", mine.getString("status"), mine.encode());
    assertEquals(java.util.Set.of("round", "status", "table", "startedAt", "endsAt", "now", "running"),
        mine.fieldNames(), "a phone learns its table and the clock, nothing about anyone else");
    JsonObject partner = API.get(m.path("/mixer/round"), m.token(3)).json();
    assertEquals(mine.getInteger("table"), partner.getInteger("table"), "0 sits with 3, not with 1 whom they blocked");
    assertNotEquals(mine.getInteger("table"), API.get(m.path("/mixer/round"), m.token(1)).json().getInteger("table"));

    Api.Response second = API.post(rounds, new JsonObject(), MixerFixture.organizer().token());
    assertEquals(2, second.json().getInteger("round"));
    assertEquals(1, second.json().getInteger("tables"), "only 2 and 1 have not met and may meet: " + second.body());
    assertEquals(2, second.json().getInteger("resting"));
    assertEquals("RESTING", API.get(m.path("/mixer/round"), m.token(0)).json().getString("status"));
    assertEquals(0, MixerFixture.count("SELECT count(*) FROM (SELECT user_a, user_b FROM mixer_round_pairs"
        + " WHERE event_id = ? GROUP BY user_a, user_b HAVING count(*) > 1) repeated", m.id()), "no pair twice");
    assertEquals(1, MixerFixture.count("SELECT count(*) FROM mixer_rounds WHERE event_id = ? AND round_no = 1"
        + " AND ends_at <= now()", m.id()), "starting a round ends the one before");
  }

  @Test
  void theHostPageStartsARoundWithAForm() {
    MixerFixture.Mixer m = MixerFixture.mixer(3);
    Api browser = org.queqiao.support.TestApp.browser();
    browser.setCookie(org.queqiao.auth.Authentication.SESSION_COOKIE, MixerFixture.organizer().token());
    Api.Response page = browser.get("/events/" + m.id() + "/mixer/host?lang=en");
    assertEquals(200, page.status(), page.body());
    String csrf = org.queqiao.support.Pages.csrfOf(page.body());
    Api.Response started = browser.form("/events/" + m.id() + "/mixer/rounds", java.util.Map.of("_csrf", csrf,
        "minutes", "6"));
    assertEquals(303, started.status(), started.body());
    String after = browser.get("/events/" + m.id() + "/mixer/host?lang=en").body();
    assertTrue(after.contains("data-round-field=\"tables\">1<"), after);
    assertEquals(403, API.get("/events/" + m.id() + "/mixer/host", m.token(0)).status());
  }
}
