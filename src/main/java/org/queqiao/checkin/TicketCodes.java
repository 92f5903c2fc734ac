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
 * what it stands for and the step, and is accepted in its own step and the next one — so a
 * screenshot stops working within a minute. The QR form is a compact token; the spoken form is six
 * digits derived the same way (TOTP-like), looked up among the event's confirmed sign-ups.
 */
public final class TicketCodes {
  public static final int STEP_SECONDS = 30;
  /** The venue code just replaced still works this long, for someone typing it as it changes. */
  static final int VENUE_GRACE_SECONDS = 10;
  private static final String TICKET = "T1";
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

  public String ticketToken(long eventId, long rsvpId, long step) {
    String body = TICKET + "." + eventId + "." + rsvpId + "." + step;
    return body + "." + signature(body);
  }

  public String ticketDigits(long eventId, long rsvpId, long step) {
    return digits("ticket-digits|" + eventId + "|" + rsvpId + "|" + step);
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
    if (parts.length != 5 || !TICKET.equals(parts[0])) {
      return Optional.empty();
    }
    try {
      long tokenEvent = Long.parseLong(parts[1]);
      long rsvpId = Long.parseLong(parts[2]);
      long step = Long.parseLong(parts[3]);
      String body = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
      if (tokenEvent != eventId || !current(step, at) || !sameSignature(signature(body), parts[4])) {
        return Optional.empty();
      }
      return Optional.of(rsvpId);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether six digits are the ticket code of this sign-up now or in the previous step. */
  public boolean ticketDigitsMatch(String digits, long eventId, long rsvpId, Instant at) {
    long step = step(at);
    return sameSignature(ticketDigits(eventId, rsvpId, step), digits)
        || sameSignature(ticketDigits(eventId, rsvpId, step - 1), digits);
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

  private String signature(String body) {
    byte[] mac = hmac(key, body.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 12));
  }

  private String digits(String body) {
    byte[] mac = hmac(key, body.getBytes(StandardCharsets.UTF_8));
    int offset = mac[mac.length - 1] & 0x0f;
    int value = ByteBuffer.wrap(mac, offset, 4).getInt() & 0x7fffffff;
    return String.format("%06d", value % 1_000_000);
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
