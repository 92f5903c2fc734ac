package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;

/**
 * Introductions relayed by a matchmaker, as in Wuhu: a member asks, a matchmaker forwards (or
 * not), the other person accepts or declines. Cards move only on acceptance, each side's consented
 * fields. The requester sees OPEN until the outcome is final, then ACCEPTED or CLOSED (declined,
 * rejected and expired look the same); a matchmaker sees only what they must act on, never a
 * request they are party to, and never a decline as such.
 */
public final class IntroService {
  public static final String REQUEST_CONSENT = ConsentTexts.Kind.INTRO_REQUEST.version();
  public static final String ANSWER_CONSENT = ConsentTexts.Kind.INTRO_ACCEPT.version();
  public static final int MAX_OPEN_REQUESTS = 5;

  private final Pool pool;
  private final IntroRequestRepository requests;
  private final MixerRepository attendees;
  private final ConsentRepository consents;
  private final MixerService mixer;
  private final EventRepository events;
  private final NotificationRepository notifications;
  private final Clock clock;

  public IntroService(Pool pool, IntroRequestRepository requests, MixerRepository attendees, ConsentRepository consents,
      MixerService mixer, EventRepository events, NotificationRepository notifications, Clock clock) {
    this.pool = pool;
    this.requests = requests;
    this.attendees = attendees;
    this.consents = consents;
    this.mixer = mixer;
    this.events = events;
    this.notifications = notifications;
    this.clock = clock;
  }

  /**
   * Asks a matchmaker to pass a message to a badge. {@code given} is the consent shown before
   * sending; when an API client sends none, the requester consents to the fields on their card now.
   */
  public Future<Long> request(User user, Event event, Object targetBadge, Object message,
      Optional<ConsentTexts.Given> given, String lang) {
    java.util.Optional<Long> wholeBadge = org.queqiao.web.Numbers.wholeNumber(targetBadge, 1, Integer.MAX_VALUE);
    if (wholeBadge.isEmpty()) {
      return Future.failedFuture(ApiError.validation(Map.of("targetBadge", "field.number.expected")));
    }
    int badge = wholeBadge.get().intValue();
    String text = message instanceof String s ? s.strip() : "";
    if (text.isEmpty() || text.length() > 500) {
      return Future.failedFuture(ApiError.validation(Map.of("message", "field.mixer.message")));
    }
    long eventId = event.id();
    return mixer.presence(user, event).compose(presence -> {
      mixer.requireMatchingOpen(presence);
      return pool.withTransaction(conn -> mixer.requirePresent(conn, event, user)
          .compose(here -> attendees.byBadge(conn, eventId, badge, user.id()))
          .compose(found -> {
            MixerRepository.Attendee target = found.orElseThrow(MixerErrors::noSuchBadge);
            if (target.userId() == user.id()) {
              return Future.failedFuture(ApiError.validation(Map.of("targetBadge", "field.mixer.self")));
            }
            return requests.lockRequester(conn, eventId, user.id())
                .compose(locked -> mixer.requireVisible(conn, user.id(), target.userId()))
                .compose(visible -> requests.closedBefore(conn, eventId, user.id(), target.userId()))
                .compose(closed -> closed ? Future.failedFuture(MixerErrors.requestClosed())
                    : requests.openCount(conn, eventId, user.id()))
                .compose(open -> open >= MAX_OPEN_REQUESTS
                    ? Future.failedFuture(MixerErrors.tooManyOpenRequests(MAX_OPEN_REQUESTS))
                    : consentedFields(user, given))
                .compose(fields -> mixer.requireOnCard(conn, user, fields).map(fields))
                .compose(fields -> consents.insert(conn, user.id(), eventId, target.userId(),
                    mixer.texts().shown(ConsentTexts.Kind.INTRO_REQUEST, lang, mixer.recipient(lang, target), fields)))
                .compose(consentId -> requests.insert(conn, eventId, user.id(), target.userId(), text, REQUEST_CONSENT,
                    consentId))
                .map(id -> id.orElseThrow(MixerErrors::requestExists));
          }));
    });
  }

  private Future<List<String>> consentedFields(User user, Optional<ConsentTexts.Given> given) {
    return given.isPresent() ? Future.succeededFuture(given.get().fields()) : mixer.card(user).map(ContactCard::sharedFields);
  }

  /** What the requester sees: OPEN until final; declined, rejected and expired are all CLOSED. */
  public String requesterStatus(IntroRequestRepository.IntroRequest request) {
    return switch (request.status()) {
      case IntroRequestRepository.PENDING, IntroRequestRepository.FORWARDED ->
          clock.instant().isBefore(closesAt(request)) ? "OPEN" : "CLOSED";
      case IntroRequestRepository.DECLINED, IntroRequestRepository.REJECTED -> "CLOSED";
      default -> request.status();
    };
  }

  private Instant closesAt(IntroRequestRepository.IntroRequest request) {
    return mixer.matchingClosesAt(request.eventEndsAt(), request.eventMatchingClosesAt());
  }

  private static IntroRequestRepository.Matchmaker matchmaker(User user) {
    return new IntroRequestRepository.Matchmaker(user.id(), user.has(Role.ADMIN), user.unionId());
  }

  /**
   * A matchmaker's queue: PENDING (what they may forward or reject, in their scope) or FORWARDED
   * (what they forwarded, shown as forwarded whatever the answer).
   */
  public Future<List<IntroRequestRepository.IntroRequest>> queue(User matchmaker, String status) {
    String tab = status == null || status.isBlank() ? IntroRequestRepository.PENDING : status;
    return switch (tab) {
      case IntroRequestRepository.PENDING -> requests.pendingFor(pool, matchmaker(matchmaker));
      case IntroRequestRepository.FORWARDED -> requests.forwardedBy(pool, matchmaker.id());
      default -> Future.failedFuture(ApiError.validation(Map.of("status", "field.mixer.status")));
    };
  }

  /** My requests and the ones forwarded to me. */
  public record Mine(List<IntroRequestRepository.IntroRequest> outgoing, List<IntroRequestRepository.IntroRequest> incoming) {}

  public Future<Mine> mine(User user) {
    return requests.outgoing(pool, user.id())
        .compose(out -> requests.incoming(pool, user.id()).map(in -> new Mine(out, in)));
  }

  public Future<Void> forward(User matchmaker, long id, String note) {
    String text = note == null ? null : note.strip();
    if (text != null && text.length() > 500) {
      return Future.failedFuture(ApiError.validation(Map.of("note", "field.mixer.note")));
    }
    return pool.withTransaction(conn -> requests.findFor(conn, matchmaker(matchmaker), id).compose(found -> {
      var request = found.orElseThrow(ApiError::notFound);
      return requests.forward(conn, id, matchmaker.id(), text == null || text.isEmpty() ? null : text)
          .compose(done -> !done
              ? Future.failedFuture(MixerErrors.notPending())
              : event(conn, request.eventId()).compose(event ->
                  notifications.notifyUser(conn, request.toUser(), NotificationKind.INTRO_REQUEST_RECEIVED,
                      request.eventId(), event.notice()
                          .put("nickname", request.fromNickname()).put("badge", request.fromBadge()))));
    }));
  }

  public Future<Void> reject(User matchmaker, long id, String reason) {
    String text = reason == null ? null : reason.strip();
    if (text != null && text.length() > 500) {
      return Future.failedFuture(ApiError.validation(Map.of("reason", "field.mixer.note")));
    }
    return pool.withTransaction(conn -> requests.findFor(conn, matchmaker(matchmaker), id).compose(found -> {
      found.orElseThrow(ApiError::notFound);
      return requests.reject(conn, id, matchmaker.id(), text).compose(done -> done
          ? Future.<Void>succeededFuture()
          : Future.failedFuture(MixerErrors.notPending()));
    }));
  }

  /**
   * The target accepts under the consent given: a match (once per pair), and each side's consented
   * fields go to the other; the requester is told.
   */
  public Future<Void> accept(User target, long id, ConsentTexts.Given given, String lang) {
    return pool.withTransaction(conn -> requests.find(conn, id).compose(found -> {
      // Until it is forwarded, a request does not exist for its target: the same 404 as any other id.
      var request = found.filter(r -> r.toUser() == target.id() && r.reachedTarget()).orElseThrow(ApiError::notFound);
      long eventId = request.eventId();
      return attendees.attendee(conn, eventId, request.fromUser()).compose(from ->
          attendees.attendee(conn, eventId, request.toUser()).compose(to -> {
            if (from.isEmpty() || to.isEmpty() || !IntroRequestRepository.FORWARDED.equals(request.status())) {
              return Future.failedFuture(MixerErrors.notAwaitingAnswer());
            }
            return mixer.requireOnCard(conn, target, given.fields())
                .compose(ok -> consents.insert(conn, target.id(), eventId, request.fromUser(), mixer.texts().shown(
                    ConsentTexts.Kind.INTRO_ACCEPT, lang, mixer.recipient(lang, from.get()), given.fields())))
                .compose(consentId -> requests.answer(conn, id, target.id(), IntroRequestRepository.ACCEPTED,
                        ANSWER_CONSENT, consentId)
                    .compose(done -> done ? Future.succeededFuture(consentId)
                        : Future.<Long>failedFuture(MixerErrors.notAwaitingAnswer())))
                .compose(consentId -> event(conn, eventId).compose(event ->
                    attendees.lockPair(conn, eventId, request.fromUser(), request.toUser())
                        .compose(locked -> mixer.matchUp(conn, event, "INTRO_REQUEST",
                            new MixerService.Side(from.get(), request.requestConsentId(), REQUEST_CONSENT),
                            new MixerService.Side(to.get(), consentId, ANSWER_CONSENT),
                            NotificationKind.INTRO_ACCEPTED, null))));
          }));
    }));
  }

  /** The target declines: nobody else is told, and the requester sees only CLOSED. */
  public Future<Void> decline(User target, long id) {
    return pool.withTransaction(conn -> requests.find(conn, id).compose(found -> {
      found.filter(r -> r.toUser() == target.id() && r.reachedTarget()).orElseThrow(ApiError::notFound);
      return requests.answer(conn, id, target.id(), IntroRequestRepository.DECLINED, null, null)
          .compose(done -> done ? Future.<Void>succeededFuture() : Future.failedFuture(MixerErrors.notAwaitingAnswer()));
    }));
  }

  public Future<Void> withdraw(User requester, long id) {
    return pool.withTransaction(conn -> requests.find(conn, id).compose(found -> {
      found.filter(r -> r.fromUser() == requester.id()).orElseThrow(ApiError::notFound);
      return requests.withdraw(conn, id, requester.id()).compose(consent -> consent.isEmpty()
          ? Future.<Void>failedFuture(MixerErrors.alreadyAnswered())
          : consents.withdraw(conn, consent.get().orElse(null)));
    }));
  }

  /** The request's event, read in the same transaction. */
  private Future<Event> event(SqlClient conn, long eventId) {
    return events.find(conn, eventId).map(found -> found.orElseThrow(ApiError::notFound));
  }
}
