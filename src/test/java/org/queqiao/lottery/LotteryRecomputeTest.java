package org.queqiao.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.Members;
import org.queqiao.support.TestApp;

/**
 * A stranger checks a draw with nothing but what is public: the commitment shown before, then the
 * draw's JSON and the applicant list CSV, and their own code written from docs/lottery.md (not
 * the app's {@link Draw}).
 */
class LotteryRecomputeTest {
  @Test
  void thePublishedDrawIsRecomputedFromTheSeedAndTheApplicantListAlone() throws Exception {
    Api api = TestApp.api();
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long eventId = Events.published(api, organizer.token(), Lotteries.salon("核对抽签 " + Events.token(), 0)
        .put("capacity", null).put("pools", Events.pools("a", "甲组", 3, "b", "乙组", 2)));
    String commitmentBefore = api.get("/api/events/" + eventId + "/draw", null).json().getString("commitment");
    List<Members.Member> people = Members.insert(15, "周");
    for (int i = 0; i < people.size(); i++) {
      Lotteries.apply(api, people.get(i).token(), eventId, new JsonObject().put("pool", i % 2 == 0 ? "a" : "b"));
    }
    api.send("/api/events/" + eventId + "/rsvp", "DELETE", null, people.get(4).token(), Map.of());
    Lotteries.closeRegistration(eventId);
    Api.Response drawn = api.post("/api/events/" + eventId + "/draw", null, organizer.token());
    assertEquals(200, drawn.status(), drawn.body());

    JsonObject draw = api.get("/api/events/" + eventId + "/draw", null).json();
    Api.Response csv = api.get("/api/events/" + eventId + "/draw/applicants.csv", null);
    assertEquals(200, csv.status(), csv.body());
    String secret = draw.getString("secret");
    assertEquals(commitmentBefore, sha256(secret), "the revealed secret is the one committed to before");

    StringBuilder list = new StringBuilder();
    List<String[]> applicants = new ArrayList<>();
    String[] lines = csv.body().split("\n");
    assertEquals("number,pool,maskedName", lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String[] cells = lines[i].split(",", 3);
      applicants.add(cells);
      list.append(cells[0]).append(',').append(cells[1]).append('\n');
    }
    assertEquals(14, applicants.size(), "the withdrawn application is not in the draw");
    assertEquals(draw.getString("applicantsSha256"), sha256(list.toString()));
    String seed = sha256(secret + draw.getString("applicantsSha256"));
    assertEquals(draw.getString("seed"), seed);

    Map<String, String> ticket = new HashMap<>();
    for (String[] a : applicants) {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(seed.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      ticket.put(a[0], String.format("%064x", new BigInteger(1, mac.doFinal(a[0].getBytes(StandardCharsets.UTF_8)))));
    }
    applicants.sort(Comparator.comparing(a -> ticket.get(a[0])));
    JsonObject seats = draw.getJsonObject("seats");
    Map<String, Integer> taken = new HashMap<>();
    List<String> expected = new ArrayList<>();
    for (String[] a : applicants) {
      int position = taken.merge(a[1], 1, Integer::sum);
      expected.add(a[0] + " " + a[1] + " " + position + " " + (position <= seats.getInteger(a[1]) ? "CONFIRMED" : "WAITLISTED"));
    }
    List<String> published = draw.getJsonArray("results").stream().map(o -> (JsonObject) o)
        .map(r -> r.getInteger("number") + " " + r.getString("pool") + " " + r.getInteger("position") + " "
            + r.getString("status")).toList();
    assertEquals(expected, published, "the published order and results are the recomputed ones");
  }

  private static String sha256(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return String.format("%064x", new BigInteger(1, digest));
  }
}
