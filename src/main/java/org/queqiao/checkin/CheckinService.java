package org.queqiao.checkin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventService;
import org.queqiao.events.EventTimes;
import org.queqiao.events.EventType;
import org.queqiao.rsvp.Rsvp;
import org.queqiao.rsvp.RsvpRepository;
import org.queqiao.rsvp.RsvpService;
import org.queqiao.users.LoginNames;
import org.queqiao.users.User;
import org.queqiao.users.UserRepository;
import org.queqiao.web.ApiError;

/** Checking people in: by ticket QR, spoken code, name search, the venue code, or as a walk-in. */
public final class CheckinService {
  /** How long a scan may wait in an offline phone's queue and still count as made when it was made. */
  static final Duration OFFLINE_GRACE = Duration.ofMinutes(15);

  private final CheckinRepository checkins;
  private final EventService events;
  private final RsvpRepository rsvps;
  private final RsvpService rsvpService;
  private final UserRepository users;
  private final TicketCodes codes;
  private final Clock clock;

  public CheckinService(CheckinRepository checkins, EventService events, RsvpRepository rsvps, RsvpService rsvpService,
      UserRepository users, TicketCodes codes, Clock clock) {
    this.checkins = checkins;
    this.events = events;
    this.rsvps = rsvps;
    this.rsvpService = rsvpService;
    this.users = users;
    this.codes = codes;
    this.clock = clock;
  }

  public record Ticket(String code, String qr, int refreshSeconds, Rsvp rsvp) {}

  public TicketCodes codes() {
    return codes;
  }

  /** The organiser's check-in of a ticket QR, a spoken code, or a sign-up chosen from a search. */
  public Future<CheckinRepository.Outcome> checkIn(User organizer, long eventId, JsonObject body) {
    return events.managed(organizer, eventId).compose(event -> {
      refuseIfCancelled(event);
      // The server's clock decides; the scanning phone's own time (a queued offline scan) is only
      // a second chance, so a phone whose clock is a little slow never refuses a fresh ticket.
      Instant now = clock.instant();
      Optional<Instant> scanned = scannedAt(body.getValue("scannedAt"), now);
      if (body.getValue("qr") instanceof String qr && !qr.isBlank()) {
        Optional<Long> byNow = codes.verifyTicket(qr, eventId, now);
        Optional<Long> byScan = byNow.isPresent() ? byNow : scanned.flatMap(at -> codes.verifyTicket(qr, eventId, at));
        long rsvpId = byScan.orElseThrow(CheckinService::invalidTicket);
        return inTransaction(event, rsvpId, "QR", organizer.id(), byNow.isPresent() ? now : scanned.orElseThrow());
      }
      if (body.getValue("code") instanceof String code && !code.isBlank()) {
        String digits = code.replaceAll("[\\s-]", "");
        return checkins.confirmedRsvpIds(eventId).compose(ids -> {
          List<Long> matching = ids.stream().filter(id -> codes.ticketDigitsMatch(digits, eventId, id, now)).toList();
          Instant at = now;
          if (matching.isEmpty() && scanned.isPresent()) {
            at = scanned.get();
            Instant then = at;
            matching = ids.stream().filter(id -> codes.ticketDigitsMatch(digits, eventId, id, then)).toList();
          }
          if (matching.size() != 1) {
            return Future.failedFuture(invalidTicket());
          }
          return inTransaction(event, matching.get(0), "CODE", organizer.id(), at);
        });
      }
      if (body.getValue("rsvpId") instanceof Number rsvpId) {
        return inTransaction(event, rsvpId.longValue(), "SEARCH", organizer.id(), now);
      }
      return Future.failedFuture(ApiError.validation(Map.of("qr", "field.checkin.what")));
    });
  }

  /** A confirmed member checks themselves in with the code shown at the door. */
  public Future<CheckinRepository.Outcome> selfCheckIn(User member, long eventId, String venueCode) {
    return events.visible(Optional.of(member), eventId).compose(event -> {
      refuseIfCancelled(event);
      if (!codes.verifyVenue(venueCode, eventId, clock.instant())) {
        return Future.failedFuture(new ApiError(400, "INVALID_TICKET", "error.invalidVenueCode"));
      }
      return rsvps.find(checkins.pool(), eventId, member.id()).compose(rsvp -> rsvp.isEmpty()
          ? Future.failedFuture(new ApiError(409, "NOT_CONFIRMED", "error.notConfirmed"))
          : inTransaction(event, rsvp.get().id(), "SELF", member.id(), clock.instant()));
    });
  }

  /** Signs a member up at the door, if a place is free, and checks them in: one transaction. */
  public Future<CheckinRepository.Outcome> walkIn(User organizer, long eventId, String login, String pool,
      boolean declaresSingle) {
    return events.managed(organizer, eventId).compose(event -> {
      refuseIfCancelled(event);
      String normalised = LoginNames.normalise(login).orElseThrow(() ->
          ApiError.validation(Map.of("login", "field.login.invalid")));
      return users.findCredentials(normalised)
          .compose(found -> users.findById(found.orElseThrow(() ->
              new ApiError(404, "USER_NOT_FOUND", "error.userNotFound", Map.of("login", "field.checkin.noSuchMember")))
              .userId()))
          .compose(member -> checkins.pool().withTransaction(conn -> lockForBadges(conn, event)
              .compose(locked -> rsvpService.signUpAtDoor(conn, event, member.orElseThrow(), pool, declaresSingle))
              .compose(rsvp -> checkInWith(conn, event, rsvp.id(), "WALK_IN", organizer.id(), clock.instant()))));
    });
  }

  /** The member's own ticket: only for a confirmed sign-up. */
  public Future<Ticket> ticket(User member, long eventId) {
    return events.visible(Optional.of(member), eventId)
        .compose(event -> rsvps.find(checkins.pool(), eventId, member.id()))
        .map(rsvp -> {
          Rsvp mine = rsvp.filter(Rsvp::active).orElseThrow(() -> new ApiError(404, "RSVP_NOT_FOUND", "error.rsvpNotFound"));
          if (!Rsvp.CONFIRMED.equals(mine.status())) {
            throw new ApiError(409, "NOT_CONFIRMED", "error.notConfirmed");
          }
          Instant now = clock.instant();
          long step = TicketCodes.step(now);
          return new Ticket(codes.ticketDigits(eventId, mine.id(), step), codes.ticketToken(eventId, mine.id(), step),
              TicketCodes.secondsLeft(now), mine);
        });
  }

  private Future<CheckinRepository.Outcome> inTransaction(Event event, long rsvpId, String method, long byUserId,
      Instant at) {
    return checkins.pool().withTransaction(conn -> lockForBadges(conn, event)
        .compose(locked -> checkInWith(conn, event, rsvpId, method, byUserId, at)));
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
          CheckinRepository.Outcome outcome = found.orElseThrow(CheckinService::invalidTicket);
          if (!outcome.created() && outcome.checkedInAt() != null) {
            throw new ApiError(409, "ALREADY_CHECKED_IN", "error.alreadyCheckedIn",
                outcome.displayName(), EventTimes.hourMinute(outcome.checkedInAt(), event.zone()))
                .details(new JsonObject()
                    .put("rsvpId", outcome.rsvpId())
                    .put("displayName", outcome.displayName())
                    .put("pool", outcome.poolKey())
                    .put("badge", outcome.badge())
                    .put("checkedInAt", EventTimes.iso(outcome.checkedInAt(), event.zone())));
          }
          if (!outcome.created()) {
            throw new ApiError(409, "NOT_CONFIRMED", "error.notConfirmedAtDoor", outcome.displayName())
                .details(new JsonObject().put("rsvpId", outcome.rsvpId()).put("displayName", outcome.displayName())
                    .put("status", outcome.status()));
          }
          return outcome;
        });
  }

  /** When a queued offline scan was made: trusted within the grace period, else now. */
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

  private static void refuseIfCancelled(Event event) {
    if (Event.CANCELLED.equals(event.status()) || Event.DRAFT.equals(event.status())) {
      throw new ApiError(409, "EVENT_NOT_OPEN", "error.checkinClosed");
    }
  }

  private static ApiError invalidTicket() {
    return new ApiError(400, "INVALID_TICKET", "error.invalidTicket");
  }
}
