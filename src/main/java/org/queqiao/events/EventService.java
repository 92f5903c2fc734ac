package org.queqiao.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.LoginNames;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.users.UserRepository;
import org.queqiao.web.ApiError;

/**
 * Creating and changing events, and their staff. Every method that changes an event takes the
 * {@link Event} that {@link EventAccess} authorised for this request and owns its transaction.
 */
public final class EventService {
  public static final int PAGE_COUNT_CAP = 200;
  /**
   * What else happens, in the same transaction, when an event's pools change: sign-ups fill the
   * seats a larger capacity frees. The caller holds the event and pool locks.
   */
  @FunctionalInterface
  public interface PoolsChanged {
    Future<?> afterChange(SqlConnection conn, Event event);
  }

  /**
   * What else happens, in the same transaction, when a draft is published: the followers of its
   * series are told. Runs once per event, since only a draft can be published.
   */
  @FunctionalInterface
  public interface Published {
    Future<?> afterPublish(SqlConnection conn, Event event);
  }

  private final Pool pool;
  /** The lagging client ({@link org.queqiao.db.ReadClient#lagging}), for the public list only. */
  private final SqlClient reads;
  private final EventRepository events;
  private final StaffRepository staff;
  private final UserRepository users;
  private final NotificationRepository notifications;
  private final PoolsChanged poolsChanged;
  private final Published published;
  private final int maxMatchingDays;
  private final Clock clock;

  /** {@code maxMatchingDays}: how long after its end a mixer's matching window may stay open at most. */
  public EventService(Pool pool, SqlClient reads, EventRepository events, StaffRepository staff, UserRepository users,
      NotificationRepository notifications, PoolsChanged poolsChanged, Published published, int maxMatchingDays,
      Clock clock) {
    this.published = published;
    this.maxMatchingDays = maxMatchingDays;
    this.pool = pool;
    this.reads = reads;
    this.events = events;
    this.staff = staff;
    this.users = users;
    this.notifications = notifications;
    this.poolsChanged = poolsChanged;
    this.clock = clock;
  }

  public Future<EventRepository.Page> listPublished(EventRepository.Filter filter) {
    return events.listPublished(reads, filter);
  }

  /** For the home page: the total counted up to {@link #PAGE_COUNT_CAP} past the page ("200+"). */
  public Future<EventRepository.Page> listPublishedForPage(EventRepository.Filter filter) {
    return events.listPublished(reads, filter, PAGE_COUNT_CAP);
  }

  /** An event by id, for features that reach it through something else (an introduction request). */
  public Future<Optional<Event>> find(long id) {
    return events.find(pool, id);
  }

  /** The host union's name shown on the event's share card and poster (a public page's read). */
  public Future<Optional<String>> hostUnionName(Event event) {
    return events.hostUnionName(reads, event.id());
  }

  /** The organiser's events: the ones they created or co-organise; every event for an admin. */
  public Future<List<Event>> listManagedBy(User user) {
    return events.listManagedBy(pool, user.has(Role.ADMIN) ? null : user.id());
  }

  public Future<Event> create(User organizer, JsonObject body) {
    return Future.succeededFuture(body).map(EventInput::parse)
        .compose(input -> allowedToCreate(organizer, input))
        .compose(input -> pool.withTransaction(conn -> events.insert(conn, input, organizer.id())))
        .recover(EventErrors::translate);
  }

  /**
   * The rules for a new event beyond its own fields (the matching window's cap, a union-limited
   * organiser's audience), for every way of creating one: a lone event or the dates of a series.
   */
  public Future<EventInput> allowedToCreate(User organizer, EventInput input) {
    return Future.succeededFuture(input).map(this::withinMatchingCap)
        .compose(checked -> requireWithinUnion(pool, organizer, checked.audienceUnionId()).map(checked));
  }

  /**
   * Lays the changes over the event as it stands under its row lock, so two edits at once each
   * keep the other's fields; the pools are locked next (the order every rule change uses).
   */
  public Future<Event> update(Event authorised, User editor, JsonObject changes) {
    if (changes.containsKey("capacity") && changes.containsKey("pools")) {
      return Future.failedFuture(ApiError.validation(Map.of("pools", "field.event.capacityOrPools")));
    }
    long id = authorised.id();
    return pool.withTransaction(conn -> events.lock(conn, id)
        .compose(locked -> events.find(conn, id))
        .compose(found -> {
          Event event = found.orElseThrow(ApiError::notFound);
          if (Event.CANCELLED.equals(event.status())) {
            return Future.failedFuture(EventErrors.eventCancelled());
          }
          if (changes.containsKey("type") && !event.type().name().equals(changes.getValue("type"))) {
            return Future.failedFuture(ApiError.validation(Map.of("type", "field.event.typeFixed")));
          }
          JsonObject merged = EventInput.asBody(event).mergeIn(changes);
          merged.remove(changes.containsKey("capacity") ? "pools" : "capacity");
          EventInput input = withinMatchingCap(EventInput.parse(merged));
          Future<Void> audienceAllowed = java.util.Objects.equals(input.audienceUnionId(), event.audienceUnionId())
              ? Future.succeededFuture() : requireWithinUnion(conn, editor, input.audienceUnionId());
          return audienceAllowed
              .compose(allowed -> events.update(conn, id, input))
              .compose(kept -> kept ? events.find(conn, id) : Future.failedFuture(EventErrors.poolInUse()))
              .compose(updated -> poolsChanged.afterChange(conn, updated.orElseThrow())
                  .compose(filled -> movedOrRelocated(event, updated.get())
                      ? notifications.notifyEventMembers(conn, id, NotificationKind.EVENT_CHANGED, updated.get().notice())
                      : Future.<Void>succeededFuture()))
              .compose(notified -> events.find(conn, id))
              .map(Optional::orElseThrow);
        }))
        .recover(EventErrors::translate);
  }

  /** Members are told when the time or the place changes; a new title or description is no news. */
  private static boolean movedOrRelocated(Event before, Event after) {
    return Event.PUBLISHED.equals(after.status())
        && (!before.startsAt().equals(after.startsAt()) || !before.endsAt().equals(after.endsAt())
            || !before.venue().equals(after.venue()));
  }

  public Future<Event> publish(Event event) {
    if (!Event.DRAFT.equals(event.status())) {
      return Future.failedFuture(EventErrors.notADraft());
    }
    if (!clock.instant().isBefore(event.startsAt())) {
      return Future.failedFuture(EventErrors.eventInPast());
    }
    return pool.withTransaction(conn -> events.publish(conn, event.id())
        .compose(done -> done ? events.find(conn, event.id()).map(Optional::orElseThrow)
            : Future.<Event>failedFuture(EventErrors.notADraft()))
        .compose(publishedEvent -> published.afterPublish(conn, publishedEvent).map(publishedEvent)));
  }

  public Future<Event> cancel(Event event, String reason) {
    String why = reason == null ? null : reason.strip();
    if (why != null && why.length() > 500) {
      return Future.failedFuture(ApiError.validation(Map.of("reason", "field.event.reason")));
    }
    if (Event.CANCELLED.equals(event.status())) {
      return Future.failedFuture(EventErrors.eventCancelled());
    }
    String shown = why == null || why.isEmpty() ? null : why;
    long id = event.id();
    return pool.withTransaction(conn -> events.cancel(conn, id, shown)
        .compose(cancelled -> cancelled
            ? notifications.notifyEventMembers(conn, id, NotificationKind.EVENT_CANCELLED,
                event.notice().put("reason", shown))
            : Future.<Void>failedFuture(EventErrors.eventCancelled()))
        .compose(done -> events.find(conn, id)))
        .map(Optional::orElseThrow);
  }

  public Future<List<StaffRepository.Staff>> staff(Event event) {
    return staff.list(pool, event.id());
  }

  /**
   * Gives a person a role at the event. A co-organiser must hold the ORGANIZER role and an event's
   * matchmaker the MATCHMAKER role, or the role would give them nothing.
   */
  public Future<StaffRepository.Staff> putStaff(Event event, User by, long userId, Object role) {
    Optional<String> known = StaffRepository.role(role);
    if (known.isEmpty()) {
      return Future.failedFuture(ApiError.validation(Map.of("role", "field.staff.role")));
    }
    String chosen = known.get();
    return users.findById(pool, userId).compose(found -> {
      User person = found.orElseThrow(EventErrors::userNotFound);
      if ("CO_ORGANIZER".equals(chosen) && !person.has(Role.ORGANIZER)) {
        return Future.failedFuture(EventErrors.notAnOrganizer());
      }
      if ("MATCHMAKER".equals(chosen) && !person.has(Role.MATCHMAKER)) {
        return Future.failedFuture(EventErrors.notAMatchmaker());
      }
      return staff.put(pool, event.id(), userId, chosen, by.id());
    });
  }

  /** The staff page names people by login, as the organiser knows them. */
  public Future<StaffRepository.Staff> putStaffByLogin(Event event, User by, String login, Object role) {
    Optional<String> normalised = LoginNames.normalise(login);
    if (normalised.isEmpty()) {
      return Future.failedFuture(ApiError.validation(Map.of("login", "field.login.invalid")));
    }
    return users.findCredentials(pool, normalised.get()).compose(found -> putStaff(event, by,
        found.orElseThrow(EventErrors::noSuchLogin).userId(), role));
  }

  public Future<Void> removeStaff(Event event, long userId) {
    return staff.remove(pool, event.id(), userId).mapEmpty();
  }

  /** The matching window may not outlast the configured maximum after the event's end (retention). */
  private EventInput withinMatchingCap(EventInput input) {
    if (input.matchingClosesAt() != null
        && input.matchingClosesAt().isAfter(input.endsAt().plus(java.time.Duration.ofDays(maxMatchingDays)))) {
      throw ApiError.validation(Map.of("matchingClosesAt", "field.event.matchingTooLate"));
    }
    return input;
  }

  /** A union-limited organiser may name only an audience within their union's subtree. */
  private Future<Void> requireWithinUnion(SqlClient client, User user, Long audienceUnionId) {
    Long limit = EventAccess.limitingUnion(user);
    if (limit == null || audienceUnionId == null) {
      return Future.succeededFuture();
    }
    return events.unionWithin(client, audienceUnionId, limit)
        .compose(within -> within ? Future.<Void>succeededFuture() : Future.failedFuture(EventErrors.notYourUnion()));
  }
}
