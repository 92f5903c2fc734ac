package org.queqiao.checkin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Rotating, signed ticket and venue codes. Time is cut into 30-second steps; a code is an HMAC of
 * what it stands for and the step. Tickets are signed with the sign-up's own secret (derived from
 * the event's door key, derived from the server key), which the member's phone holds, so it makes
 * them with no network: the QR {@code T2.e.r.s.<HMAC>} and the six-digit TOTP. Phone-made codes are
 * accepted one step either side of their own (phone clocks drift), so a screenshot stops working
 * within about a minute. {@code T1} tokens signed by the server key alone are still accepted.
 */
public final class TicketCodes {
  public static final int STEP_SECONDS = 30;
  /** The venue code just replaced still works this long, for someone typing it as it changes. */
  static final int VENUE_GRACE_SECONDS = 10;
  private static final String TICKET = "T1";
  /** A ticket QR signed with the sign-up's own secret, so the member's phone can make it offline. */
  private static final String OFFLINE_TICKET = "T2";
  private static final String VENUE = "V1";

  private final byte[] key;

  /** Derives its own key from the token signing secret, so tickets and sessions never share one. */
  public TicketCodes(byte[] secret) {
    this.key = hmac(secret, "queqiao-ticket-codes-v1".getBytes(StandardCharsets.UTF_8));
  }

  public static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** Seconds until the current code changes, for the page to refresh just in time. */
  public static int secondsLeft(Instant at) {
    return (int) (STEP_SECONDS - Math.floorMod(at.getEpochSecond(), STEP_SECONDS));
  }

  /**
   * The key a door phone holds to verify this event's tickets offline: every ticket secret of the
   * event is derived from it, and it opens no other event.
   */
  public byte[] doorKey(long eventId) {
    return hmac(key, ("door-event-key|" + eventId).getBytes(StandardCharsets.UTF_8));
  }

  /** The sign-up's own secret (20 bytes, as authenticator apps use), given only to its owner. */
  public byte[] ticketSecret(long eventId, long rsvpId) {
    return ticketSecret(doorKey(eventId), rsvpId);
  }

  public static byte[] ticketSecret(byte[] doorKey, long rsvpId) {
    return java.util.Arrays.copyOf(hmac(doorKey, ("ticket-secret|" + rsvpId).getBytes(StandardCharsets.UTF_8)), 20);
  }

  /** The QR the member's phone computes itself: {@code T2.e.r.s.<HMAC of that under the ticket secret>}. */
  public String offlineToken(long eventId, long rsvpId, long step) {
    String body = OFFLINE_TICKET + "." + eventId + "." + rsvpId + "." + step;
    return body + "." + base64(hmac(ticketSecret(eventId, rsvpId), body.getBytes(StandardCharsets.UTF_8)));
  }

  public String ticketToken(long eventId, long rsvpId, long step) {
    String body = TICKET + "." + eventId + "." + rsvpId + "." + step;
    return body + "." + signature(body);
  }

  /** The spoken code: RFC 6238 TOTP (HMAC-SHA256, 30 s, six digits) of the sign-up's secret. */
  public String ticketDigits(long eventId, long rsvpId, long step) {
    return totp(ticketSecret(eventId, rsvpId), step);
  }

  static String totp(byte[] secret, long step) {
    return truncate(hmac(secret, ByteBuffer.allocate(8).putLong(step).array()));
  }

  public String venueToken(long eventId, long step) {
    String body = VENUE + "." + eventId + "." + step;
    return body + "." + signature(body);
  }

  public String venueDigits(long eventId, long step) {
    return digits("venue-digits|" + eventId + "|" + step);
  }

  /** The sign-up a ticket token names, if it is genuine, for this event, and current at {@code at}. */
  public Optional<Long> verifyTicket(String token, long eventId, Instant at) {
    String[] parts = token == null ? new String[0] : token.strip().split("\\.");
    if (parts.length != 5 || !(TICKET.equals(parts[0]) || OFFLINE_TICKET.equals(parts[0]))) {
      return Optional.empty();
    }
    try {
      long tokenEvent = Long.parseLong(parts[1]);
      long rsvpId = Long.parseLong(parts[2]);
      long step = Long.parseLong(parts[3]);
      String body = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
      boolean offline = OFFLINE_TICKET.equals(parts[0]);
      String expected = offline
          ? base64(hmac(ticketSecret(eventId, rsvpId), body.getBytes(StandardCharsets.UTF_8)))
          : signature(body);
      boolean inTime = offline ? currentWithSkew(step, at) : current(step, at);
      if (tokenEvent != eventId || !inTime || !sameSignature(expected, parts[4])) {
        return Optional.empty();
      }
      return Optional.of(rsvpId);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether six digits are the ticket code of this sign-up in the previous, current or next step:
   * the member's phone computes them with its own clock, which may be a little ahead or behind.
   */
  public boolean ticketDigitsMatch(String digits, long eventId, long rsvpId, Instant at) {
    long step = step(at);
    byte[] secret = ticketSecret(eventId, rsvpId);
    for (long s = step - 1; s <= step + 1; s++) {
      if (sameSignature(totp(secret, s), digits)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Accepts the venue QR token or its six digits: the current one, and the one before only in the
   * first seconds after it changed — so one code is valid at most times, two only briefly.
   */
  public boolean verifyVenue(String code, long eventId, Instant at) {
    if (code == null) {
      return false;
    }
    String text = code.strip().replace(" ", "");
    long step = step(at);
    boolean previousToo = STEP_SECONDS - secondsLeft(at) < VENUE_GRACE_SECONDS;
    if (text.matches("\\d{6}")) {
      return sameSignature(venueDigits(eventId, step), text)
          || (previousToo && sameSignature(venueDigits(eventId, step - 1), text));
    }
    String[] parts = text.split("\\.");
    if (parts.length != 4 || !VENUE.equals(parts[0])) {
      return false;
    }
    try {
      long tokenEvent = Long.parseLong(parts[1]);
      long tokenStep = Long.parseLong(parts[2]);
      String body = parts[0] + "." + parts[1] + "." + parts[2];
      return tokenEvent == eventId && (tokenStep == step || (previousToo && tokenStep == step - 1))
          && sameSignature(signature(body), parts[3]);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean current(long step, Instant at) {
    long now = step(at);
    return step == now || step == now - 1;
  }

  /** A phone-made code: its own step, one behind (just changed) or one ahead (a phone clock running fast). */
  private static boolean currentWithSkew(long step, Instant at) {
    long now = step(at);
    return step >= now - 1 && step <= now + 1;
  }

  private static String base64(byte[] mac) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 12));
  }

  /** RFC 4226 dynamic truncation to six digits. */
  private static String truncate(byte[] mac) {
    int offset = mac[mac.length - 1] & 0x0f;
    int value = ByteBuffer.wrap(mac, offset, 4).getInt() & 0x7fffffff;
    return String.format("%06d", value % 1_000_000);
  }

  /** RFC 4648 base32 without padding, as authenticator apps read secrets. */
  public static String base32(byte[] bytes) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  private String signature(String body) {
    byte[] mac = hmac(key, body.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 12));
  }

  private String digits(String body) {
    return truncate(hmac(key, body.getBytes(StandardCharsets.UTF_8)));
  }

  private static boolean sameSignature(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given.strip().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
