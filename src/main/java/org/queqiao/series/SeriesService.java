package org.queqiao.series;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.events.EventErrors;
import org.queqiao.events.EventInput;
import org.queqiao.events.EventRepository;
import org.queqiao.events.EventService;
import org.queqiao.users.User;

/**
 * Creating a series (one draft event per date, all in one transaction) and following it. Each
 * date is then an ordinary event: its managers edit, publish or cancel it as any other.
 */
public final class SeriesService {
  private final Pool pool;
  private final SeriesRepository series;
  private final EventRepository events;
  private final EventService eventRules;
  private final EventAccess access;
  private final Clock clock;

  public SeriesService(Pool pool, SeriesRepository series, EventRepository events, EventService eventRules,
      EventAccess access, Clock clock) {
    this.pool = pool;
    this.series = series;
    this.events = events;
    this.eventRules = eventRules;
    this.access = access;
    this.clock = clock;
  }

  public record Created(Series series, List<Event> dates) {}

  /**
   * What one asker sees of a series: the dates they may see, whether they manage any of them (then
   * drafts and the follower count too), and whether they follow it (null: nobody signed in).
   */
  public record View(Series series, List<EventAccess.Seen> dates, boolean manages, Boolean following,
      Long followers) {}

  /** Checks the whole series first, then writes it with every date, or nothing. */
  public Future<Created> create(User organizer, JsonObject body) {
    SeriesInput input;
    try {
      input = SeriesInput.parse(body, clock.instant());
    } catch (RuntimeException refused) {
      return Future.failedFuture(refused);
    }
    // Every date is held to the rules of creating one event (the audience is the same for all).
    Future<Void> allowed = Future.succeededFuture();
    for (EventInput date : input.dates()) {
      allowed = allowed.compose(ok -> eventRules.allowedToCreate(organizer, date).mapEmpty());
    }
    return allowed
        .compose(ok -> pool.withTransaction(conn -> series.insert(conn, input.title(), input.description(), organizer.id())
            .compose(created -> insertDates(conn, input.dates(), organizer, created)
                .map(dates -> new Created(created, dates)))))
        .recover(EventErrors::translate);
  }

  private Future<List<Event>> insertDates(SqlConnection conn, List<EventInput> dates, User organizer, Series created) {
    List<Event> inserted = new ArrayList<>();
    Future<Void> all = Future.succeededFuture();
    for (EventInput date : dates) {
      all = all.compose(v -> events.insert(conn, date, organizer.id(), created.id()).map(event -> {
        inserted.add(event);
        return (Void) null;
      }));
    }
    return all.map(v -> inserted);
  }

  /** Empty when there is no such series or the asker may see none of its dates. */
  public Future<Optional<View>> view(Optional<User> viewer, long id) {
    return series.find(pool, id).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      return access.seriesDates(viewer, id).compose(dates -> {
        if (dates.isEmpty()) {
          return Future.succeededFuture(Optional.<View>empty());
        }
        boolean manages = dates.stream().anyMatch(d -> d.grant().manager());
        // The asker's own follow is read from the primary: they may have just changed it.
        Future<Boolean> following = viewer.isEmpty() ? Future.succeededFuture(null)
            : series.following(pool, id, viewer.get().id());
        Future<Long> followers = manages ? series.followerCount(pool, id) : Future.succeededFuture(null);
        return Future.all(following, followers).map(all -> Optional.of(
            new View(found.get(), dates, manages, following.result(), followers.result())));
      });
    });
  }

  public Future<Void> follow(User member, Series followed) {
    return series.follow(pool, followed.id(), member.id());
  }

  public Future<Void> unfollow(User member, Series followed) {
    return series.unfollow(pool, followed.id(), member.id());
  }
}
