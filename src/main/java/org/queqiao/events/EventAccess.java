package org.queqiao.events;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
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
  private final SqlClient lagging;
  private final Authentication auth;

  /**
   * {@code reads} is the primary's pipelined client: an access check is one short read.
   * {@code lagging} is the replica's (or the same client): only the audience's GETs read from it
   * ({@link #load}); see {@link org.queqiao.db.ReadClient}.
   */
  public EventAccess(EventRepository events, SqlClient reads, SqlClient lagging, Authentication auth) {
    this.events = events;
    this.reads = reads;
    this.lagging = lagging;
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
    HttpMethod method = ctx.request().method();
    load(ctx, HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)).onSuccess(found -> {
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
    load(ctx, false).onSuccess(found -> {
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

  /**
   * Loads the event and the grant into the context; false (and the request failed) when not visible.
   * {@code mayLag}: a page or GET of the audience, which may read the replica. What the replica
   * does not show as an ordinary visible event (just created, just published, or the asker manages
   * or staffs it and may just have changed it) is read again from the primary, so nobody meets a
   * 404 or stale rules for their own write; a write's checks always read the primary.
   */
  private Future<Boolean> load(RoutingContext ctx, boolean mayLag) {
    long id = PathParams.id(ctx);
    Optional<User> viewer = CurrentUser.of(ctx).map(CurrentUser::user);
    Future<Optional<EventGrant>> found = mayLag && lagging != reads
        ? find(lagging, id, viewer).compose(seen -> seen.isPresent() && seen.get().grant().equals(Grant.NOBODY)
            && visible(seen.get().event(), Grant.NOBODY) ? Future.succeededFuture(seen) : find(reads, id, viewer))
        : find(reads, id, viewer);
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

  private Future<Optional<EventGrant>> find(SqlClient client, long id, Optional<User> viewer) {
    return viewer.isEmpty()
        ? events.find(client, id).map(e -> e.map(event -> new EventGrant(event, Grant.NOBODY)))
        : events.findForUser(client, id, viewer.get().id(), limitingUnion(viewer.get()))
            .map(e -> e.map(f -> new EventGrant(f.event(),
                grant(viewer.get(), f.event(), f.staffRole(), f.audienceWithinUnion()))));
  }

  /** Only an organiser's union limits them; the subtree walk is skipped for everyone else. */
  static Long limitingUnion(User user) {
    return user.has(Role.ORGANIZER) && !user.has(Role.ADMIN) ? user.unionId() : null;
  }

  private record EventGrant(Event event, Grant grant) {}
}
