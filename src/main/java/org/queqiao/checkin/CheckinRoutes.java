package org.queqiao.checkin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.config.AppConfig;
import org.queqiao.events.Event;
import org.queqiao.events.EventRoutes;
import org.queqiao.events.EventService;
import org.queqiao.events.EventTimes;
import org.queqiao.events.EventView;
import org.queqiao.web.Json;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;

/** The check-in JSON API: tickets, scans, venue code, walk-ins, attendance, its CSV and live stream. */
public final class CheckinRoutes {
  private static final long HEARTBEAT_MS = 15_000;

  private final CheckinService service;
  private final CheckinRepository checkins;
  private final EventService events;
  private final AttendanceHub hub;
  private final Authentication auth;
  private final Messages messages;
  private final AppConfig config;
  private final Clock clock;

  public CheckinRoutes(CheckinService service, CheckinRepository checkins, EventService events, AttendanceHub hub,
      Authentication auth, Messages messages, AppConfig config, Clock clock) {
    this.service = service;
    this.checkins = checkins;
    this.events = events;
    this.hub = hub;
    this.auth = auth;
    this.messages = messages;
    this.config = config;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/events/:id/ticket").handler(auth::requireUser).handler(this::showTicket);
    router.post("/api/events/:id/checkins").handler(auth::requireUser).handler(this::submitCheckin);
    router.get("/api/events/:id/checkins/search").handler(auth::requireUser).handler(this::searchAttendees);
    router.post("/api/events/:id/walk-ins").handler(auth::requireUser).handler(this::submitWalkIn);
    router.get("/api/events/:id/venue-code").handler(auth::requireUser).handler(this::showVenueCode);
    router.post("/api/events/:id/self-checkin").handler(auth::requireUser).handler(this::submitSelfCheckin);
    router.get("/api/events/:id/attendance").handler(auth::requireUser).handler(this::showAttendance);
    router.get("/api/events/:id/attendance.csv").handler(auth::requireUser).handler(this::downloadAttendance);
    router.get("/api/events/:id/attendance/stream").handler(auth::requireUser).handler(this::streamAttendance);
    router.get("/api/me/attendance").handler(auth::requireUser).handler(this::listMyAttendance);
  }

  static JsonObject outcomeJson(CheckinRepository.Outcome outcome, Event event) {
    return new JsonObject()
        .put("rsvpId", outcome.rsvpId())
        .put("displayName", outcome.displayName())
        .put("pool", outcome.poolKey())
        .put("badge", outcome.badge())
        .put("checkedInAt", EventTimes.iso(outcome.checkedInAt(), event.zone()));
  }

  /** The venue QR is a link: a member's own camera app opens the self check-in page with it. */
  public String venueLink(long eventId, String token) {
    return config.publicBaseUrl() + "/events/" + eventId + "/self-checkin?code=" + token;
  }

  public static JsonObject attendanceJson(List<CheckinRepository.PoolAttendance> pools) {
    int confirmed = pools.stream().mapToInt(CheckinRepository.PoolAttendance::confirmed).sum();
    int checkedIn = pools.stream().mapToInt(CheckinRepository.PoolAttendance::checkedIn).sum();
    int waitlisted = pools.stream().mapToInt(CheckinRepository.PoolAttendance::waitlisted).sum();
    JsonArray perPool = new JsonArray();
    pools.forEach(p -> perPool.add(new JsonObject().put("key", p.key()).put("label", p.label())
        .put("confirmed", p.confirmed()).put("checkedIn", p.checkedIn())
        .put("notCheckedIn", p.confirmed() - p.checkedIn()).put("waitlisted", p.waitlisted())));
    return new JsonObject().put("confirmed", confirmed).put("checkedIn", checkedIn)
        .put("notCheckedIn", confirmed - checkedIn).put("waitlisted", waitlisted).put("pools", perPool);
  }

  private void showTicket(RoutingContext ctx) {
    service.ticket(CurrentUser.require(ctx).user(), EventRoutes.pathId(ctx))
        .onSuccess(ticket -> Json.send(ctx, 200, new JsonObject()
            .put("code", ticket.code()).put("qr", ticket.qr()).put("refreshSeconds", ticket.refreshSeconds())))
        .onFailure(ctx::fail);
  }

  private void submitCheckin(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    var user = CurrentUser.require(ctx).user();
    JsonObject body = Json.body(ctx);
    events.managed(user, id)
        .compose(event -> service.checkIn(user, id, body).map(outcome -> outcomeJson(outcome, event)))
        .onSuccess(json -> Json.send(ctx, 201, json))
        .onFailure(ctx::fail);
  }

  private void searchAttendees(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    String q = ctx.request().getParam("q", "");
    events.managed(CurrentUser.require(ctx).user(), id)
        .compose(event -> (q.isBlank() ? Future.succeededFuture(List.<CheckinRepository.Attendee>of()) : checkins.search(id, q))
            .map(found -> new JsonObject().put("items", new JsonArray(found.stream().map(a -> new JsonObject()
                .put("rsvpId", a.rsvpId()).put("displayName", a.displayName()).put("memberNo", a.memberNo())
                .put("pool", a.poolKey()).put("badge", a.badge())
                .put("checkedInAt", a.checkedInAt() == null ? null : EventTimes.iso(a.checkedInAt(), event.zone())))
                .toList()))))
        .onSuccess(json -> Json.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void submitWalkIn(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    var user = CurrentUser.require(ctx).user();
    JsonObject body = Json.body(ctx);
    String login = body.getValue("login") instanceof String s ? s : "";
    String pool = body.getValue("pool") instanceof String s ? s : null;
    boolean single = Boolean.TRUE.equals(body.getValue("declaresSingle"));
    events.managed(user, id)
        .compose(event -> service.walkIn(user, id, login, pool, single).map(outcome -> outcomeJson(outcome, event)))
        .onSuccess(json -> Json.send(ctx, 201, json))
        .onFailure(ctx::fail);
  }

  private void showVenueCode(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    events.managed(CurrentUser.require(ctx).user(), id)
        .onSuccess(event -> {
          Instant now = clock.instant();
          long step = TicketCodes.step(now);
          Json.send(ctx, 200, new JsonObject()
              .put("code", service.codes().venueDigits(id, step))
              .put("qr", venueLink(id, service.codes().venueToken(id, step)))
              .put("refreshSeconds", TicketCodes.secondsLeft(now)));
        })
        .onFailure(ctx::fail);
  }

  private void submitSelfCheckin(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    var user = CurrentUser.require(ctx).user();
    Object code = Json.body(ctx).getValue("venueCode");
    events.visible(java.util.Optional.of(user), id)
        .compose(event -> service.selfCheckIn(user, id, code instanceof String s ? s : null)
            .map(outcome -> outcomeJson(outcome, event)))
        .onSuccess(json -> Json.send(ctx, 201, json))
        .onFailure(ctx::fail);
  }

  private void showAttendance(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    events.managed(CurrentUser.require(ctx).user(), id)
        .compose(event -> checkins.attendance(id))
        .onSuccess(pools -> Json.send(ctx, 200, attendanceJson(pools)))
        .onFailure(ctx::fail);
  }

  private void downloadAttendance(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    String lang = Lang.of(ctx);
    events.managed(CurrentUser.require(ctx).user(), id)
        .compose(event -> checkins.confirmedAttendees(id).map(rows -> AttendanceCsv.of(rows, event.zone(),
            key -> messages.get(lang, key),
            key -> event.pool(key).map(p -> EventView.poolLabel(event, p, lang, messages)).orElse(key))))
        .onSuccess(csv -> ctx.response()
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"attendance-" + id + ".csv\"")
            .putHeader("Cache-Control", "no-store")
            .end(csv))
        .onFailure(ctx::fail);
  }

  /**
   * Server-sent events: the current attendance first, then an event per check-in, from whichever
   * instance made it (PostgreSQL LISTEN/NOTIFY through {@link AttendanceHub}).
   */
  private void streamAttendance(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    events.managed(CurrentUser.require(ctx).user(), id)
        .onSuccess(event -> {
          HttpServerResponse response = ctx.response()
              .setChunked(true)
              .putHeader("Content-Type", "text/event-stream; charset=utf-8")
              .putHeader("Cache-Control", "no-store")
              .putHeader("X-Accel-Buffering", "no");
          var vertx = ctx.vertx();
          // Listen before reading the counts, so no check-in falls between the two; and clean up
          // however early the client goes away.
          var consumer = hub.onCheckin(id, checkin -> checkins.attendance(id).onSuccess(now -> {
            if (!response.closed()) {
              checkin.put("checkedInAt", EventTimes.iso(Instant.parse(checkin.getString("checkedInAt")), event.zone()));
              response.write("event: checkin\ndata: "
                  + new JsonObject().put("checkin", checkin).put("attendance", attendanceJson(now)).encode() + "\n\n");
            }
          }));
          long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> {
            if (!response.closed()) {
              response.write(": keep-alive\n\n");
            }
          });
          response.closeHandler(closed -> {
            consumer.unregister();
            vertx.cancelTimer(heartbeat);
          });
          checkins.attendance(id)
              .onSuccess(pools -> {
                if (!response.closed()) {
                  response.write("retry: 3000\nevent: attendance\ndata: " + attendanceJson(pools).encode() + "\n\n");
                }
              })
              .onFailure(e -> response.reset());
        })
        .onFailure(ctx::fail);
  }

  private void listMyAttendance(RoutingContext ctx) {
    checkins.attendedBy(CurrentUser.require(ctx).user().id())
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject().put("items", new JsonArray(list.stream()
            .map(a -> new JsonObject()
                .put("eventId", a.event().id())
                .put("title", a.event().title())
                .put("type", a.event().type().name())
                .put("startsAt", EventTimes.iso(a.event().startsAt(), a.event().zone()))
                .put("checkedInAt", EventTimes.iso(a.checkedInAt(), a.event().zone()))
                .put("badge", a.badge()))
            .toList()))))
        .onFailure(ctx::fail);
  }
}
