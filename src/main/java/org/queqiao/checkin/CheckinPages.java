package org.queqiao.checkin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.events.EventView;
import org.queqiao.users.User;
import org.queqiao.web.QrCodes;
import org.queqiao.web.Times;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Views;

/**
 * The door, as pages: the member's ticket, the organiser's scanner (camera with JavaScript; code,
 * name search and walk-in forms without), the venue code screen, self check-in, live attendance.
 */
public final class CheckinPages {
  private final CheckinService service;
  private final EventAccess access;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;
  private final Clock clock;

  public CheckinPages(CheckinService service, EventAccess access, Authentication auth, Views views, Messages messages,
      Clock clock) {
    this.service = service;
    this.access = access;
    this.auth = auth;
    this.views = views;
    this.messages = messages;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/ticket-sw.js").handler(this::serveTicketWorker);
    router.get("/events/:id/ticket.webmanifest").handler(this::serveTicketManifest);
    router.get("/events/:id/ticket").handler(auth::requireUser).handler(access::requireVisible).handler(this::showTicket);
    router.get("/events/:id/self-checkin").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::showSelfCheckin);
    router.post("/events/:id/self-checkin").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitSelfCheckin);
    router.get("/organizer/events/:id/checkin").handler(access::requireDoorStaff).handler(this::showScanner);
    router.post("/organizer/events/:id/checkin").handler(access::requireDoorStaff).handler(this::submitCheckin);
    router.post("/organizer/events/:id/walk-in").handler(access::requireManager).handler(this::submitWalkIn);
    router.get("/organizer/events/:id/venue").handler(access::requireManager).handler(this::showVenueScreen);
    router.get("/organizer/events/:id/attendance").handler(access::requireManager).handler(this::showDashboard);
  }

  private static String spaced(String digits) {
    return digits.substring(0, 3) + " " + digits.substring(3);
  }

  private void showTicket(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    Event event = EventAccess.event(ctx);
    String lang = Lang.of(ctx);
    service.ticket(me, event).compose(ticket -> service.ofRsvp(ticket.rsvp().id())
            .map(checkedIn -> {
              Map<String, Object> model = new HashMap<>();
              model.put("title", messages.get(lang, "ticket.title"));
              model.put("event", EventView.of(event, clock.instant(), lang, messages));
              model.put("qr", QrCodes.svgDataUri(ticket.qr()));
              model.put("code", spaced(ticket.code()));
              model.put("refreshSeconds", ticket.refreshSeconds() + 1);
              model.put("secret", ticket.secret());
              model.put("period", TicketCodes.STEP_SECONDS);
              model.put("rsvpId", ticket.rsvp().id());
              model.put("manifest", "/events/" + event.id() + "/ticket.webmanifest");
              model.put("name", me.displayName());
              model.put("pool", event.pools().size() < 2 ? "" : event.pool(ticket.rsvp().poolKey())
                  .map(p -> EventView.poolLabel(event, p, lang, messages)).orElse(""));
              checkedIn.ifPresent(c -> {
                model.put("checkedInAt", Times.hourMinute(c.checkedInAt(), event.zone()));
                model.put("badge", c.badge());
              });
              return model;
            }))
        .onSuccess(model -> views.render(ctx, "checkin/ticket", model))
        .onFailure(ctx::fail);
  }

  /**
   * Served from the root, not /static, so its scope can cover the ticket pages under /events/;
   * never cached long, so a fixed worker reaches phones at their next visit.
   */
  private void serveTicketWorker(RoutingContext ctx) {
    ctx.vertx().fileSystem().readFile("webroot/js/ticket-sw.js")
        .onSuccess(script -> ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
            .putHeader("Cache-Control", "no-cache").end(script))
        .onFailure(ctx::fail);
  }

  /** Browsers fetch a manifest without the session cookie, so it names nothing private. */
  private void serveTicketManifest(RoutingContext ctx) {
    java.util.Optional<Long> event = org.queqiao.web.Numbers.wholeNumber(ctx.pathParam("id"), 1, Long.MAX_VALUE);
    if (event.isEmpty()) {
      ctx.fail(404);
      return;
    }
    long id = event.get();
    String lang = Lang.of(ctx);
    ctx.response().putHeader("Content-Type", "application/manifest+json; charset=utf-8")
        .end(new io.vertx.core.json.JsonObject()
            .put("name", messages.get(lang, "ticket.title") + " · " + messages.get(lang, "app.name"))
            .put("short_name", messages.get(lang, "ticket.title"))
            .put("start_url", "/events/" + id + "/ticket")
            .put("scope", "/events/" + id + "/")
            .put("display", "standalone")
            .put("background_color", "#ffffff")
            .put("theme_color", "#b22222")
            .put("icons", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject()
                .put("src", "/static/img/icon.svg").put("sizes", "any").put("type", "image/svg+xml")))
            .encode());
  }

  private void showSelfCheckin(RoutingContext ctx) {
    views.render(ctx, "checkin/self", selfModel(ctx, EventAccess.event(ctx), ctx.request().getParam("code", "")));
  }

  private Map<String, Object> selfModel(RoutingContext ctx, Event event, String code) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", messages.get(Lang.of(ctx), "self.title"));
    model.put("event", EventView.of(event, clock.instant(), Lang.of(ctx), messages));
    model.put("code", code);
    return model;
  }

  private void submitSelfCheckin(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String code = ctx.request().getFormAttribute("venueCode");
    service.selfCheckIn(CurrentUser.require(ctx).user(), event, code)
        .onSuccess(outcome -> {
          Map<String, Object> model = selfModel(ctx, event, "");
          model.put("result", resultModel(ctx, event, outcome));
          views.render(ctx, 201, "checkin/self", model);
        })
        .onFailure(failure -> views.renderRefusal(ctx, "checkin/self", selfModel(ctx, event, ""), failure));
  }

  private Map<String, Object> resultModel(RoutingContext ctx, Event event, CheckinRepository.Outcome outcome) {
    Map<String, Object> result = new HashMap<>();
    result.put("name", outcome.displayName());
    result.put("pool", event.pool(outcome.poolKey()).map(p -> EventView.poolLabel(event, p, Lang.of(ctx), messages))
        .orElse(""));
    result.put("badge", outcome.badge());
    result.put("at", Times.hourMinute(outcome.checkedInAt(), event.zone()));
    result.put("answers", CheckinJson.atDoor(outcome.answers(), event).stream()
        .map(a -> ((io.vertx.core.json.JsonObject) a).getMap()).toList());
    return result;
  }

  private Future<Map<String, Object>> scannerModel(RoutingContext ctx, Event event, String query) {
    String lang = Lang.of(ctx);
    return service.search(event, query).compose(list -> service.attendance(event).map(pools -> {
      Map<String, Object> model = new HashMap<>();
      model.put("title", messages.get(lang, "scanner.title"));
      model.put("event", EventView.of(event, clock.instant(), lang, messages));
      model.put("q", query == null ? "" : query);
      model.put("searched", query != null && !query.isBlank());
      model.put("found", list.stream().map(a -> {
        Map<String, Object> row = new HashMap<>();
        row.put("rsvpId", a.rsvpId());
        row.put("name", a.displayName());
        row.put("memberNo", a.memberNo());
        row.put("pool", event.pool(a.poolKey()).map(p -> EventView.poolLabel(event, p, lang, messages)).orElse(""));
        row.put("checkedInAt", a.checkedInAt() == null ? null : Times.hourMinute(a.checkedInAt(), event.zone()));
        return row;
      }).toList());
      model.put("attendance", CheckinJson.attendance(pools).getMap());
      model.put("manage", EventAccess.grant(ctx).manager());
      JsonObject labels = new JsonObject();
      event.pools().forEach(p -> labels.put(p.key(), EventView.poolLabel(event, p, lang, messages)));
      model.put("poolLabels", labels.encode());
      return model;
    }));
  }

  private void showScanner(RoutingContext ctx) {
    scannerModel(ctx, EventAccess.event(ctx), ctx.request().getParam("q"))
        .onSuccess(model -> views.render(ctx, "checkin/scanner", model))
        .onFailure(ctx::fail);
  }

  private void submitCheckin(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    Event event = EventAccess.event(ctx);
    JsonObject body = new JsonObject();
    String code = ctx.request().getFormAttribute("code");
    String rsvpId = ctx.request().getFormAttribute("rsvpId");
    if (rsvpId != null && rsvpId.matches("\\d{1,18}")) {
      body.put("rsvpId", Long.parseLong(rsvpId));
    } else if (code != null) {
      body.put("code", code);
    }
    service.checkIn(me, event, body, CurrentUser.require(ctx).tokenId().toString())
        .onComplete(done -> scannerModel(ctx, event, ctx.request().getFormAttribute("q")).onSuccess(model -> {
          if (done.succeeded()) {
            model.put("result", resultModel(ctx, event, done.result()));
            views.render(ctx, 201, "checkin/scanner", model);
          } else {
            views.renderRefusal(ctx, "checkin/scanner", model, done.cause());
          }
        }).onFailure(ctx::fail));
  }

  private void submitWalkIn(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    Event event = EventAccess.event(ctx);
    String login = ctx.request().getFormAttribute("login");
    String pool = ctx.request().getFormAttribute("pool");
    boolean single = "on".equals(ctx.request().getFormAttribute("declaresSingle"));
    service.walkIn(me, event, login == null ? "" : login, pool == null || pool.isBlank() ? null : pool, single)
        .onComplete(done -> scannerModel(ctx, event, null).onSuccess(model -> {
          if (done.succeeded()) {
            model.put("result", resultModel(ctx, event, done.result()));
            model.put("walkIn", true);
            views.render(ctx, 201, "checkin/scanner", model);
          } else {
            model.put("walkInLogin", login);
            views.renderRefusal(ctx, "checkin/scanner", model, done.cause());
          }
        }).onFailure(ctx::fail));
  }

  private void showVenueScreen(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String lang = Lang.of(ctx);
    CheckinService.VenueCode code = service.venueCode(event);
    Map<String, Object> model = new HashMap<>();
    model.put("title", messages.get(lang, "venue.title"));
    model.put("event", EventView.of(event, clock.instant(), lang, messages));
    model.put("qr", QrCodes.svgDataUri(code.link()));
    model.put("code", spaced(code.digits()));
    model.put("refreshSeconds", code.refreshSeconds() + 1);
    views.render(ctx, "checkin/venue", model);
  }

  private void showDashboard(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String lang = Lang.of(ctx);
    service.attendance(event).compose(pools -> service.door().gates(event).map(gates -> {
          Map<String, Object> model = new HashMap<>();
          model.put("title", messages.get(lang, "dashboard.title"));
          model.put("insideNow", gates.getInteger("insideNow"));
          model.put("gates", gates.getJsonArray("gates").getList());
          model.put("event", EventView.of(event, clock.instant(), lang, messages));
          JsonObject attendance = CheckinJson.attendance(pools);
          attendance.getJsonArray("pools").forEach(p -> {
            JsonObject pool = (JsonObject) p;
            event.pool(pool.getString("key")).ifPresent(ep -> pool.put("label", EventView.poolLabel(event, ep, lang, messages)));
          });
          model.put("attendance", attendance.getMap());
          model.put("pools", attendance.getJsonArray("pools").getList());
          return model;
        }))
        .onSuccess(model -> views.render(ctx, "checkin/dashboard", model))
        .onFailure(ctx::fail);
  }

}
