package org.queqiao.checkin;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.events.EventView;
import org.queqiao.web.Json;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Times;

/** The check-in JSON API: tickets, scans, venue code, walk-ins, attendance, its CSV and live stream. */
public final class CheckinRoutes {
  private static final long HEARTBEAT_MS = 15_000;
  /** How often a live stream checks that its viewer may still see it (signed in, still a manager). */
  static final long RECHECK_MS = 2_000;

  private final CheckinService service;
  private final EventAccess access;
  private final Authentication auth;
  private final Messages messages;

  public CheckinRoutes(CheckinService service, EventAccess access, Authentication auth, Messages messages) {
    this.service = service;
    this.access = access;
    this.auth = auth;
    this.messages = messages;
  }

  public void mount(Router router) {
    router.get("/api/events/:id/ticket").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::showTicket);
    router.post("/api/events/:id/checkins").handler(access::requireDoorStaff).handler(this::submitCheckin);
    router.get("/api/events/:id/checkins/search").handler(access::requireDoorStaff).handler(this::searchAttendees);
    router.post("/api/events/:id/walk-ins").handler(access::requireManager).handler(this::submitWalkIn);
    router.get("/api/events/:id/venue-code").handler(access::requireManager).handler(this::showVenueCode);
    router.post("/api/events/:id/self-checkin").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitSelfCheckin);
    router.get("/api/events/:id/attendance").handler(access::requireManager).handler(this::showAttendance);
    router.get("/api/events/:id/attendance.csv").handler(access::requireManager).handler(this::downloadAttendance);
    router.get("/api/events/:id/attendance/stream").handler(access::requireManager).handler(this::streamAttendance);
    router.get("/api/me/attendance").handler(auth::requireUser).handler(this::listMyAttendance);
    new DoorRoutes(service.door(), access).mount(router);
  }

  private void showTicket(RoutingContext ctx) {
    service.ticket(CurrentUser.require(ctx).user(), EventAccess.event(ctx))
        .onSuccess(ticket -> Json.send(ctx, 200, new JsonObject()
            .put("code", ticket.code()).put("qr", ticket.qr()).put("refreshSeconds", ticket.refreshSeconds())
            .put("offline", new JsonObject().put("secret", ticket.secret())
                .put("period", TicketCodes.STEP_SECONDS).put("algorithm", "TOTP-SHA256"))))
        .onFailure(ctx::fail);
  }

  private void submitCheckin(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    CurrentUser me = CurrentUser.require(ctx);
    service.checkIn(me.user(), event, Json.body(ctx), me.tokenId().toString())
        .onSuccess(outcome -> Json.send(ctx, 201, CheckinJson.outcome(outcome, event)))
        .onFailure(ctx::fail);
  }

  private void searchAttendees(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.search(event, ctx.request().getParam("q", ""))
        .onSuccess(found -> Json.send(ctx, 200, new JsonObject().put("items",
            new JsonArray(found.stream().map(a -> CheckinJson.attendee(a, event)).toList()))))
        .onFailure(ctx::fail);
  }

  private void submitWalkIn(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    JsonObject body = Json.body(ctx);
    String login = body.getValue("login") instanceof String s ? s : "";
    String pool = body.getValue("pool") instanceof String s ? s : null;
    boolean single = Boolean.TRUE.equals(body.getValue("declaresSingle"));
    service.walkIn(CurrentUser.require(ctx).user(), event, login, pool, single)
        .onSuccess(outcome -> Json.send(ctx, 201, CheckinJson.outcome(outcome, event)))
        .onFailure(ctx::fail);
  }

  private void showVenueCode(RoutingContext ctx) {
    CheckinService.VenueCode code = service.venueCode(EventAccess.event(ctx));
    Json.send(ctx, 200, new JsonObject()
        .put("code", code.digits()).put("qr", code.link()).put("refreshSeconds", code.refreshSeconds()));
  }

  private void submitSelfCheckin(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    Object code = Json.body(ctx).getValue("venueCode");
    service.selfCheckIn(CurrentUser.require(ctx).user(), event, code instanceof String s ? s : null)
        .onSuccess(outcome -> Json.send(ctx, 201, CheckinJson.outcome(outcome, event)))
        .onFailure(ctx::fail);
  }

  private void showAttendance(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.attendance(event)
        .compose(pools -> service.door().gates(event).map(gates -> CheckinJson.attendance(pools).mergeIn(gates)))
        .onSuccess(attendance -> Json.send(ctx, 200, attendance))
        .onFailure(ctx::fail);
  }

  private void downloadAttendance(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String lang = Lang.of(ctx);
    service.confirmedAttendees(event)
        .map(rows -> AttendanceCsv.of(rows, event.zone(),
            key -> messages.get(lang, key),
            key -> event.pool(key).map(p -> EventView.poolLabel(event, p, lang, messages)).orElse(key),
            event.questions()))
        .onSuccess(csv -> ctx.response()
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"attendance-" + event.id() + ".csv\"")
            .putHeader("Cache-Control", "no-store")
            .end(csv))
        .onFailure(ctx::fail);
  }

  /**
   * Server-sent events: the current attendance first, then an event per check-in, from whichever
   * instance made it (PostgreSQL LISTEN/NOTIFY through {@link AttendanceHub}).
   */
  private void streamAttendance(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    long id = event.id();
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    var vertx = ctx.vertx();
    // Listen before reading the counts, so no check-in falls between the two; and clean up
    // however early the client goes away.
    var consumer = AttendanceHub.onCheckin(vertx, id, checkin -> service.attendance(event)
        .compose(now -> service.door().gates(event).map(gates -> CheckinJson.attendance(now).mergeIn(gates)))
        .onSuccess(now -> {
          if (!response.closed()) {
            checkin.put("checkedInAt", Times.iso(Instant.parse(checkin.getString("checkedInAt")), event.zone()));
            response.write("event: checkin\ndata: "
                + new JsonObject().put("checkin", checkin).put("attendance", now).encode() + "\n\n");
          }
        }));
    long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> {
      if (!response.closed()) {
        response.write(": keep-alive\n\n");
      }
    });
    // Names stop flowing within seconds of a sign-out (here or anywhere, or everywhere) or of the
    // viewer losing the event: the stream ends, and the browser's reconnection is refused.
    long recheck = vertx.setPeriodic(RECHECK_MS, t -> access.stillManages(ctx).onComplete(still -> {
      if (!response.ended() && !response.closed() && (still.failed() || !still.result())) {
        response.end();
      }
    }));
    response.closeHandler(closed -> {
      consumer.unregister();
      vertx.cancelTimer(heartbeat);
      vertx.cancelTimer(recheck);
    });
    response.endHandler(ended -> {
      consumer.unregister();
      vertx.cancelTimer(heartbeat);
      vertx.cancelTimer(recheck);
    });
    service.attendance(event)
        .compose(pools -> service.door().gates(event).map(gates -> CheckinJson.attendance(pools).mergeIn(gates)))
        .onSuccess(attendance -> {
          if (!response.closed()) {
            response.write("retry: 3000\nevent: attendance\ndata: " + attendance.encode() + "\n\n");
          }
        })
        .onFailure(e -> response.reset());
  }

  private void listMyAttendance(RoutingContext ctx) {
    service.attendedBy(CurrentUser.require(ctx).user())
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject().put("items", new JsonArray(list.stream()
            .map(a -> new JsonObject()
                .put("eventId", a.event().id())
                .put("title", a.event().title())
                .put("type", a.event().type().name())
                .put("startsAt", Times.iso(a.event().startsAt(), a.event().zone()))
                .put("checkedInAt", Times.iso(a.checkedInAt(), a.event().zone()))
                .put("badge", a.badge()))
            .toList()))))
        .onFailure(ctx::fail);
  }
}
