package org.queqiao.checkin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rotating ticket and venue codes on their own: fixed instants, no server. */
class TicketCodesTest {
  private static final byte[] SECRET = "a-ticket-test-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER_SECRET = "another-secret-entirely-also-32-bytes-long".getBytes(StandardCharsets.UTF_8);

  private static final long EVENT = 4711;
  private static final long OTHER_EVENT = 4712;
  private static final long RSVP = 90210;
  private static final long OTHER_RSVP = 90211;

  /** The first second of a 30-second step (epoch seconds divisible by 30). */
  private static final Instant STEP_START = Instant.parse("2026-12-05T11:00:00Z");
  /** Ten seconds into that step: when the code below is issued. */
  private static final Instant ISSUED = STEP_START.plusSeconds(10);

  private final TicketCodes codes = new TicketCodes(SECRET);
  private final TicketCodes otherKey = new TicketCodes(OTHER_SECRET);

  private static long issuedStep() {
    return TicketCodes.step(ISSUED);
  }

  // --- steps ---

  @Test
  void timeIsCutIntoThirtySecondStepsAndSecondsLeftCountsDownToTheNextOne() {
    assertEquals(0, STEP_START.getEpochSecond() % 30, "test premise: STEP_START begins a step");
    assertEquals(TicketCodes.step(STEP_START), TicketCodes.step(STEP_START.plusSeconds(29)));
    assertEquals(TicketCodes.step(STEP_START) + 1, TicketCodes.step(STEP_START.plusSeconds(30)));
    assertEquals(TicketCodes.step(STEP_START) - 1, TicketCodes.step(STEP_START.minusSeconds(1)));
    assertEquals(30, TicketCodes.secondsLeft(STEP_START));
    assertEquals(20, TicketCodes.secondsLeft(ISSUED));
    assertEquals(1, TicketCodes.secondsLeft(STEP_START.plusSeconds(29)));
  }

  // --- ticket tokens (the QR) ---

  @Test
  void aTicketTokenVerifiesForItsEventInItsOwnStepAndTheNext() {
    String token = codes.ticketToken(EVENT, RSVP, issuedStep());

    assertEquals(Optional.of(RSVP), codes.verifyTicket(token, EVENT, ISSUED));
    assertEquals(Optional.of(RSVP), codes.verifyTicket(token, EVENT, STEP_START), "first second of its step");
    assertEquals(Optional.of(RSVP), codes.verifyTicket(token, EVENT, STEP_START.plusSeconds(30)), "start of next step");
    assertEquals(Optional.of(RSVP), codes.verifyTicket(token, EVENT, STEP_START.plusSeconds(59)), "end of next step");
  }

  @Test
  void aTicketTokenHasExpiredTwoStepsLater() {
    String token = codes.ticketToken(EVENT, RSVP, issuedStep());

    assertEquals(Optional.empty(), codes.verifyTicket(token, EVENT, STEP_START.plusSeconds(60)));
    assertEquals(Optional.empty(), codes.verifyTicket(token, EVENT, ISSUED.plusSeconds(60)));
    assertEquals(Optional.empty(), codes.verifyTicket(token, EVENT, ISSUED.plusSeconds(3600)));
  }

  @Test
  void aTicketTokenFromALaterStepIsNotAcceptedBeforeItsTime() {
    String future = codes.ticketToken(EVENT, RSVP, issuedStep() + 1);

    assertEquals(Optional.empty(), codes.verifyTicket(future, EVENT, ISSUED));
    assertEquals(Optional.of(RSVP), codes.verifyTicket(future, EVENT, ISSUED.plusSeconds(30)), "positive control");
  }

  @Test
  void aTicketTokenDoesNotVerifyForAnotherEvent() {
    String token = codes.ticketToken(EVENT, RSVP, issuedStep());

    assertEquals(Optional.empty(), codes.verifyTicket(token, OTHER_EVENT, ISSUED));
  }

  @Test
  void changingAnyCharacterOfATicketTokenMakesItInvalid() {
    String token = codes.ticketToken(EVENT, RSVP, issuedStep());
    assertTrue(codes.verifyTicket(token, EVENT, ISSUED).isPresent(), "positive control");

    List<String> accepted = new ArrayList<>();
    for (String changed : everySingleCharacterChange(token)) {
      if (codes.verifyTicket(changed, EVENT, ISSUED).isPresent()) {
        accepted.add(changed);
      }
    }
    assertEquals(List.of(), accepted, "changed tokens that still verified (original " + token + ")");
  }

  @Test
  void aTicketTokenWhoseBodyNamesAnotherSignUpButKeepsTheOriginalSignatureIsRefused() {
    String token = codes.ticketToken(EVENT, RSVP, issuedStep());
    String signature = token.substring(token.lastIndexOf('.') + 1);

    String otherSignUp = "T1." + EVENT + "." + OTHER_RSVP + "." + issuedStep() + "." + signature;
    String laterStep = "T1." + EVENT + "." + RSVP + "." + (issuedStep() + 5) + "." + signature;

    assertEquals(Optional.empty(), codes.verifyTicket(otherSignUp, EVENT, ISSUED));
    assertEquals(Optional.empty(), codes.verifyTicket(laterStep, EVENT, ISSUED.plusSeconds(150)));
  }

  @Test
  void malformedTicketTokensAreRefusedWithoutAnError() {
    String token = codes.ticketToken(EVENT, RSVP, issuedStep());
    String withoutSignature = token.substring(0, token.lastIndexOf('.'));

    for (String garbage : new String[] {null, "", "   ", "hello", "T1", "T1....", withoutSignature, withoutSignature + ".",
        token + ".extra", "T1.x.y.z.sig", token.replace("T1.", "V1.")}) {
      assertEquals(Optional.empty(), codes.verifyTicket(garbage, EVENT, ISSUED), "accepted: " + garbage);
    }
  }

  @Test
  void aTicketTokenSignedWithAnotherKeyIsRefused() {
    String foreign = otherKey.ticketToken(EVENT, RSVP, issuedStep());

    assertNotEquals(codes.ticketToken(EVENT, RSVP, issuedStep()), foreign);
    assertEquals(Optional.empty(), codes.verifyTicket(foreign, EVENT, ISSUED));
    assertEquals(Optional.of(RSVP), otherKey.verifyTicket(foreign, EVENT, ISSUED), "positive control with its own key");
  }

  // --- ticket digits (the spoken code) ---

  @Test
  void ticketDigitsAreSixDigitsAndMatchInTheirOwnStepAndTheNext() {
    String digits = codes.ticketDigits(EVENT, RSVP, issuedStep());

    assertTrue(digits.matches("\\d{6}"), digits);
    assertTrue(codes.ticketDigitsMatch(digits, EVENT, RSVP, ISSUED));
    assertTrue(codes.ticketDigitsMatch(digits, EVENT, RSVP, STEP_START.plusSeconds(30)));
    assertTrue(codes.ticketDigitsMatch(digits, EVENT, RSVP, STEP_START.plusSeconds(59)));
  }

  @Test
  void ticketDigitsHaveExpiredTwoStepsLaterAndMatchOnlyOneStepEarlyForAPhoneClockRunningFast() {
    String digits = codes.ticketDigits(EVENT, RSVP, issuedStep());

    assertFalse(codes.ticketDigitsMatch(digits, EVENT, RSVP, STEP_START.plusSeconds(60)));
    assertTrue(codes.ticketDigitsMatch(digits, EVENT, RSVP, STEP_START.minusSeconds(1)), "phone 1 s ahead");
    assertFalse(codes.ticketDigitsMatch(digits, EVENT, RSVP, STEP_START.minusSeconds(31)), "two steps early");
  }

  // --- the offline ticket: RFC 6238 and the phone-made QR ---

  /** RFC 6238 appendix B, SHA-256 column: the spoken code is standard TOTP of the ticket secret. */
  @Test
  void totpMatchesTheRfc6238ReferenceValues() {
    byte[] seed = "12345678901234567890123456789012".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals("119246", TicketCodes.totp(seed, 59L / 30));
    assertEquals("084774", TicketCodes.totp(seed, 1111111109L / 30));
    assertEquals("062674", TicketCodes.totp(seed, 1111111111L / 30));
    assertEquals("819424", TicketCodes.totp(seed, 1234567890L / 30));
    assertEquals("698825", TicketCodes.totp(seed, 2000000000L / 30));
    assertEquals("737706", TicketCodes.totp(seed, 20000000000L / 30));
  }

  @Test
  void theSpokenCodeIsTotpOfTheSecretTheMemberIsGivenAndEachSignUpHasItsOwn() {
    byte[] secret = codes.ticketSecret(EVENT, RSVP);
    assertEquals(20, secret.length);
    assertEquals(TicketCodes.totp(secret, issuedStep()), codes.ticketDigits(EVENT, RSVP, issuedStep()));
    assertArrayEquals(secret, TicketCodes.ticketSecret(codes.doorKey(EVENT), RSVP), "the door key derives it");
    assertFalse(java.util.Arrays.equals(secret, codes.ticketSecret(EVENT, OTHER_RSVP)));
    assertFalse(java.util.Arrays.equals(secret, codes.ticketSecret(OTHER_EVENT, RSVP)));
    assertFalse(java.util.Arrays.equals(secret, otherKey.ticketSecret(EVENT, RSVP)));
    assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", TicketCodes.base32("12345678901234567890".getBytes()));
  }

  @Test
  void aPhoneMadeQrIsAcceptedOneStepEitherSideAndExpiresTwoStepsLater() {
    String token = codes.offlineToken(EVENT, RSVP, issuedStep());

    assertTrue(token.startsWith("T2." + EVENT + "." + RSVP + "."), token);
    assertEquals(Optional.of(RSVP), codes.verifyTicket(token, EVENT, ISSUED));
    assertEquals(Optional.of(RSVP), codes.verifyTicket(token, EVENT, STEP_START.plusSeconds(59)), "a step behind");
    assertEquals(Optional.of(RSVP), codes.verifyTicket(token, EVENT, STEP_START.minusSeconds(1)), "phone clock ahead");
    assertEquals(Optional.empty(), codes.verifyTicket(token, EVENT, STEP_START.plusSeconds(60)), "a screenshot expires");
    assertEquals(Optional.empty(), codes.verifyTicket(token, EVENT, STEP_START.minusSeconds(31)));
    assertEquals(Optional.empty(), codes.verifyTicket(token, OTHER_EVENT, ISSUED));
    assertEquals(Optional.empty(), otherKey.verifyTicket(token, EVENT, ISSUED), "another server key");
    String[] parts = token.split("\\.");
    assertEquals(Optional.empty(), codes.verifyTicket(
        parts[0] + "." + parts[1] + "." + OTHER_RSVP + "." + parts[3] + "." + parts[4], EVENT, ISSUED), "moved to another sign-up");
  }

  @Test
  void ticketDigitsDoNotMatchAnotherEventOrAnotherSignUp() {
    String digits = codes.ticketDigits(EVENT, RSVP, issuedStep());

    assertFalse(codes.ticketDigitsMatch(digits, OTHER_EVENT, RSVP, ISSUED));
    assertFalse(codes.ticketDigitsMatch(digits, EVENT, OTHER_RSVP, ISSUED));
  }

  @Test
  void changingAnyDigitOfTheSpokenCodeMakesItWrong() {
    String digits = codes.ticketDigits(EVENT, RSVP, issuedStep());

    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < digits.length(); i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d != digits.charAt(i)) {
          String changed = digits.substring(0, i) + d + digits.substring(i + 1);
          if (codes.ticketDigitsMatch(changed, EVENT, RSVP, ISSUED)) {
            accepted.add(changed);
          }
        }
      }
    }
    assertEquals(List.of(), accepted, "original " + digits);
    assertFalse(codes.ticketDigitsMatch(digits.substring(1), EVENT, RSVP, ISSUED), "five digits");
    assertFalse(codes.ticketDigitsMatch(digits + "0", EVENT, RSVP, ISSUED), "seven digits");
    assertFalse(codes.ticketDigitsMatch(null, EVENT, RSVP, ISSUED));
  }

  @Test
  void ticketDigitsFromAnotherKeyDoNotMatch() {
    String foreign = otherKey.ticketDigits(EVENT, RSVP, issuedStep());

    assertNotEquals(codes.ticketDigits(EVENT, RSVP, issuedStep()), foreign);
    assertFalse(codes.ticketDigitsMatch(foreign, EVENT, RSVP, ISSUED));
    assertTrue(otherKey.ticketDigitsMatch(foreign, EVENT, RSVP, ISSUED), "positive control with its own key");
  }

  @Test
  void ticketTokensAndDigitsDifferBetweenSignUpsAndBetweenSteps() {
    long step = issuedStep();
    Set<String> tokens = new HashSet<>();
    Set<String> digits = new HashSet<>();
    int made = 0;
    for (long rsvp = RSVP; rsvp < RSVP + 10; rsvp++) {
      for (long s = step; s < step + 5; s++) {
        tokens.add(codes.ticketToken(EVENT, rsvp, s));
        digits.add(codes.ticketDigits(EVENT, rsvp, s));
        made++;
      }
    }
    assertEquals(made, tokens.size(), "every (sign-up, step) has its own token");
    assertEquals(made, digits.size(), "every (sign-up, step) has its own six digits");
    assertNotEquals(codes.ticketDigits(EVENT, RSVP, step), codes.ticketDigits(OTHER_EVENT, RSVP, step));
  }

  // --- venue codes ---

  @Test
  void aVenueTokenVerifiesForItsEventInItsOwnStepAndOnlyTenSecondsIntoTheNext() {
    String token = codes.venueToken(EVENT, issuedStep());

    assertTrue(codes.verifyVenue(token, EVENT, ISSUED));
    assertTrue(codes.verifyVenue(token, EVENT, STEP_START.plusSeconds(39)), "typed just as it changed");
    assertFalse(codes.verifyVenue(token, EVENT, STEP_START.plusSeconds(40)),
        "issue 14: two codes are valid only briefly, not for a whole step");
    assertFalse(codes.verifyVenue(token, EVENT, STEP_START.plusSeconds(60)), "expired two steps later");
    assertFalse(codes.verifyVenue(token, EVENT, STEP_START.minusSeconds(1)), "not before its step");
    assertFalse(codes.verifyVenue(token, OTHER_EVENT, ISSUED), "another event");
  }

  @Test
  void changingAnyCharacterOfAVenueTokenMakesItInvalid() {
    String token = codes.venueToken(EVENT, issuedStep());

    List<String> accepted = new ArrayList<>();
    for (String changed : everySingleCharacterChange(token)) {
      if (codes.verifyVenue(changed, EVENT, ISSUED)) {
        accepted.add(changed);
      }
    }
    assertEquals(List.of(), accepted, "original " + token);
  }

  @Test
  void aVenueTokenFromAnotherKeyOrOfTheWrongKindIsRefused() {
    assertFalse(codes.verifyVenue(otherKey.venueToken(EVENT, issuedStep()), EVENT, ISSUED));
    assertTrue(otherKey.verifyVenue(otherKey.venueToken(EVENT, issuedStep()), EVENT, ISSUED), "positive control");
    assertFalse(codes.verifyVenue(codes.ticketToken(EVENT, RSVP, issuedStep()), EVENT, ISSUED),
        "a member's ticket is not the venue code");
    assertTrue(codes.verifyTicket(codes.venueToken(EVENT, issuedStep()), EVENT, ISSUED).isEmpty(),
        "the venue code is not a ticket");
    for (String garbage : new String[] {null, "", "hello", "V1", "V1...", "V1.x.y.z"}) {
      assertFalse(codes.verifyVenue(garbage, EVENT, ISSUED), "accepted: " + garbage);
    }
  }

  @Test
  void venueDigitsMatchInTheirOwnStepAndBrieflyAfterOnlyForTheirEventAndKey() {
    String digits = codes.venueDigits(EVENT, issuedStep());

    assertTrue(digits.matches("\\d{6}"), digits);
    assertTrue(codes.verifyVenue(digits, EVENT, ISSUED));
    assertTrue(codes.verifyVenue(digits.substring(0, 3) + " " + digits.substring(3), EVENT, ISSUED),
        "read out in two groups of three");
    assertTrue(codes.verifyVenue(digits, EVENT, STEP_START.plusSeconds(39)), "typed just as it changed");
    assertFalse(codes.verifyVenue(digits, EVENT, STEP_START.plusSeconds(40)), "not for the whole next step");
    assertFalse(codes.verifyVenue(digits, EVENT, STEP_START.plusSeconds(60)), "expired two steps later");
    assertFalse(codes.verifyVenue(digits, OTHER_EVENT, ISSUED), "another event");
    assertFalse(codes.verifyVenue(otherKey.venueDigits(EVENT, issuedStep()), EVENT, ISSUED), "another key");
    assertFalse(codes.verifyVenue(codes.ticketDigits(EVENT, RSVP, issuedStep()), EVENT, ISSUED),
        "a member's spoken ticket code is not the venue code");
  }

  @Test
  void changingAnyDigitOfTheVenueCodeMakesItWrong() {
    String digits = codes.venueDigits(EVENT, issuedStep());

    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < digits.length(); i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d != digits.charAt(i)) {
          String changed = digits.substring(0, i) + d + digits.substring(i + 1);
          if (codes.verifyVenue(changed, EVENT, ISSUED)) {
            accepted.add(changed);
          }
        }
      }
    }
    assertEquals(List.of(), accepted, "original " + digits);
  }

  @Test
  void venueTokensAndDigitsDifferBetweenStepsAndEvents() {
    long step = issuedStep();
    Set<String> tokens = new HashSet<>();
    Set<String> digits = new HashSet<>();
    int made = 0;
    for (long event = EVENT; event < EVENT + 5; event++) {
      for (long s = step; s < step + 10; s++) {
        tokens.add(codes.venueToken(event, s));
        digits.add(codes.venueDigits(event, s));
        made++;
      }
    }
    assertEquals(made, tokens.size());
    assertEquals(made, digits.size());
  }

  /** The text with each character, one at a time, replaced by a different one. */
  private static List<String> everySingleCharacterChange(String text) {
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      for (char replacement : replacementsFor(c)) {
        changed.add(text.substring(0, i) + replacement + text.substring(i + 1));
      }
    }
    return changed;
  }

  private static char[] replacementsFor(char c) {
    if (Character.isDigit(c)) {
      return new char[] {(char) ('0' + (c - '0' + 1) % 10), (char) ('0' + (c - '0' + 5) % 10), 'a'};
    }
    if (Character.isUpperCase(c)) {
      return new char[] {c == 'Z' ? 'A' : (char) (c + 1), Character.toLowerCase(c), '7'};
    }
    if (Character.isLowerCase(c)) {
      return new char[] {c == 'z' ? 'a' : (char) (c + 1), Character.toUpperCase(c), '7'};
    }
    if (c == '.') {
      return new char[] {'-', '_', '0'};
    }
    return new char[] {c == '-' ? '_' : '-', 'A', '0'};
  }
}
