package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;

/**
 * Introductions relayed by a matchmaker, as in Wuhu: a member asks, a matchmaker forwards (or
 * not), the other person accepts or declines. Cards move only on acceptance. The requester
 * learns only ACCEPTED or CLOSED; a matchmaker never sees a decline as such (it stays FORWARDED).
 */
public final class IntroService {
  public static final String REQUEST_CONSENT = "intro-request-1";
  public static final String ANSWER_CONSENT = "intro-answer-1";
  public static final int MAX_OPEN_REQUESTS = 5;

  private final Pool pool;
  private final IntroRequestRepository requests;
  private final MixerRepository attendees;
  private final MixerService mixer;
  private final EventRepository events;
  private final NotificationRepository notifications;

  public IntroService(Pool pool, IntroRequestRepository requests, MixerRepository attendees, MixerService mixer,
      EventRepository events, NotificationRepository notifications) {
    this.pool = pool;
    this.requests = requests;
    this.attendees = attendees;
    this.mixer = mixer;
    this.events = events;
    this.notifications = notifications;
  }

  public Future<Long> request(User user, Event event, Object targetBadge, Object message) {
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
      return pool.withTransaction(conn -> attendees.byBadge(conn, eventId, badge).compose(found -> {
        MixerRepository.Attendee target = found.orElseThrow(MixerErrors::noSuchBadge);
        if (target.userId() == user.id()) {
          return Future.failedFuture(ApiError.validation(Map.of("targetBadge", "field.mixer.self")));
        }
        return requests.lockRequester(conn, eventId, user.id())
            .compose(locked -> requests.openCount(conn, eventId, user.id()))
            .compose(open -> open >= MAX_OPEN_REQUESTS
                ? Future.failedFuture(MixerErrors.tooManyOpenRequests(MAX_OPEN_REQUESTS))
                : requests.insert(conn, eventId, user.id(), target.userId(), text, REQUEST_CONSENT))
            .map(id -> id.orElseThrow(MixerErrors::requestExists));
      }));
    });
  }

  /** What a matchmaker's queue shows for an internal status. */
  public static String matchmakerStatus(String status) {
    return switch (status) {
      case IntroRequestRepository.DECLINED -> IntroRequestRepository.FORWARDED;
      case IntroRequestRepository.REJECTED, IntroRequestRepository.WITHDRAWN -> "CLOSED";
      default -> status;
    };
  }

  /** What the requester sees: declined and rejected look the same. */
  public static String requesterStatus(String status) {
    return switch (status) {
      case IntroRequestRepository.DECLINED, IntroRequestRepository.REJECTED -> "CLOSED";
      default -> status;
    };
  }

  public Future<List<IntroRequestRepository.IntroRequest>> queue(String status) {
    List<String> internal = switch (status == null ? "" : status) {
      case "" -> List.of("PENDING", "FORWARDED", "DECLINED", "ACCEPTED", "REJECTED", "WITHDRAWN");
      case "PENDING" -> List.of("PENDING");
      case "FORWARDED" -> List.of("FORWARDED", "DECLINED");
      case "ACCEPTED" -> List.of("ACCEPTED");
      case "CLOSED" -> List.of("REJECTED", "WITHDRAWN");
      default -> null;
    };
    if (internal == null) {
      return Future.failedFuture(ApiError.validation(Map.of("status", "field.mixer.status")));
    }
    return requests.queue(pool, internal);
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
    return pool.withTransaction(conn -> requests.find(conn, id).compose(found -> {
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
    return pool.withTransaction(conn -> requests.find(conn, id).compose(found -> {
      found.orElseThrow(ApiError::notFound);
      return requests.reject(conn, id, matchmaker.id(), text).compose(done -> done
          ? Future.<Void>succeededFuture()
          : Future.failedFuture(MixerErrors.notPending()));
    }));
  }

  /** The target accepts: both cards are disclosed to each other and the requester is told. */
  public Future<Void> accept(User target, long id) {
    return pool.withTransaction(conn -> requests.find(conn, id).compose(found -> {
      // Until it is forwarded, a request does not exist for its target: the same 404 as any other id.
      var request = found.filter(r -> r.toUser() == target.id() && r.reachedTarget()).orElseThrow(ApiError::notFound);
      return requests.answer(conn, id, target.id(), IntroRequestRepository.ACCEPTED, ANSWER_CONSENT)
          .compose(done -> {
            if (!done) {
              return Future.failedFuture(MixerErrors.notAwaitingAnswer());
            }
            return attendees.attendee(conn, request.eventId(), request.fromUser()).compose(from ->
                attendees.attendee(conn, request.eventId(), request.toUser()).compose(to -> {
                  if (from.isEmpty() || to.isEmpty()) {
                    return Future.failedFuture(MixerErrors.notAwaitingAnswer());
                  }
                  return event(conn, request.eventId()).compose(event ->
                      attendees.lockPair(conn, request.eventId(), request.fromUser(), request.toUser())
                          .compose(locked -> attendees.recordMatch(conn, request.eventId(), request.fromUser(),
                              request.toUser(), "INTRO_REQUEST"))
                          // Cards go once per pair; every accepted request still tells its requester.
                          .compose(first -> first
                              ? mixer.match(conn, event, from.get(), to.get(), "INTRO_REQUEST",
                                  REQUEST_CONSENT, ANSWER_CONSENT, NotificationKind.INTRO_ACCEPTED, null)
                              : notifications.notifyUser(conn, request.fromUser(), NotificationKind.INTRO_ACCEPTED,
                                  request.eventId(), MixerService.about(event, to.get()))));
                }));
          });
    }));
  }

  /** The target declines: nobody else is told, and the requester sees only CLOSED. */
  public Future<Void> decline(User target, long id) {
    return pool.withTransaction(conn -> requests.find(conn, id).compose(found -> {
      found.filter(r -> r.toUser() == target.id() && r.reachedTarget()).orElseThrow(ApiError::notFound);
      return requests.answer(conn, id, target.id(), IntroRequestRepository.DECLINED, ANSWER_CONSENT)
          .compose(done -> done ? Future.<Void>succeededFuture() : Future.failedFuture(MixerErrors.notAwaitingAnswer()));
    }));
  }

  public Future<Void> withdraw(User requester, long id) {
    return pool.withTransaction(conn -> requests.find(conn, id).compose(found -> {
      found.filter(r -> r.fromUser() == requester.id()).orElseThrow(ApiError::notFound);
      return requests.withdraw(conn, id, requester.id()).compose(done -> done ? Future.<Void>succeededFuture()
          : Future.failedFuture(MixerErrors.alreadyAnswered()));
    }));
  }

  /** The request's event, read in the same transaction (a request outlives nothing it names). */
  private Future<Event> event(SqlClient conn, long eventId) {
    return events.find(conn, eventId).map(found -> found.orElseThrow(ApiError::notFound));
  }
}
