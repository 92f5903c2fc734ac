package org.queqiao.rosters;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.db.EventChannels;
import org.queqiao.web.ApiError;
import org.queqiao.web.Json;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.PathParams;
import org.queqiao.web.Uploads;

/** The roster API (contract §17): upload, progress and its stream, refused rows; a member's own rows and disputes. */
public final class RosterRoutes {
  /** What browsers and clients call a CSV or an XLSX file; the bytes decide which it is. */
  static final Set<String> MEDIA_TYPES = Set.of("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream");
  static final long HEARTBEAT_MS = 15_000;
  static final int LIST_LIMIT = 50;

  private final RosterService service;
  private final RosterAccess access;
  private final Authentication auth;
  private final Messages messages;

  public RosterRoutes(RosterService service, RosterAccess access, Authentication auth, Messages messages) {
    this.service = service;
    this.access = access;
    this.auth = auth;
    this.messages = messages;
  }

  /** The upload's own body limit, before the app-wide one, after the asker is checked. */
  public void mountBodies(Router router, Handler<RoutingContext> identify) {
    router.post("/api/unions/:id/rosters").handler(Uploads::holdBody).handler(identify)
        .handler(access::requireUnionOrganiser).handler(Uploads.raw(RosterService.MAX_BYTES, MEDIA_TYPES))
        .failureHandler(Uploads::releaseBody);
  }

  public void mount(Router router) {
    router.post("/api/unions/:id/rosters").handler(access::requireUnionOrganiser).handler(this::uploadRoster);
    router.get("/api/unions/:id/roster").handler(access::requireUnionOrganiser).handler(this::listRoster);
    router.get("/api/unions/:id/roster-imports").handler(access::requireUnionOrganiser).handler(this::listImports);
    router.get("/api/unions/:id/roster-disputes").handler(access::requireUnionOrganiser).handler(this::listDisputes);
    router.get("/api/roster-imports/:importId").handler(access::requireImportOrganiser).handler(this::showImport);
    router.get("/api/roster-imports/:importId/stream").handler(access::requireImportOrganiser).handler(this::streamImport);
    router.get("/api/roster-imports/:importId/refused.csv").handler(access::requireImportOrganiser)
        .handler(this::refusedCsv);
    router.get("/api/me/roster").handler(auth::requireUser).handler(this::showMyRows);
    router.post("/api/me/roster/:entryId/dispute").handler(auth::requireUser).handler(this::disputeRow);
  }

  private void uploadRoster(RoutingContext ctx) {
    if (!MEDIA_TYPES.contains(Uploads.mediaType(ctx))) {
      ctx.fail(ApiError.unsupportedMediaType());
      return;
    }
    Buffer body = ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    String fileName = ctx.request().getParam("fileName");
    service.upload(CurrentUser.require(ctx).user(), RosterAccess.unionId(ctx),
            fileName == null ? null : fileName.substring(0, Math.min(200, fileName.length())), body.getBytes())
        .onSuccess(id -> Json.send(ctx, 202, new JsonObject().put("importId", id)))
        .onFailure(ctx::fail);
  }

  private void listRoster(RoutingContext ctx) {
    long unionId = RosterAccess.unionId(ctx);
    service.counts(unionId).compose(counts -> service.entries(unionId, ctx.request().getParam("q"), LIST_LIMIT)
            .map(rows -> new JsonObject().put("onRoster", counts.current()).put("noLongerOnRoster", counts.removed())
                .put("items", new JsonArray(rows.stream().map(r -> new JsonObject().put("id", r.id())
                    .put("name", r.name()).put("mobile", r.mobile()).put("memberNo", r.memberNo())
                    .put("union", r.unionName()).put("onRoster", !r.removed())).toList()))))
        .onSuccess(json -> Json.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void listImports(RoutingContext ctx) {
    service.recentImports(RosterAccess.unionId(ctx))
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject()
            .put("items", new JsonArray(list.stream().map(RosterImport::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void listDisputes(RoutingContext ctx) {
    service.disputes(RosterAccess.unionId(ctx))
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject().put("items", new JsonArray(list.stream()
            .map(d -> new JsonObject().put("entryId", d.entryId()).put("name", d.name()).put("memberNo", d.memberNo())
                .put("mobile", d.mobile()).put("union", d.unionName()).put("member", d.memberName())
                .put("reason", d.reason()).put("at", d.at())).toList()))))
        .onFailure(ctx::fail);
  }

  /** A preview not yet started is no import (the page's business): 404 like one that never was. */
  private void showImport(RoutingContext ctx) {
    RosterImport rosterImport = RosterAccess.rosterImport(ctx);
    if (RosterImport.PREVIEW.equals(rosterImport.status())) {
      ctx.fail(RosterErrors.importNotFound());
      return;
    }
    service.find(rosterImport.id())
        .onSuccess(found -> Json.send(ctx, 200, found.orElse(rosterImport).toJson()))
        .onFailure(ctx::fail);
  }

  /**
   * Server-sent events: the progress now, then after every batch read on any instance (PostgreSQL
   * LISTEN/NOTIFY through EventChannels); the stream ends once the import is done or failed.
   */
  private void streamImport(RoutingContext ctx) {
    long importId = RosterAccess.rosterImport(ctx).id();
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    var vertx = ctx.vertx();
    // Subscribe before the first read, so no batch falls between the two.
    var consumer = EventChannels.subscribe(vertx, RosterRepository.CHANNEL, importId, notice -> {
      notice.remove("eventId");
      send(response, notice);
    });
    long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> {
      if (!response.closed() && !response.ended()) {
        response.write(": keep-alive\n\n");
      }
    });
    Runnable cleanUp = () -> {
      consumer.unregister();
      vertx.cancelTimer(heartbeat);
    };
    response.closeHandler(closed -> cleanUp.run());
    response.endHandler(ended -> cleanUp.run());
    response.write("retry: 2000\n\n");
    service.find(importId)
        .onSuccess(found -> found.ifPresent(now -> send(response, now.toJson())))
        .onFailure(e -> response.reset());
  }

  private static void send(HttpServerResponse response, JsonObject progress) {
    if (response.closed() || response.ended()) {
      return;
    }
    response.write("event: progress\ndata: " + progress.encode() + "\n\n");
    String status = progress.getString("status");
    if (RosterImport.DONE.equals(status) || RosterImport.FAILED.equals(status)) {
      response.end();
    }
  }

  private void refusedCsv(RoutingContext ctx) {
    RosterImport rosterImport = RosterAccess.rosterImport(ctx);
    String lang = Lang.of(ctx);
    service.refusals(rosterImport.id())
        .onSuccess(rows -> ctx.response()
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"roster-import-" + rosterImport.id() + "-refused.csv\"")
            .putHeader("Cache-Control", "no-store")
            .end(RefusedCsv.write(rows, messages, lang)))
        .onFailure(ctx::fail);
  }

  private void showMyRows(RoutingContext ctx) {
    var user = CurrentUser.require(ctx).user();
    service.myRows(user)
        .onSuccess(rows -> Json.send(ctx, 200, new JsonObject()
            .put("verifiedUnionIds", new JsonArray(rows.stream().filter(r -> !r.disputed())
                .map(RosterRepository.EntryView::unionId).distinct().sorted().toList()))
            .put("rows", new JsonArray(rows.stream().map(RosterRoutes::rowJson).toList()))))
        .onFailure(ctx::fail);
  }

  static JsonObject rowJson(RosterRepository.EntryView r) {
    return new JsonObject().put("id", r.id()).put("unionId", r.unionId()).put("union", r.unionName())
        .put("name", r.name()).put("mobile", r.mobile()).put("memberNo", r.memberNo()).put("disputed", r.disputed());
  }

  private void disputeRow(RoutingContext ctx) {
    long entryId = PathParams.pathLong(ctx, "entryId", RosterErrors::notYourRow);
    Object reason = ctx.body() == null || ctx.body().length() == 0 ? null : Json.body(ctx).getValue("reason");
    service.dispute(CurrentUser.require(ctx).user(), entryId, reason)
        .onSuccess(created -> Json.send(ctx, created ? 201 : 200, new JsonObject().put("entryId", entryId)
            .put("disputed", true)))
        .onFailure(ctx::fail);
  }
}
