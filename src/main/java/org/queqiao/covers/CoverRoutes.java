package org.queqiao.covers;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.events.EventCover;
import org.queqiao.web.ApiError;
import org.queqiao.web.Json;
import org.queqiao.web.PathParams;
import org.queqiao.web.Uploads;

/**
 * The cover image API (contract §11): managers put, describe and remove it; whoever may see the
 * event gets it.
 *
 * <p>Caching: a published (or cancelled) event is visible to everyone, signed in or not, so its
 * cover is the same for every asker and is {@code public} for an hour; pages link it with a
 * version taken from the ETag ({@code ?v=}), so a new poster shows at once, and a removed one
 * lingers in a shared cache for at most that hour. A draft's cover is seen only by its managers
 * and staff: {@code private, no-cache}, so no shared cache keeps it and the browser asks again
 * each time (a 304 when unchanged).
 */
public final class CoverRoutes {
  static final Set<String> MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/webp");
  static final int PUBLIC_MAX_AGE_SECONDS = 3600;

  private final CoverService service;
  private final EventAccess access;

  public CoverRoutes(CoverService service, EventAccess access) {
    this.service = service;
    this.access = access;
  }

  /**
   * The upload's own body limit: mounted before the app-wide body handler and its 64 KiB, and
   * after the manager check, so nobody else can make the server take 5 MiB.
   */
  public void mountBodies(Router router, Handler<RoutingContext> identify) {
    router.put("/api/events/:id/cover").handler(Uploads::holdBody).handler(identify).handler(access::requireManager)
        .handler(Uploads.raw(CoverImages.MAX_BYTES, MEDIA_TYPES))
        .failureHandler(Uploads::releaseBody);
  }

  public void mount(Router router) {
    router.put("/api/events/:id/cover").handler(access::requireManager).handler(this::putCover);
    router.patch("/api/events/:id/cover").handler(access::requireManager).handler(this::describeCover);
    router.delete("/api/events/:id/cover").handler(access::requireManager).handler(this::removeCover);
    router.get("/api/events/:id/cover").handler(access::requireVisible).handler(this::serveCover);
  }

  private void putCover(RoutingContext ctx) {
    if (!MEDIA_TYPES.contains(Uploads.mediaType(ctx))) {
      ctx.fail(ApiError.unsupportedMediaType());
      return;
    }
    Buffer upload = ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    service.put(EventAccess.event(ctx), CurrentUser.require(ctx).user(), upload,
            CoverService.AltText.parse(ctx.request().getParam("alt")))
        .onSuccess(event -> Json.send(ctx, 200, coverJson(event)))
        .onFailure(ctx::fail);
  }

  private void describeCover(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    Object alt = body.getValue("alt");
    if (!body.containsKey("alt") || (alt != null && !(alt instanceof String))) {
      throw CoverErrors.altInvalid();
    }
    CoverService.AltText text = alt == null ? new CoverService.AltText(true, null) : CoverService.AltText.parse((String) alt);
    service.describe(EventAccess.event(ctx), CurrentUser.require(ctx).user(), text)
        .onSuccess(event -> Json.send(ctx, 200, coverJson(event)))
        .onFailure(ctx::fail);
  }

  private void removeCover(RoutingContext ctx) {
    service.remove(EventAccess.event(ctx))
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void serveCover(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    EventCover cover = event.cover();
    if (cover == null) {
      ctx.fail(CoverErrors.noCover());
      return;
    }
    boolean small = wantsSmall(ctx, cover);
    ctx.response().putHeader("Cache-Control", Event.DRAFT.equals(event.status())
        ? "private, no-cache" : "public, max-age=" + PUBLIC_MAX_AGE_SECONDS);
    if (matches(ctx.request().getHeader("If-None-Match"), tag(cover.etag(), small))) {
      ctx.response().setStatusCode(304).putHeader("ETag", tag(cover.etag(), small)).end();
      return;
    }
    service.image(event, small).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(CoverErrors.noCover());
        return;
      }
      ctx.response()
          .putHeader("Content-Type", "image/jpeg")
          .putHeader("ETag", tag(found.get().etag(), small))
          // A JPEG does not shrink: tells the server's compressor to leave it alone.
          .putHeader("Content-Encoding", "identity")
          .end(found.get().bytes());
    }).onFailure(ctx::fail);
  }

  /** {@code ?w=} up to the phone size's width asks for that size; a larger one (or none) for the large. */
  private static boolean wantsSmall(RoutingContext ctx, EventCover cover) {
    Long width = PathParams.queryLong(ctx, "w");
    if (width != null && width < 1) {
      throw ApiError.validation(java.util.Map.of("w", "field.number.expected"));
    }
    return width != null && width <= cover.smallWidth();
  }

  private static String tag(String etag, boolean small) {
    return "\"" + etag + (small ? "-s" : "-l") + "\"";
  }

  /** If-None-Match holds a list of tags, weak ones too (W/"…"), or *. */
  static boolean matches(String ifNoneMatch, String tag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String t = candidate.strip();
      if (t.equals("*") || t.equals(tag) || t.equals("W/" + tag)) {
        return true;
      }
    }
    return false;
  }

  private static JsonObject coverJson(Event event) {
    return event.cover().toJson(event).put("eventId", event.id());
  }
}
