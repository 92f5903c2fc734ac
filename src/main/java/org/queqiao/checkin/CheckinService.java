package org.queqiao.checkin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.auth.AttemptThrottle;
import org.queqiao.events.Event;
import org.queqiao.events.EventType;
import org.queqiao.rsvp.Rsvp;
import org.queqiao.rsvp.RsvpRepository;
import org.queqiao.rsvp.RsvpService;
import org.queqiao.users.LoginNames;
import org.queqiao.users.User;
import org.queqiao.users.UserRepository;
import org.queqiao.web.ApiError;
import org.queqiao.web.Times;

/**
 * Checking people in: by ticket QR, spoken code, name search, the venue code, or as a walk-in.
 * Every method takes the {@link Event} that the route's access check authorised, and owns its
 * transaction.
 */
public final class CheckinService {
  /** How long a scan may wait in an offline phone's queue and still count as made when it was made. */
  static final Duration OFFLINE_GRACE = Duration.ofMinutes(15);
  /** The venue code opens self check-in this long before the start, until the end. */
  static final Duration VENUE_OPENS_BEFORE = Duration.ofHours(2);

  private final Pool pool;
  private final CheckinRepository checkins;
  private final RsvpRepository rsvps;
  private final RsvpService rsvpService;
  private final UserRepository users;
  private final TicketCodes codes;
  private final URI publicBaseUrl;
  private final Clock clock;
  private final AttemptThrottle venueGuesses;
  private final AttemptThrottle codeGuesses;
  /** The lagging client ({@link org.queqiao.db.ReadClient#lagging}): a report may be a moment behind. */
  private final SqlClient reports;
  private final DoorService door;
  private final MeterRegistry meters;

  /**
   * {@code venueGuesses} counts wrong venue codes per member and event; {@code codeGuesses} wrong
   * six-digit ticket codes per scanning session and event. Both answer 429 past their limit.
   */
  public CheckinService(Pool pool, CheckinRepository checkins, RsvpRepository rsvps, RsvpService rsvpService,
      UserRepository users, TicketCodes codes, URI publicBaseUrl, Clock clock, AttemptThrottle venueGuesses,
      AttemptThrottle codeGuesses, MeterRegistry meters, SqlClient reports) {
    this.meters = meters;
    this.reports = reports;
    this.venueGuesses = venueGuesses;
    this.codeGuesses = codeGuesses;
    this.pool = pool;
    this.checkins = checkins;
    this.rsvps = rsvps;
    this.rsvpService = rsvpService;
    this.users = users;
    this.codes = codes;
    this.publicBaseUrl = publicBaseUrl;
    this.clock = clock;
    this.door = new DoorService(pool, this, checkins, new DoorRepository(), clock);
  }

  /** The offline door (kits, sync, gates), built here so it shares this service's pool and codes. */
  public DoorService door() {
    return door;
  }

  /** {@code secret} is the sign-up's own base32 TOTP secret, from which the phone makes the codes offline. */
  public record Ticket(String code, String qr, int refreshSeconds, Rsvp rsvp, String secret) {}

  /** The code shown at the door: six digits to type, a QR that is a link, and when it changes. */
  public record VenueCode(String digits, String link, int refreshSeconds) {}

  /**
   * The organiser's or door staff's check-in of a ticket QR, a spoken code, or a sign-up chosen from
   * a search. {@code device} names the scanning session: wrong codes are counted per device.
   */
  public Future<CheckinRepository.Outcome> checkIn(User by, Event event, JsonObject body, String device) {
    return Future.succeededFuture().compose(start -> checkInNow(by, event, body, device));
  }

  private Future<CheckinRepository.Outcome> checkInNow(User by, Event event, JsonObject body, String device) {
    refuseIfNotOpen(event);
    long eventId = event.id();
    // The server's clock decides; the scanning phone's own time (a queued offline scan) is only
    // a second chance, so a phone whose clock is a little slow never refuses a fresh ticket.
    Instant now = clock.instant();
    Optional<Instant> scanned = scannedAt(body.getValue("scannedAt"), now);
    if (body.getValue("qr") instanceof String qr && !qr.isBlank()) {
      Optional<Long> byNow = codes.verifyTicket(qr, eventId, now);
      Optional<Long> byScan = byNow.isPresent() ? byNow : scanned.flatMap(at -> codes.verifyTicket(qr, eventId, at));
      long rsvpId = byScan.orElseThrow(CheckinErrors::invalidTicket);
      return inTransaction(event, rsvpId, "QR", by.id(), byNow.isPresent() ? now : scanned.orElseThrow());
    }
    if (body.getValue("code") instanceof String code && !code.isBlank()) {
      String digits = code.replaceAll("[\\s-]", "");
      String guesser = eventId + ":" + device;
      return codeGuesses.count(guesser).compose(counted -> checkins.confirmedRsvpIds(pool, eventId)).compose(ids -> {
        List<Long> matching = ids.stream().filter(id -> codes.ticketDigitsMatch(digits, eventId, id, now)).toList();
        Instant at = now;
        if (matching.isEmpty() && scanned.isPresent()) {
          at = scanned.get();
          Instant then = at;
          matching = ids.stream().filter(id -> codes.ticketDigitsMatch(digits, eventId, id, then)).toList();
        }
        if (matching.size() != 1) {
          return Future.failedFuture(CheckinErrors.invalidTicket());
        }
        Instant when = at;
        long rsvpId = matching.get(0);
        return codeGuesses.takeBack(guesser)
            .compose(notAGuess -> inTransaction(event, rsvpId, "CODE", by.id(), when));
      });
    }
    if (body.getValue("rsvpId") != null) {
      long rsvpId = org.queqiao.web.Numbers.wholeNumber(body.getValue("rsvpId"), 1, Long.MAX_VALUE)
          .orElseThrow(() -> ApiError.validation(Map.of("rsvpId", "field.number.expected")));
      return inTransaction(event, rsvpId, "SEARCH", by.id(), now);
    }
    return Future.failedFuture(ApiError.validation(Map.of("qr", "field.checkin.what")));
  }

  /**
   * A confirmed member checks themselves in with the code shown at the door, from two hours
   * before the start until the end. Every refusal — a wrong or expired code, outside those hours,
   * no confirmed sign-up — is the same 400, so an answer never confirms a guessed code; wrong
   * attempts are counted per member and event (429 past the limit).
   */
  public Future<CheckinRepository.Outcome> selfCheckIn(User member, Event event, String venueCode) {
    String guesser = event.id() + ":" + member.id();
    return venueGuesses.count(guesser)
        .compose(counted -> rsvps.find(pool, event.id(), member.id()))
        .compose(rsvp -> {
          Instant now = clock.instant();
          boolean open = !Event.CANCELLED.equals(event.status()) && !Event.DRAFT.equals(event.status())
              && !now.isBefore(event.startsAt().minus(VENUE_OPENS_BEFORE)) && !now.isAfter(event.endsAt());
          boolean confirmed = rsvp.isPresent() && Rsvp.CONFIRMED.equals(rsvp.get().status());
          if (!open || !codes.verifyVenue(venueCode, event.id(), now) || !confirmed) {
            return Future.failedFuture(CheckinErrors.invalidVenueCode());
          }
          return venueGuesses.takeBack(guesser)
              .compose(notAGuess -> inTransaction(event, rsvp.get().id(), "SELF", member.id(), now));
        });
  }

  /** Signs a member up at the door, if a place is free, and checks them in: one transaction. */
  public Future<CheckinRepository.Outcome> walkIn(User by, Event event, String login, String pool,
      boolean declaresSingle) {
    return Future.succeededFuture().compose(start -> {
      refuseIfNotOpen(event);
      return Future.succeededFuture(LoginNames.normalise(login).orElseThrow(() ->
          ApiError.validation(Map.of("login", "field.login.invalid"))));
    }).compose(normalised -> users.findCredentials(this.pool, normalised))
        .compose(found -> users.findById(this.pool, found.orElseThrow(CheckinErrors::memberNotFound).userId()))
        .compose(member -> this.pool.withTransaction(conn -> lockForBadges(conn, event)
            .compose(locked -> rsvpService.signUpAtDoor(conn, event, member.orElseThrow(), pool, declaresSingle))
            .compose(rsvp -> checkInWith(conn, event, rsvp.id(), "WALK_IN", by.id(), clock.instant()))))
        .onSuccess(done -> counted("WALK_IN"));
  }

  /** The member's own ticket: only for a confirmed sign-up. */
  public Future<Ticket> ticket(User member, Event event) {
    return rsvps.find(pool, event.id(), member.id()).map(rsvp -> {
      Rsvp mine = rsvp.filter(Rsvp::active).orElseThrow(CheckinErrors::rsvpNotFound);
      if (!Rsvp.CONFIRMED.equals(mine.status())) {
        throw CheckinErrors.notConfirmed();
      }
      Instant now = clock.instant();
      long step = TicketCodes.step(now);
      return new Ticket(codes.ticketDigits(event.id(), mine.id(), step), codes.offlineToken(event.id(), mine.id(), step),
          TicketCodes.secondsLeft(now), mine, TicketCodes.base32(codes.ticketSecret(event.id(), mine.id())));
    });
  }

  /** The venue QR is a link: a member's own camera app opens the self check-in page with it. */
  public VenueCode venueCode(Event event) {
    Instant now = clock.instant();
    long step = TicketCodes.step(now);
    String link = publicBaseUrl + "/events/" + event.id() + "/self-checkin?code=" + codes.venueToken(event.id(), step);
    return new VenueCode(codes.venueDigits(event.id(), step), link, TicketCodes.secondsLeft(now));
  }

  public Future<Optional<CheckinRepository.Checkin>> ofRsvp(long rsvpId) {
    return checkins.ofRsvp(pool, rsvpId);
  }

  public Future<List<CheckinRepository.PoolAttendance>> attendance(Event event) {
    return checkins.attendance(pool, event.id());
  }

  public Future<List<CheckinRepository.Attendee>> confirmedAttendees(Event event) {
    return checkins.confirmedAttendees(reports, event.id());
  }

  /** Confirmed sign-ups matching the door's search; nothing for an empty query. */
  public Future<List<CheckinRepository.Attendee>> search(Event event, String query) {
    return query == null || query.isBlank() ? Future.succeededFuture(List.of()) : checkins.search(pool, event.id(), query);
  }

  public Future<List<CheckinRepository.Attended>> attendedBy(User member) {
    return checkins.attendedBy(pool, member.id());
  }

  private Future<CheckinRepository.Outcome> inTransaction(Event event, long rsvpId, String method, long byUserId,
      Instant at) {
    return pool.withTransaction(conn -> lockForBadges(conn, event)
        .compose(locked -> checkInWith(conn, event, rsvpId, method, byUserId, at)))
        .onSuccess(done -> counted(method));
  }

  /** Counted once committed: a check-in the commit lost is not one. */
  private void counted(String method) {
    Counter.builder("queqiao.checkins").description("Check-ins at the door, by how the member was found")
        .tag("method", method).register(meters).increment();
  }

  /**
   * For the offline door's sync: one check-in through a door phone and gate in its own
   * transaction, the outcome as found (a repeat or an unconfirmed sign-up is not an error here).
   */
  Future<Optional<CheckinRepository.Outcome>> admitFromDoor(Event event, long rsvpId, String method, long byUserId,
      Instant at, CheckinRepository.Door door) {
    return pool.withTransaction(conn -> lockForBadges(conn, event)
        .compose(locked -> checkins.checkIn(conn, event.id(), rsvpId, method, byUserId, givesBadges(event), at, door)));
  }

  Future<List<Long>> confirmedRsvpIds(Event event) {
    return checkins.confirmedRsvpIds(pool, event.id());
  }

  TicketCodes codes() {
    return codes;
  }

  /** The first lock of a check-in transaction at an event that gives badges (see the repository). */
  private Future<Void> lockForBadges(SqlConnection conn, Event event) {
    return givesBadges(event) ? checkins.lockEventForBadges(conn, event.id()) : Future.succeededFuture();
  }

  private static boolean givesBadges(Event event) {
    return event.type() == EventType.MIXER;
  }

  /** {@code at} is when the check-in happened: the scan's time for a scan synced late, else now. */
  private Future<CheckinRepository.Outcome> checkInWith(SqlConnection conn, Event event, long rsvpId, String method,
      long byUserId, Instant at) {
    return checkins.checkIn(conn, event.id(), rsvpId, method, byUserId, givesBadges(event), at)
        .map(found -> {
          CheckinRepository.Outcome outcome = found.orElseThrow(CheckinErrors::invalidTicket);
          if (!outcome.created() && outcome.checkedInAt() != null) {
            throw CheckinErrors.alreadyCheckedIn(outcome.displayName(),
                Times.hourMinute(outcome.checkedInAt(), event.zone()),
                new JsonObject()
                    .put("rsvpId", outcome.rsvpId())
                    .put("displayName", outcome.displayName())
                    .put("pool", outcome.poolKey())
                    .put("badge", outcome.badge())
                    .put("checkedInAt", Times.iso(outcome.checkedInAt(), event.zone())));
          }
          if (!outcome.created()) {
            throw CheckinErrors.notConfirmedAtDoor(outcome.displayName(), new JsonObject()
                .put("rsvpId", outcome.rsvpId()).put("displayName", outcome.displayName())
                .put("status", outcome.status()));
          }
          return outcome;
        });
  }

  /**
   * The scanning phone's time of a scan, as a second chance for a scan synced late: only when it
   * lies within the last {@link #OFFLINE_GRACE} (a phone clock further off is simply not used, so it
   * never refuses a ticket that is current by the server's clock). Unreadable text is bad input.
   */
  private static Optional<Instant> scannedAt(Object value, Instant now) {
    if (!(value instanceof String text) || text.isBlank()) {
      return Optional.empty();
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.validation(Map.of("scannedAt", "field.checkin.scannedAt"));
    }
    if (at.isAfter(now.plusSeconds(60)) || at.isBefore(now.minus(OFFLINE_GRACE))) {
      return Optional.empty();
    }
    return Optional.of(at.isAfter(now) ? now : at);
  }

  static void refuseIfNotOpen(Event event) {
    if (Event.CANCELLED.equals(event.status()) || Event.DRAFT.equals(event.status())) {
      throw CheckinErrors.checkinClosed();
    }
  }
}
