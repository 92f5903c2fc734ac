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
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.config.AppConfig;
import org.queqiao.users.Role;
import org.queqiao.web.ApiError;
import org.queqiao.web.Json;
import org.queqiao.web.PathParams;
import org.queqiao.web.Times;

/** The events JSON API: browse, create, change, publish, cancel, staff, calendar file. */
public final class EventRoutes {
  public static final int PAGE_SIZE = 20;

  private final EventService service;
  private final EventAccess access;
  private final Authentication auth;
  private final AppConfig config;
  private final Clock clock;

  public EventRoutes(EventService service, EventAccess access, Authentication auth, AppConfig config, Clock clock) {
    this.service = service;
    this.access = access;
    this.auth = auth;
    this.config = config;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/events").handler(this::listEvents);
    router.post("/api/events").handler(auth.requireRole(Role.ORGANIZER, Role.ADMIN)).handler(this::createEvent);
    router.patch("/api/events/:id").handler(access::requireManager).handler(this::updateEvent);
    router.post("/api/events/:id/publish").handler(access::requireManager).handler(this::publishEvent);
    router.post("/api/events/:id/cancel").handler(access::requireManager).handler(this::cancelEvent);
    router.get("/api/events/:id/staff").handler(access::requireManager).handler(this::listStaff);
    router.put("/api/events/:id/staff/:userId").handler(access::requireManager).handler(this::putStaff);
    router.delete("/api/events/:id/staff/:userId").handler(access::requireManager).handler(this::removeStaff);
    router.get("/api/events/:id/calendar.ics").handler(access::requireVisible).handler(this::downloadCalendar);
  }

  private void listEvents(RoutingContext ctx) {
    EventRepository.Filter filter = filterFrom(ctx, clock.instant());
    int page = filter.offset() / PAGE_SIZE + 1;
    service.listPublished(filter)
        .onSuccess(found -> Json.send(ctx, 200, new JsonObject()
            .put("items", new JsonArray(found.items().stream().map(e -> e.toJson(clock.instant())).toList()))
            .put("page", page)
            .put("pageSize", PAGE_SIZE)
            .put("total", found.total())))
        .onFailure(ctx::fail);
  }

  /** Query parameters shared by the API list and the home page; bad values are a 400, not a guess. */
  static EventRepository.Filter filterFrom(RoutingContext ctx, Instant now) {
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
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(Times.DEFAULT_ZONE).toInstant();
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

  private void updateEvent(RoutingContext ctx) {
    service.update(EventAccess.event(ctx), CurrentUser.require(ctx).user(), Json.body(ctx))
        .onSuccess(event -> Json.send(ctx, 200, event.toJson(clock.instant())))
        .onFailure(ctx::fail);
  }

  private void publishEvent(RoutingContext ctx) {
    service.publish(EventAccess.event(ctx))
        .onSuccess(event -> Json.send(ctx, 200, event.toJson(clock.instant())))
        .onFailure(ctx::fail);
  }

  private void cancelEvent(RoutingContext ctx) {
    Object reason = Json.body(ctx).getValue("reason");
    service.cancel(EventAccess.event(ctx), reason instanceof String s ? s : null)
        .onSuccess(event -> Json.send(ctx, 200, event.toJson(clock.instant())))
        .onFailure(ctx::fail);
  }

  private void listStaff(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.staff(event)
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject()
            .put("items", new JsonArray(list.stream().map(s -> s.toJson(event)).toList()))))
        .onFailure(ctx::fail);
  }

  private void putStaff(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    long userId = PathParams.pathLong(ctx, "userId", EventErrors::userNotFound);
    service.putStaff(event, CurrentUser.require(ctx).user(), userId, Json.body(ctx).getValue("role"))
        .onSuccess(staff -> Json.send(ctx, 200, staff.toJson(event)))
        .onFailure(ctx::fail);
  }

  private void removeStaff(RoutingContext ctx) {
    long userId = PathParams.pathLong(ctx, "userId", EventErrors::userNotFound);
    service.removeStaff(EventAccess.event(ctx), userId)
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void downloadCalendar(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    ctx.response()
        .putHeader("Content-Type", "text/calendar; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"queqiao-event-" + event.id() + ".ics\"")
        .end(EventCalendar.of(event, config.publicBaseUrl()));
  }
}
