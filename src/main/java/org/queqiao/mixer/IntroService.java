package org.queqiao.mixer;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.queqiao.events.EventService;
import org.queqiao.notify.Notification;
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

  private final IntroRequestRepository requests;
  private final MixerService mixer;
  private final EventService events;
  private final NotificationRepository notifications;

  public IntroService(IntroRequestRepository requests, MixerService mixer, EventService events,
      NotificationRepository notifications) {
    this.requests = requests;
    this.mixer = mixer;
    this.events = events;
    this.notifications = notifications;
  }

  public IntroRequestRepository repository() {
    return requests;
  }

  public Future<Long> request(User user, long eventId, Object targetBadge, Object message) {
    if (!(targetBadge instanceof Number badge)) {
      return Future.failedFuture(ApiError.validation(Map.of("targetBadge", "field.number.expected")));
    }
    String text = message instanceof String s ? s.strip() : "";
    if (text.isEmpty() || text.length() > 500) {
      return Future.failedFuture(ApiError.validation(Map.of("message", "field.mixer.message")));
    }
    return mixer.presence(user, eventId).compose(presence -> {
      mixer.requireMatchingOpen(presence);
      var repo = mixer.repository();
      return repo.pool().withTransaction(conn -> repo.byBadge(conn, eventId, badge.intValue()).compose(found -> {
        MixerRepository.Attendee target = found.orElseThrow(() -> new ApiError(404, "NO_SUCH_BADGE", "error.noSuchBadge"));
        if (target.userId() == user.id()) {
          return Future.failedFuture(ApiError.validation(Map.of("targetBadge", "field.mixer.self")));
        }
        return requests.lockRequester(conn, eventId, user.id())
            .compose(locked -> requests.openCount(conn, eventId, user.id()))
            .compose(open -> open >= MAX_OPEN_REQUESTS
                ? Future.failedFuture(new ApiError(429, "TOO_MANY_OPEN_REQUESTS", "error.tooManyOpenRequests",
                    MAX_OPEN_REQUESTS))
                : requests.insert(conn, eventId, user.id(), target.userId(), text, REQUEST_CONSENT))
            .map(id -> id.orElseThrow(() -> new ApiError(409, "REQUEST_EXISTS", "error.requestExists")));
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
      default -> throw ApiError.validation(Map.of("status", "field.mixer.status"));
    };
    return requests.queue(internal);
  }

  public Future<Void> forward(User matchmaker, long id, String note) {
    String text = note == null ? null : note.strip();
    if (text != null && text.length() > 500) {
      return Future.failedFuture(ApiError.validation(Map.of("note", "field.mixer.note")));
    }
    var repo = mixer.repository();
    return repo.pool().withTransaction(conn -> requests.find(conn, id).compose(found -> {
      var request = found.orElseThrow(ApiError::notFound);
      return requests.forward(conn, id, matchmaker.id(), text == null || text.isEmpty() ? null : text)
          .compose(done -> !done
              ? Future.failedFuture(new ApiError(409, "NOT_PENDING", "error.notPending"))
              : events.visible(java.util.Optional.of(matchmaker), request.eventId()).compose(event ->
                  notifications.notifyUser(conn, request.toUser(), NotificationKind.INTRO_REQUEST_RECEIVED,
                      request.eventId(), Notification.aboutEvent(event.title(), event.startsAt(), event.zone().getId(),
                              event.venue())
                          .put("nickname", request.fromNickname()).put("badge", request.fromBadge()))));
    }));
  }

  public Future<Void> reject(User matchmaker, long id, String reason) {
    String text = reason == null ? null : reason.strip();
    if (text != null && text.length() > 500) {
      return Future.failedFuture(ApiError.validation(Map.of("reason", "field.mixer.note")));
    }
    var repo = mixer.repository();
    return repo.pool().withTransaction(conn -> requests.find(conn, id).compose(found -> {
      found.orElseThrow(ApiError::notFound);
      return requests.reject(conn, id, matchmaker.id(), text).compose(done -> done
          ? Future.<Void>succeededFuture()
          : Future.failedFuture(new ApiError(409, "NOT_PENDING", "error.notPending")));
    }));
  }

  /** The target accepts: both cards are disclosed to each other and the requester is told. */
  public Future<Void> accept(User target, long id) {
    var repo = mixer.repository();
    return repo.pool().withTransaction(conn -> requests.find(conn, id).compose(found -> {
      // Until it is forwarded, a request does not exist for its target: the same 404 as any other id.
      var request = found.filter(r -> r.toUser() == target.id() && r.reachedTarget()).orElseThrow(ApiError::notFound);
      return requests.answer(conn, id, target.id(), IntroRequestRepository.ACCEPTED, ANSWER_CONSENT)
          .compose(done -> {
            if (!done) {
              return Future.failedFuture(new ApiError(409, "NOT_AWAITING_ANSWER", "error.notAwaitingAnswer"));
            }
            return repo.attendee(conn, request.eventId(), request.fromUser()).compose(from ->
                repo.attendee(conn, request.eventId(), request.toUser()).compose(to -> {
                  if (from.isEmpty() || to.isEmpty()) {
                    return Future.failedFuture(new ApiError(409, "NOT_AWAITING_ANSWER", "error.notAwaitingAnswer"));
                  }
                  return events.visible(java.util.Optional.of(target), request.eventId()).compose(event ->
                      repo.lockPair(conn, request.eventId(), request.fromUser(), request.toUser())
                          .compose(locked -> repo.recordMatch(conn, request.eventId(), request.fromUser(),
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
    var repo = mixer.repository();
    return repo.pool().withTransaction(conn -> requests.find(conn, id).compose(found -> {
      found.filter(r -> r.toUser() == target.id() && r.reachedTarget()).orElseThrow(ApiError::notFound);
      return requests.answer(conn, id, target.id(), IntroRequestRepository.DECLINED, ANSWER_CONSENT)
          .compose(done -> done ? Future.<Void>succeededFuture()
              : Future.failedFuture(new ApiError(409, "NOT_AWAITING_ANSWER", "error.notAwaitingAnswer")));
    }));
  }

  public Future<Void> withdraw(User requester, long id) {
    var repo = mixer.repository();
    return repo.pool().withTransaction(conn -> requests.find(conn, id).compose(found -> {
      found.filter(r -> r.fromUser() == requester.id()).orElseThrow(ApiError::notFound);
      return requests.withdraw(conn, id, requester.id()).compose(done -> done ? Future.<Void>succeededFuture()
          : Future.failedFuture(new ApiError(409, "ALREADY_ANSWERED", "error.alreadyAnswered")));
    }));
  }
}
