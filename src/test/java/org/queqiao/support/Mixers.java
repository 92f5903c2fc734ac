package org.queqiao.support;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mixer fixtures over the API: attendees with a profile and a contact card (made fast with
 * {@link Members}), mixers, sign-ups and the organiser's check-in that hands out badges.
 */
public final class Mixers {
  private static final AtomicLong PHONE = new AtomicLong((System.nanoTime() / 1000) % 10_000_000L);

  private Mixers() {}

  /** A member ready for a mixer: profile set (nickname, gender, birth year) and a contact card. */
  public record Attendee(long id, String displayName, String token, String nickname, String gender, String phone,
      String wechat) {}

  /** A phone number no other test uses: 136 then eight digits, all distinct within a run. */
  public static String newPhone() {
    return "136" + String.format("%08d", PHONE.incrementAndGet() % 100_000_000L);
  }

  /** A short token to make nicknames unique; letters only, so no nickname contains another. */
  public static String tag() {
    StringBuilder out = new StringBuilder();
    for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 8).toCharArray()) {
      out.append((char) ('a' + Character.digit(c, 16) % 26));
    }
    return out.toString();
  }

  /**
   * Members with the given nicknames (one per gender in turn) and a card sharing a fresh phone
   * number and a WeChat ID; {@code card} false leaves them without a card.
   */
  public static List<Attendee> attendees(Api api, List<String> nicknames, List<String> genders, boolean card) {
    List<Members.Member> members = Members.insert(nicknames.size(), "联谊会员" + tag());
    List<Attendee> out = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Members.Member m = members.get(i);
      String gender = genders.get(i % genders.size());
      profile(api, m.token(), new JsonObject().put("nickname", nicknames.get(i)).put("gender", gender).put("birthYear", 1994));
      String phone = null;
      String wechat = null;
      if (card) {
        phone = newPhone();
        wechat = "wx_" + tag() + i;
        Api.Response saved = api.put("/api/me/contact-card", new JsonObject().put("phone", phone).put("wechat", wechat),
            m.token());
        if (saved.status() != 200) {
          throw new AssertionError("could not save a contact card: " + saved);
        }
      }
      out.add(new Attendee(m.id(), m.displayName(), m.token(), nicknames.get(i), gender, phone, wechat));
    }
    return out;
  }

  public static void profile(Api api, String token, JsonObject changes) {
    Api.Response patched = api.patch("/api/me", changes, token);
    if (patched.status() != 200) {
      throw new AssertionError("could not set the profile: " + patched);
    }
  }

  /** A member (no password) whom the admin has given a role, e.g. ORGANIZER or MATCHMAKER. */
  public static Members.Member withRole(Api api, String adminToken, String role, String name) {
    Members.Member member = Members.insert(1, name).get(0);
    Roles.set(api, adminToken, member.id(), role);
    return member;
  }

  /** A published mixer in ten days' time with this many seats (half for women). */
  public static long mixer(Api api, String organizerToken, int capacity) {
    return Events.published(api, organizerToken,
        Events.body("MIXER", "单身职工联谊 " + Events.token(), Events.evening(10)).put("capacity", capacity));
  }

  /** Signs the member up (declaring they are single); returns the sign-up's id. */
  public static long signUp(Api api, long eventId, String memberToken) {
    Api.Response rsvp = api.post("/api/events/" + eventId + "/rsvp", new JsonObject().put("declaresSingle", true),
        memberToken);
    if (rsvp.status() != 201 || !"CONFIRMED".equals(rsvp.json().getString("status"))) {
      throw new AssertionError("could not sign up for the mixer: " + rsvp);
    }
    return rsvp.json().getLong("rsvpId");
  }

  /** The organiser checks a sign-up in at the door; returns the badge number it was given. */
  public static int checkIn(Api api, long eventId, String organizerToken, long rsvpId) {
    Api.Response checked = api.post("/api/events/" + eventId + "/checkins", new JsonObject().put("rsvpId", rsvpId),
        organizerToken);
    if (checked.status() != 201 || checked.json().getInteger("badge") == null) {
      throw new AssertionError("could not check in: " + checked);
    }
    return checked.json().getInteger("badge");
  }

  /** Sign-up and check-in: the badge. */
  public static int attend(Api api, long eventId, String organizerToken, String memberToken) {
    return checkIn(api, eventId, organizerToken, signUp(api, eventId, memberToken));
  }

  public static Api.Response delete(Api api, String path, String token) {
    return api.send(path, "DELETE", null, token, Map.of());
  }
}
