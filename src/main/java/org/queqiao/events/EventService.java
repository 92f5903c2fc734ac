package org.queqiao.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.rsvp.RsvpService;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;

/**
 * Creating and changing events. A change spans events and sign-ups: a larger capacity promotes
 * waitlisted members in the same transaction that raises it.
 */
public final class EventService {
  private final EventRepository events;
  private final RsvpService rsvps;
  private final NotificationRepository notifications;
  private final Clock clock;

  public EventService(EventRepository events, RsvpService rsvps, NotificationRepository notifications, Clock clock) {
    this.events = events;
    this.rsvps = rsvps;
    this.notifications = notifications;
    this.clock = clock;
  }

  public Future<Event> create(User organizer, JsonObject body) {
    return Future.succeededFuture(body).map(EventInput::parse).compose(input -> events.insert(input, organizer.id()));
  }

  /** The event if this viewer may see it (drafts only to those who manage them), else 404. */
  public Future<Event> visible(java.util.Optional<User> viewer, long id) {
    return events.find(id).map(found -> found.filter(e -> e.visibleTo(viewer)).orElseThrow(ApiError::notFound));
  }

  /** The event if this user may manage it: 404 when they may not even see it, 403 when only see. */
  public Future<Event> managed(User user, long id) {
    return events.find(id).map(found -> {
      Event event = found.filter(e -> e.visibleTo(java.util.Optional.of(user))).orElseThrow(ApiError::notFound);
      if (!event.managedBy(user)) {
        throw ApiError.forbidden();
      }
      return event;
    });
  }

  /**
   * Lays the changes over the event as it stands under its row lock, so two edits at once each
   * keep the other's fields; the pools are locked next (the order every rule change uses).
   */
  public Future<Event> update(User user, long id, JsonObject changes) {
    if (changes.containsKey("capacity") && changes.containsKey("pools")) {
      return Future.failedFuture(ApiError.validation(Map.of("pools", "field.event.capacityOrPools")));
    }
    return managed(user, id).compose(seen -> events.pool().withTransaction(conn -> events.lock(conn, id)
        .compose(locked -> events.find(conn, id))
        .compose(found -> {
          Event event = found.orElseThrow(ApiError::notFound);
          if (Event.CANCELLED.equals(event.status())) {
            return Future.failedFuture(new ApiError(409, "EVENT_CANCELLED", "error.eventCancelled"));
          }
          if (changes.containsKey("type") && !event.type().name().equals(changes.getValue("type"))) {
            return Future.failedFuture(ApiError.validation(Map.of("type", "field.event.typeFixed")));
          }
          JsonObject merged = EventInput.asBody(event).mergeIn(changes);
          merged.remove(changes.containsKey("capacity") ? "pools" : "capacity");
          EventInput input = EventInput.parse(merged);
          return events.update(conn, id, input)
              .compose(done -> events.find(conn, id))
              .compose(updated -> rsvps.fillFreeSeats(conn, updated.orElseThrow())
                  .compose(promoted -> movedOrRelocated(event, updated.get())
                      ? notifications.notifyEventMembers(conn, id, NotificationKind.EVENT_CHANGED,
                          RsvpService.aboutEvent(updated.get()))
                      : Future.<Void>succeededFuture()))
              .compose(notified -> events.find(conn, id))
              .map(java.util.Optional::orElseThrow);
        })));
  }

  /** Members are told when the time or the place changes; a new title or description is no news. */
  private static boolean movedOrRelocated(Event before, Event after) {
    return Event.PUBLISHED.equals(after.status())
        && (!before.startsAt().equals(after.startsAt()) || !before.endsAt().equals(after.endsAt())
            || !before.venue().equals(after.venue()));
  }

  public Future<Event> publish(User user, long id) {
    return managed(user, id).compose(event -> {
      if (!Event.DRAFT.equals(event.status())) {
        return Future.failedFuture(new ApiError(409, "NOT_A_DRAFT", "error.notADraft"));
      }
      if (!clock.instant().isBefore(event.startsAt())) {
        return Future.failedFuture(new ApiError(409, "EVENT_IN_PAST", "error.eventInPast"));
      }
      return events.publish(id).compose(done -> events.find(id)).map(java.util.Optional::orElseThrow);
    });
  }

  public Future<Event> cancel(User user, long id, String reason) {
    String why = reason == null ? null : reason.strip();
    if (why != null && why.length() > 500) {
      return Future.failedFuture(ApiError.validation(Map.of("reason", "field.event.reason")));
    }
    return managed(user, id).compose(event -> {
      if (Event.CANCELLED.equals(event.status())) {
        return Future.failedFuture(new ApiError(409, "EVENT_CANCELLED", "error.eventCancelled"));
      }
      String shown = why == null || why.isEmpty() ? null : why;
      return events.pool().withTransaction(conn -> events.cancel(conn, id, shown)
          .compose(cancelled -> cancelled
              ? notifications.notifyEventMembers(conn, id, NotificationKind.EVENT_CANCELLED,
                  RsvpService.aboutEvent(event).put("reason", shown))
              : Future.<Void>failedFuture(new ApiError(409, "EVENT_CANCELLED", "error.eventCancelled")))
          .compose(done -> events.find(conn, id)))
          .map(java.util.Optional::orElseThrow);
    });
  }
}
