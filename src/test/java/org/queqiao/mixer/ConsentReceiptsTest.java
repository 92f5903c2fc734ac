package org.queqiao.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.queqiao.mixer.MixerFixture.API;
import static org.queqiao.mixer.MixerFixture.assertError;
import static org.queqiao.mixer.MixerFixture.assertFieldError;
import static org.queqiao.mixer.MixerFixture.consent;
import static org.queqiao.mixer.MixerFixture.consents;
import static org.queqiao.mixer.MixerFixture.count;
import static org.queqiao.mixer.MixerFixture.forward;
import static org.queqiao.mixer.MixerFixture.mark;
import static org.queqiao.mixer.MixerFixture.matches;
import static org.queqiao.mixer.MixerFixture.mixer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.mixer.MixerFixture.Mixer;
import org.queqiao.support.Api;
import org.queqiao.support.Mixers;
import org.queqiao.support.TestApp;

/**
 * Consent you can prove (contract §9, issue 13): the texts a client must show, marks and accepts
 * refused without a consent naming the fields, requests that consent to the whole card when they
 * name none, and a receipt for every consent with the exact text and its SHA-256, stamped when the
 * consent is withdrawn.
 */
class ConsentReceiptsTest {
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

  private static Map<String, JsonObject> texts(Api.Response response) {
    assertEquals(200, response.status(), response.body());
    JsonArray all = response.jsonArray();
    assertEquals(3, all.size(), response.body());
    Map<String, JsonObject> byKind = new java.util.HashMap<>();
    all.forEach(o -> byKind.put(((JsonObject) o).getString("kind"), (JsonObject) o));
    return byKind;
  }

  /** The current template of this kind in the default language (Chinese). */
  private static String template(String kind) {
    return texts(API.get("/api/consent-texts")).get(kind).getString("text");
  }

  /**
   * What the template's {fields} became in this receipt's text, after checking that the text is the
   * template with the recipient's nickname and the fields filled in (and nothing else changed).
   */
  private static String filledFields(String template, String text, String nickname) {
    String[] parts = template.split("\\{recipient\\}|\\{fields\\}", -1);
    StringBuilder regex = new StringBuilder();
    Matcher placeholders = Pattern.compile("\\{recipient\\}|\\{fields\\}").matcher(template);
    int i = 0;
    regex.append(Pattern.quote(parts[i++]));
    while (placeholders.find()) {
      regex.append(placeholders.group().equals("{recipient}") ? Pattern.quote(nickname) : "(?<fields>.+?)");
      regex.append(Pattern.quote(parts[i++]));
    }
    Matcher filled = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text);
    assertTrue(filled.matches(), "the receipt's text is the template filled in:\n  template: " + template
        + "\n  text:     " + text);
    return filled.group("fields");
  }

  private static void assertReceipt(JsonObject receipt, String kind, long eventId, String recipient, List<String> fields) {
    assertNotNull(receipt.getValue("id"), receipt.encode());
    assertEquals(kind, receipt.getString("kind"), receipt.encode());
    assertEquals(eventId, receipt.getLong("eventId"), receipt.encode());
    assertEquals(recipient, receipt.getString("recipientNickname"), receipt.encode());
    assertEquals(new JsonArray(new ArrayList<>(fields)), receipt.getJsonArray("fields"), receipt.encode());
    String text = receipt.getString("text");
    assertNotNull(text, receipt.encode());
    assertFalse(text.contains("{recipient}") || text.contains("{fields}"), "placeholders are filled in: " + text);
    assertTrue(text.contains(recipient), "the text names the recipient: " + text);
    String hash = receipt.getString("textSha256");
    assertTrue(hash != null && hash.matches("[0-9a-f]{64}"), "a lowercase hex SHA-256: " + hash);
    assertEquals(MixerFixture.sha256(text), hash, "the hash is of the UTF-8 text itself");
    assertTrue(OffsetDateTime.parse(receipt.getString("at")).isAfter(OffsetDateTime.now().minusMinutes(10)), receipt.encode());
    assertTrue(receipt.containsKey("withdrawnAt"), "withdrawnAt is always there (null while the consent stands)");
  }

  // --- the texts ---

  @Test
  void theConsentTextsAreListedForAnyoneWithPlaceholdersInTheAskersLanguage() {
    Map<String, JsonObject> zh = texts(API.get("/api/consent-texts"));
    assertEquals(Map.of("MARK", "mixer-mark-1", "INTRO_REQUEST", "intro-request-1", "INTRO_ACCEPT", "intro-answer-1"),
        Map.of("MARK", zh.get("MARK").getString("version"), "INTRO_REQUEST", zh.get("INTRO_REQUEST").getString("version"),
            "INTRO_ACCEPT", zh.get("INTRO_ACCEPT").getString("version")));
    Api.Response english = API.send("/api/consent-texts", "GET", null, null, Map.of("Accept-Language", "en-GB,en;q=0.9"));
    Map<String, JsonObject> en = texts(english);
    Api browser = TestApp.browser();
    browser.setCookie("qq_lang", "en");
    Map<String, JsonObject> cookie = texts(browser.get("/api/consent-texts"));
    for (String kind : List.of("MARK", "INTRO_REQUEST", "INTRO_ACCEPT")) {
      for (Map<String, JsonObject> lang : List.of(zh, en, cookie)) {
        String text = lang.get(kind).getString("text");
        assertTrue(text.contains("{recipient}") && text.contains("{fields}"), kind + " has both placeholders: " + text);
      }
      assertTrue(HAN.matcher(zh.get(kind).getString("text")).find(), "Chinese by default: " + zh.get(kind));
      assertFalse(HAN.matcher(en.get(kind).getString("text")).find(), "English when asked: " + en.get(kind));
      assertEquals(en.get(kind), cookie.get(kind), "the language cookie chooses English as well");
      assertEquals(zh.get(kind).getString("version"), en.get(kind).getString("version"), "one version, two languages");
    }
  }

  // --- marks ---

  @Test
  void aMarkWithoutAValidConsentIsRefusedAndNothingIsStored() {
    Mixer m = mixer(2);
    String path = m.path("/mixer/likes/" + m.badge(1));
    String me = m.token(0);
    assertError(API.put(path, null, me), 400, "CONSENT_REQUIRED");
    assertError(API.put(path, new JsonObject(), me), 400, "CONSENT_REQUIRED");
    assertError(API.put(path, new JsonObject().put("fields", new JsonArray().add("wechat")), me), 400, "CONSENT_REQUIRED");
    assertError(API.put(path, new JsonObject().put("consentVersion", "mixer-mark-1"), me), 400, "CONSENT_REQUIRED");
    assertError(API.put(path, consent("mixer-mark-0", "wechat"), me), 409, "CONSENT_OUTDATED");
    assertError(API.put(path, consent("intro-answer-1", "wechat"), me), 409, "CONSENT_OUTDATED");
    // The card holds a phone number and a WeChat ID: no e-mail address to consent to.
    assertFieldError(API.put(path, consent(MixerFixture.MARK, "email"), me), "fields");
    assertFieldError(API.put(path, consent(MixerFixture.MARK, "wechat", "note"), me), "fields");
    assertFieldError(API.put(path, consent(MixerFixture.MARK, "address"), me), "fields");
    assertFieldError(API.put(path, new JsonObject().put("consentVersion", "mixer-mark-1").put("fields", "wechat"), me),
        "fields");
    assertFieldError(API.put(path, new JsonObject().put("consentVersion", "mixer-mark-1")
        .put("fields", new JsonArray().add(1)), me), "fields");
    assertFieldError(API.put(path, new JsonObject().put("consentVersion", "mixer-mark-1")
        .put("fields", new JsonObject().put("wechat", true)), me), "fields");

    assertEquals(List.of(), MixerFixture.badgesOf(API.get(m.path("/mixer/likes"), me)), "no refused mark was kept");
    assertEquals(0, count("SELECT count(*) FROM mixer_likes WHERE event_id = ?", m.id()));
    assertTrue(consents(m, 0).isEmpty(), "no receipt for a refused consent");
    // The other one marks back: had anything been stored, this would be a match.
    assertEquals(204, MixerFixture.markSharingAll(m, 1, 0).status());
    assertTrue(matches(m, 1).isEmpty());
    assertTrue(matches(m, 0).isEmpty());
  }

  @Test
  void aMarkMayConsentToNoFieldAtAll() {
    Mixer m = mixer(2);
    Api.Response marked = mark(m, 0, 1);
    assertEquals(204, marked.status(), marked.body());
    List<JsonObject> receipts = consents(m, 0);
    assertEquals(1, receipts.size(), receipts.toString());
    assertReceipt(receipts.get(0), "MARK", m.id(), m.person(1).nickname(), List.of());
  }

  // --- accepts and requests ---

  @Test
  void anAcceptWithoutAValidConsentIsRefusedAndTheRequestStaysOpen() {
    Mixer m = mixer(3);
    long id = MixerFixture.requestId(m, 0, 1, "想认识你");
    assertEquals(200, forward(id).status());
    String target = m.token(1);
    String path = "/api/intro-requests/" + id + "/accept";
    assertError(API.post(path, null, target), 400, "CONSENT_REQUIRED");
    assertError(API.post(path, new JsonObject(), target), 400, "CONSENT_REQUIRED");
    assertError(API.post(path, new JsonObject().put("fields", new JsonArray()), target), 400, "CONSENT_REQUIRED");
    assertError(API.post(path, new JsonObject().put("consentVersion", MixerFixture.ACCEPT), target), 400, "CONSENT_REQUIRED");
    assertError(API.post(path, consent("intro-answer-0", "phone"), target), 409, "CONSENT_OUTDATED");
    assertError(API.post(path, consent(MixerFixture.MARK, "phone"), target), 409, "CONSENT_OUTDATED");
    assertFieldError(API.post(path, consent(MixerFixture.ACCEPT, "email"), target), "fields");
    assertFieldError(API.post(path, consent(MixerFixture.ACCEPT, "phone", "fax"), target), "fields");
    assertFieldError(API.post(path, new JsonObject().put("consentVersion", MixerFixture.ACCEPT).put("fields", "phone"),
        target), "fields");

    assertEquals("FORWARDED", MixerFixture.incoming(m, 1).get(0).getString("status"), "still waiting for her answer");
    assertEquals("OPEN", MixerFixture.outgoing(m, 0, id).getString("status"));
    assertTrue(matches(m, 0).isEmpty());
    assertTrue(matches(m, 1).isEmpty());
    assertTrue(consents(m, 1).isEmpty(), "no receipt for a refused consent");

    // A decline needs no consent at all.
    long other = MixerFixture.requestId(m, 2, 1, "你好");
    assertEquals(200, forward(other).status());
    Api.Response declined = MixerFixture.decline(other, target);
    assertEquals(200, declined.status(), declined.body());

    Api.Response accepted = MixerFixture.accept(id, target, "phone");
    assertEquals(200, accepted.status(), accepted.body());
    assertEquals(new JsonObject().put("phone", m.person(1).phone()), MixerFixture.matchWith(m, 0, 1).getJsonObject("contact"),
        "exactly the consented field");
  }

  @Test
  void aRequestsConsentIsCheckedWhenGivenAndCoversTheWholeCardWhenNot() {
    Mixer m = mixer(3);
    assertError(MixerFixture.request(m, 0, 1, "你好", consent("intro-request-0", "wechat")), 409, "CONSENT_OUTDATED");
    assertFieldError(MixerFixture.request(m, 0, 1, "你好", consent(MixerFixture.REQUEST, "email")), "fields");
    assertFieldError(MixerFixture.request(m, 0, 1, "你好", new JsonObject().put("consentVersion", MixerFixture.REQUEST)
        .put("fields", new JsonArray().add("wechat").add(7))), "fields");
    assertTrue(MixerFixture.outgoing(m, 0).isEmpty(), "nothing was stored");
    assertEquals(0, count("SELECT count(*) FROM intro_requests WHERE event_id = ?", m.id()));
    assertTrue(consents(m, 0).isEmpty());

    Api.Response given = MixerFixture.request(m, 0, 1, "你好", consent(MixerFixture.REQUEST, "wechat"));
    assertEquals(201, given.status(), given.body());
    assertEquals("OPEN", given.json().getString("status"));
    Api.Response none = MixerFixture.request(m, 0, 2, "你好");
    assertEquals(201, none.status(), none.body());

    List<JsonObject> receipts = consents(m, 0);
    assertEquals(2, receipts.size(), receipts.toString());
    assertReceipt(receipts.get(0), "INTRO_REQUEST", m.id(), m.person(2).nickname(), List.of("phone", "wechat"));
    assertReceipt(receipts.get(1), "INTRO_REQUEST", m.id(), m.person(1).nickname(), List.of("wechat"));

    // Accepted, each side gets exactly what the other consented to.
    assertEquals(200, forward(given.json().getLong("id")).status());
    assertEquals(200, MixerFixture.accept(given.json().getLong("id"), m.token(1), "phone").status());
    assertEquals(new JsonObject().put("wechat", m.person(0).wechat()),
        MixerFixture.matchWith(m, 1, 0).getJsonObject("contact"));
    assertEquals(new JsonObject().put("phone", m.person(1).phone()), MixerFixture.matchWith(m, 0, 1).getJsonObject("contact"));
  }

  // --- receipts ---

  @Test
  void everyMarkRequestAndAcceptLeavesAReceiptOfTheExactTextShown() {
    Mixer m = mixer(4);
    String a = m.token(0);
    assertEquals(204, mark(m, 0, 1, "wechat").status());
    long request = MixerFixture.request(m, 0, 2, "想认识你", consent(MixerFixture.REQUEST, "phone")).json().getLong("id");
    assertEquals(200, forward(request).status());
    assertEquals(200, MixerFixture.accept(request, m.token(2), "wechat", "phone").status());
    // A mark made by a client that asked in English is recorded with the English text.
    Api.Response inEnglish = API.send(m.path("/mixer/likes/" + m.badge(3)), "PUT",
        consent(MixerFixture.MARK, "phone", "wechat"), a, Map.of("Accept-Language", "en"));
    assertEquals(204, inEnglish.status(), inEnglish.body());

    List<JsonObject> mine = consents(m, 0);
    assertEquals(3, mine.size(), mine.toString());
    assertReceipt(mine.get(0), "MARK", m.id(), m.person(3).nickname(), List.of("phone", "wechat"));
    assertReceipt(mine.get(1), "INTRO_REQUEST", m.id(), m.person(2).nickname(), List.of("phone"));
    assertReceipt(mine.get(2), "MARK", m.id(), m.person(1).nickname(), List.of("wechat"));
    for (int i = 1; i < mine.size(); i++) {
      assertFalse(OffsetDateTime.parse(mine.get(i).getString("at")).isAfter(OffsetDateTime.parse(mine.get(i - 1).getString("at"))),
          "newest first: " + mine);
    }

    // The text is the template the API lists, with the nickname and the fields filled in.
    String wechatOnly = filledFields(template("MARK"), mine.get(2).getString("text"), m.person(1).nickname());
    assertTrue(wechatOnly.contains("微信"), "the field is named as people read it: " + wechatOnly);
    assertFalse(wechatOnly.contains("手机"), wechatOnly);
    String phoneOnly = filledFields(template("INTRO_REQUEST"), mine.get(1).getString("text"), m.person(2).nickname());
    assertTrue(phoneOnly.contains("手机"), phoneOnly);
    assertFalse(phoneOnly.contains("微信"), phoneOnly);
    Map<String, JsonObject> english = texts(API.send("/api/consent-texts", "GET", null, null, Map.of("Accept-Language", "en")));
    filledFields(english.get("MARK").getString("text"), mine.get(0).getString("text"), m.person(3).nickname());
    assertNotEquals(mine.get(0).getString("textSha256"), mine.get(2).getString("textSha256"));

    List<JsonObject> hers = consents(m, 2);
    assertEquals(1, hers.size(), hers.toString());
    assertReceipt(hers.get(0), "INTRO_ACCEPT", m.id(), m.person(0).nickname(), List.of("phone", "wechat"));
    String both = filledFields(template("INTRO_ACCEPT"), hers.get(0).getString("text"), m.person(0).nickname());
    assertTrue(both.contains("微信") && both.contains("手机"), both);

    // Receipts are one's own: the people I marked, who gave no consent, have none.
    assertTrue(consents(m, 1).isEmpty(), consents(m, 1).toString());
    assertTrue(consents(m, 3).isEmpty(), consents(m, 3).toString());
  }

  @Test
  void withdrawingAMarkARequestOrLeavingStampsTheReceiptWithdrawn() {
    Mixer m = mixer(4);
    assertEquals(204, MixerFixture.markSharingAll(m, 0, 1).status());
    assertEquals(204, MixerFixture.markSharingAll(m, 0, 2).status());
    long request = MixerFixture.requestId(m, 0, 3, "你好");
    for (JsonObject receipt : consents(m, 0)) {
      assertNull(receipt.getValue("withdrawnAt"), receipt.encode());
    }

    assertEquals(204, MixerFixture.unmark(m, 0, 1).status());
    assertEquals(List.of(m.person(1).nickname()), withdrawnTo(m, 0));
    assertEquals(200, MixerFixture.withdraw(request, m.token(0)).status());
    assertEquals(List.of(m.person(1).nickname(), m.person(3).nickname()), withdrawnTo(m, 0));

    assertEquals(204, MixerFixture.delete(m.path("/mixer/me"), m.token(0)).status());
    assertEquals(List.of(m.person(1).nickname(), m.person(2).nickname(), m.person(3).nickname()), withdrawnTo(m, 0));
    for (JsonObject receipt : consents(m, 0)) {
      assertTrue(OffsetDateTime.parse(receipt.getString("withdrawnAt")).isAfter(OffsetDateTime.now().minusMinutes(10)),
          receipt.encode());
      assertEquals(MixerFixture.sha256(receipt.getString("text")), receipt.getString("textSha256"),
          "a withdrawn receipt still proves what was shown");
    }
  }

  private static List<String> withdrawnTo(Mixer m, int who) {
    return consents(m, who).stream().filter(r -> r.getValue("withdrawnAt") != null)
        .map(r -> r.getString("recipientNickname")).sorted().toList();
  }

  @Test
  void theConsentsPageListsMyReceiptsForMeAlone() {
    Mixer m = mixer(2);
    assertEquals(204, MixerFixture.markSharingAll(m, 0, 1).status());
    Api.Response page = API.get("/me/consents", m.token(0));
    assertEquals(200, page.status(), page.body());
    assertTrue(page.header("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
    assertTrue(page.body().contains(m.person(1).nickname()), "the page names whom I consented to");
    assertTrue(page.body().contains(consents(m, 0).get(0).getString("textSha256")) || page.body().contains("微信"),
        "and what I was shown");

    Api.Response theirs = API.get("/me/consents", m.token(1));
    assertEquals(200, theirs.status());
    assertFalse(theirs.body().contains(m.person(0).nickname()), "a mark that was not returned shows nowhere else");
    assertNotEquals(200, TestApp.api().get("/me/consents").status(), "signed-out visitors are sent to sign in");
  }

  @Test
  void aMembersReceiptsAreNotAffectedByWhatTheOtherPersonDoes() {
    Mixer m = mixer(2);
    Mixers.Attendee b = m.person(1);
    assertEquals(204, MixerFixture.markSharingAll(m, 0, 1).status());
    JsonObject before = consents(m, 0).get(0);
    // She changes her nickname and leaves: my receipt still says what I was shown then.
    Mixers.profile(API, b.token(), new JsonObject().put("nickname", "改名" + Mixers.tag()));
    assertEquals(204, MixerFixture.delete(m.path("/mixer/me"), b.token()).status());
    JsonObject after = consents(m, 0).get(0);
    assertEquals(before.getString("text"), after.getString("text"));
    assertEquals(before.getString("textSha256"), after.getString("textSha256"));
    assertEquals(b.nickname(), after.getString("recipientNickname"));
  }
}
