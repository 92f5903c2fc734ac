package org.queqiao.events;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.PathParams;

/**
 * Who may do what with the event named by the path's {@code :id} (contract §8), as route handlers
 * chained after authentication: each loads the event once, refuses with the contract's error, and
 * leaves the {@link Event} and the asker's {@link Grant} in the routing context for the handler.
 * 404 when the asker may not even see the event (a draft), 403 when they see it but may not act.
 */
public final class EventAccess {
  private static final String EVENT = "event";
  private static final String GRANT = "eventGrant";

  private final EventRepository events;
  private final SqlClient reads;
  private final Authentication auth;

  /** {@code reads} is the pipelined read client: an access check is one short read. */
  public EventAccess(EventRepository events, SqlClient reads, Authentication auth) {
    this.events = events;
    this.reads = reads;
    this.auth = auth;
  }

  /** What the asker is to the event. {@code staffRole} is DOOR, CO_ORGANIZER, JUDGE, MATCHMAKER or null. */
  public record Grant(boolean manager, String staffRole) {
    static final Grant NOBODY = new Grant(false, null);

    /** Managers and door staff check people in. */
    public boolean checksIn() {
      return manager || "DOOR".equals(staffRole);
    }

    public boolean judges() {
      return manager || "JUDGE".equals(staffRole);
    }
  }

  /**
   * The rule of §8: admins manage every event; an organiser manages the events they created or
   * co-organise, while they hold the ORGANIZER role, and, if their account names a union, only
   * events for that union's subtree or open events they created.
   */
  static Grant grant(User user, Event event, String staffRole, boolean audienceWithinUnion) {
    if (user.has(Role.ADMIN)) {
      return new Grant(true, staffRole);
    }
    boolean creator = event.organizerId() == user.id();
    boolean ownEvent = creator || "CO_ORGANIZER".equals(staffRole);
    boolean unionAllows = user.unionId() == null
        || (event.audienceUnionId() == null ? creator : audienceWithinUnion);
    return new Grant(user.has(Role.ORGANIZER) && ownEvent && unionAllows, staffRole);
  }

  /** Drafts are seen only by those who manage or staff them; everything else by everyone. */
  private static boolean visible(Event event, Grant grant) {
    return !Event.DRAFT.equals(event.status()) || grant.manager() || grant.staffRole() != null;
  }

  /** Anyone, signed in or not, who may see the event. */
  public void requireVisible(RoutingContext ctx) {
    load(ctx).onSuccess(found -> {
      if (found) {
        ctx.next();
      }
    }).onFailure(ctx::fail);
  }

  /** The event's managers (edit, publish, cancel, sign-up list, attendance, codes, walk-ins, staff). */
  public void requireManager(RoutingContext ctx) {
    requireSignedIn(ctx, Grant::manager);
  }

  /** Managers and the event's door staff: check-ins, the search at the door, the scanner page. */
  public void requireDoorStaff(RoutingContext ctx) {
    requireSignedIn(ctx, Grant::checksIn);
  }

  /** Managers and the event's judges: sports-day results. */
  public void requireJudge(RoutingContext ctx) {
    requireSignedIn(ctx, Grant::judges);
  }

  /**
   * For a response that lasts (a live stream): whether its asker still manages its event now —
   * their session not signed out anywhere, their roles and staff place still granting it. Read
   * afresh from PostgreSQL, so a change made on any instance counts.
   */
  public Future<Boolean> stillManages(RoutingContext ctx) {
    Optional<CurrentUser> asker = CurrentUser.of(ctx);
    Event event = event(ctx);
    if (asker.isEmpty()) {
      return Future.succeededFuture(false);
    }
    return auth.recheck(asker.get()).compose(session -> {
      if (session.isEmpty()) {
        return Future.succeededFuture(false);
      }
      User user = session.get().user();
      return events.findForUser(reads, event.id(), user.id(), limitingUnion(user))
          .map(found -> found.map(f -> grant(user, f.event(), f.staffRole(), f.audienceWithinUnion()).manager())
              .orElse(false));
    });
  }

  /** A date of a series with what its asker is to it. */
  public record Seen(Event event, Grant grant) {}

  /**
   * The dates of a series that this asker (empty: nobody signed in) may see, soonest first, each
   * with their grant: the same rule as one event's page, date by date.
   */
  public Future<java.util.List<Seen>> seriesDates(Optional<User> viewer, long seriesId) {
    Long userId = viewer.map(User::id).orElse(null);
    Long union = viewer.map(EventAccess::limitingUnion).orElse(null);
    return events.listSeriesForUser(reads, seriesId, userId, union).map(dates -> dates.stream()
        .map(f -> new Seen(f.event(), viewer.map(u -> grant(u, f.event(), f.staffRole(), f.audienceWithinUnion()))
            .orElse(Grant.NOBODY)))
        .filter(seen -> visible(seen.event(), seen.grant()))
        .toList());
  }

  public static Event event(RoutingContext ctx) {
    Event event = ctx.get(EVENT);
    if (event == null) {
      throw new IllegalStateException("route is missing an EventAccess handler");
    }
    return event;
  }

  public static Grant grant(RoutingContext ctx) {
    Grant grant = ctx.get(GRANT);
    return grant == null ? Grant.NOBODY : grant;
  }

  private void requireSignedIn(RoutingContext ctx, java.util.function.Predicate<Grant> allowed) {
    if (CurrentUser.of(ctx).isEmpty()) {
      auth.requireUser(ctx);
      return;
    }
    load(ctx).onSuccess(found -> {
      if (!found) {
        return;
      }
      if (allowed.test(grant(ctx))) {
        ctx.next();
      } else {
        ctx.fail(ApiError.forbidden());
      }
    }).onFailure(ctx::fail);
  }

  /** Loads the event and the grant into the context; false (and the request failed) when not visible. */
  private Future<Boolean> load(RoutingContext ctx) {
    long id = PathParams.id(ctx);
    Optional<User> viewer = CurrentUser.of(ctx).map(CurrentUser::user);
    Future<Optional<EventGrant>> found = viewer.isEmpty()
        ? events.find(reads, id).map(e -> e.map(event -> new EventGrant(event, Grant.NOBODY)))
        : events.findForUser(reads, id, viewer.get().id(), limitingUnion(viewer.get()))
            .map(e -> e.map(f -> new EventGrant(f.event(),
                grant(viewer.get(), f.event(), f.staffRole(), f.audienceWithinUnion()))));
    return found.map(result -> {
      if (result.isEmpty() || !visible(result.get().event(), result.get().grant())) {
        ctx.fail(ApiError.notFound());
        return false;
      }
      ctx.put(EVENT, result.get().event());
      ctx.put(GRANT, result.get().grant());
      return true;
    });
  }

  /** Only an organiser's union limits them; the subtree walk is skipped for everyone else. */
  static Long limitingUnion(User user) {
    return user.has(Role.ORGANIZER) && !user.has(Role.ADMIN) ? user.unionId() : null;
  }

  private record EventGrant(Event event, Grant grant) {}
}
