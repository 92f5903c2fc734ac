package org.queqiao.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.config.AppConfig;
import org.queqiao.rsvp.RsvpRepository;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Json;

/** The events JSON API: browse, read, create, change, publish, cancel, sign-up list, calendar file. */
public final class EventRoutes {
  public static final int PAGE_SIZE = 20;

  private final EventRepository events;
  private final EventService service;
  private final RsvpRepository rsvps;
  private final Authentication auth;
  private final AppConfig config;
  private final Clock clock;

  public EventRoutes(EventRepository events, EventService service, RsvpRepository rsvps, Authentication auth,
      AppConfig config, Clock clock) {
    this.events = events;
    this.service = service;
    this.rsvps = rsvps;
    this.auth = auth;
    this.config = config;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/events").handler(this::listEvents);
    router.post("/api/events").handler(auth.requireRole(Role.ORGANIZER, Role.ADMIN)).handler(this::createEvent);
    router.get("/api/events/:id").handler(this::showEvent);
    router.patch("/api/events/:id").handler(auth::requireUser).handler(this::updateEvent);
    router.post("/api/events/:id/publish").handler(auth::requireUser).handler(this::publishEvent);
    router.post("/api/events/:id/cancel").handler(auth::requireUser).handler(this::cancelEvent);
    router.get("/api/events/:id/rsvps").handler(auth::requireUser).handler(this::listRsvps);
    router.get("/api/events/:id/calendar.ics").handler(this::downloadCalendar);
  }

  private void listEvents(RoutingContext ctx) {
    EventRepository.Filter filter = filterFrom(ctx, clock.instant());
    int page = filter.offset() / PAGE_SIZE + 1;
    events.listPublished(filter)
        .onSuccess(found -> Json.send(ctx, 200, new JsonObject()
            .put("items", new JsonArray(found.items().stream().map(e -> e.toJson(clock.instant())).toList()))
            .put("page", page)
            .put("pageSize", PAGE_SIZE)
            .put("total", found.total())))
        .onFailure(ctx::fail);
  }

  /** Query parameters shared by the API list and the home page; bad values are a 400, not a guess. */
  public static EventRepository.Filter filterFrom(RoutingContext ctx, Instant now) {
    String typeParam = ctx.request().getParam("type");
    EventType type = null;
    if (typeParam != null && !typeParam.isBlank()) {
      type = EventType.parse(typeParam).orElseThrow(() -> ApiError.validation(Map.of("type", "field.event.type")));
    }
    int page = 1;
    String pageParam = ctx.request().getParam("page");
    if (pageParam != null && !pageParam.isBlank()) {
      try {
        page = Integer.parseInt(pageParam.strip());
      } catch (NumberFormatException e) {
        page = 0;
      }
      if (page < 1 || page > 10_000) {
        throw ApiError.validation(Map.of("page", "field.page"));
      }
    }
    return new EventRepository.Filter(now, type, dateParam(ctx, "from", false), dateParam(ctx, "to", true),
        ctx.request().getParam("q"), PAGE_SIZE, (page - 1) * PAGE_SIZE);
  }

  /** A date (the whole day in Asia/Shanghai; "to" includes that day) or a full ISO date-time. */
  private static Instant dateParam(RoutingContext ctx, String name, boolean endOfDay) {
    String value = ctx.request().getParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(EventTimes.DEFAULT_ZONE).toInstant();
      }
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeException e) {
      throw ApiError.validation(Map.of(name, "field.event.time"));
    }
  }

  private void createEvent(RoutingContext ctx) {
    service.create(CurrentUser.require(ctx).user(), Json.body(ctx))
        .onSuccess(event -> Json.send(ctx, 201, event.toJson(clock.instant())))
        .onFailure(ctx::fail);
  }

  private void showEvent(RoutingContext ctx) {
    long id = pathId(ctx);
    Optional<User> viewer = CurrentUser.of(ctx).map(CurrentUser::user);
    events.find(id)
        .compose(found -> {
          Event event = found.filter(e -> e.visibleTo(viewer)).orElseThrow(ApiError::notFound);
          JsonObject json = event.toJson(clock.instant());
          if (viewer.isEmpty()) {
            return io.vertx.core.Future.succeededFuture(json);
          }
          return rsvps.find(events.reads(), id, viewer.get().id())
              .map(mine -> json.put("myRsvp", mine.map(r -> r.toJson()).orElse(null)));
        })
        .onSuccess(json -> Json.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void updateEvent(RoutingContext ctx) {
    service.update(CurrentUser.require(ctx).user(), pathId(ctx), Json.body(ctx))
        .onSuccess(event -> Json.send(ctx, 200, event.toJson(clock.instant())))
        .onFailure(ctx::fail);
  }

  private void publishEvent(RoutingContext ctx) {
    service.publish(CurrentUser.require(ctx).user(), pathId(ctx))
        .onSuccess(event -> Json.send(ctx, 200, event.toJson(clock.instant())))
        .onFailure(ctx::fail);
  }

  private void cancelEvent(RoutingContext ctx) {
    Object reason = Json.body(ctx).getValue("reason");
    service.cancel(CurrentUser.require(ctx).user(), pathId(ctx), reason instanceof String s ? s : null)
        .onSuccess(event -> Json.send(ctx, 200, event.toJson(clock.instant())))
        .onFailure(ctx::fail);
  }

  private void listRsvps(RoutingContext ctx) {
    long id = pathId(ctx);
    service.managed(CurrentUser.require(ctx).user(), id)
        .compose(event -> rsvps.listForEvent(id))
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject()
            .put("items", new JsonArray(list.stream().map(RsvpRepository.Attendee::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void downloadCalendar(RoutingContext ctx) {
    Optional<User> viewer = CurrentUser.of(ctx).map(CurrentUser::user);
    events.find(pathId(ctx))
        .map(found -> found.filter(e -> e.visibleTo(viewer)).orElseThrow(ApiError::notFound))
        .onSuccess(event -> ctx.response()
              .putHeader("Content-Type", "text/calendar; charset=utf-8")
              .putHeader("Content-Disposition", "attachment; filename=\"queqiao-event-" + event.id() + ".ics\"")
              .end(EventCalendar.of(event, config.publicBaseUrl())))
        .onFailure(ctx::fail);
  }

  public static long pathId(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiError.notFound();
    }
  }
}
