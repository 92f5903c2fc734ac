package org.queqiao.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses: the contract's JSON error shape under /api (and
 * /health), an HTML page elsewhere. Unexpected failures are logged here, once, with their cause.
 */
public final class ErrorHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);
  private final Views views;

  public ErrorHandler(Views views) {
    this.views = views;
  }

  public void handle(RoutingContext ctx) {
    ApiError error = toApiError(ctx);
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    error.retryAfterSeconds().ifPresent(seconds -> ctx.response().putHeader("Retry-After", Integer.toString(seconds)));
    String lang = Lang.of(ctx);
    String path = ctx.normalizedPath();
    if (path.startsWith("/api/") || path.equals("/api") || path.equals("/health")) {
      JsonObject body = new JsonObject()
          .put("code", error.code())
          .put("message", views.message(ctx, error.messageKey(), error.args()));
      error.details().ifPresent(details -> details.forEach(e -> body.put(e.getKey(), e.getValue())));
      if (!error.fields().isEmpty()) {
        JsonObject fields = new JsonObject();
        error.fields().forEach((field, key) -> fields.put(field, views.message(ctx, key)));
        body.put("fields", fields);
      }
      Json.send(ctx, error.status(), new JsonObject().put("error", body));
      return;
    }
    if (error.status() == 401) {
      ctx.redirect("/login?next=" + URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8));
      return;
    }
    views.renderHtml(ctx, "error/error", Map.of(
            "status", error.status(),
            "heading", views.message(ctx, "error.page." + pageKind(error.status())),
            "message", views.message(ctx, error.messageKey(), error.args())))
        .onSuccess(html -> ctx.response()
            .setStatusCode(error.status())
            .putHeader("Content-Type", "text/html; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .end(html))
        .onFailure(renderFailure -> {
          LOG.error("Could not render the error page (lang {})", lang, renderFailure);
          ctx.response().setStatusCode(error.status()).putHeader("Content-Type", "text/plain; charset=utf-8")
              .end(error.status() + " " + error.code());
        });
  }

  private static String pageKind(int status) {
    return switch (status) {
      case 403 -> "forbidden";
      case 404 -> "notFound";
      case 500 -> "serverError";
      default -> "generic";
    };
  }

  private static ApiError toApiError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiError apiError) {
      return apiError;
    }
    if (failure instanceof DecodeException) {
      return new ApiError(400, "MALFORMED_JSON", "error.malformedJson");
    }
    if (DatabaseOutage.is(failure)) {
      LOG.warn("PostgreSQL unavailable on {} {}: {}", ctx.request().method(), ctx.request().path(), failure.toString());
      return ApiError.databaseUnavailable();
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    if (failure != null && !(failure instanceof HttpException)) {
      status = 500;
    }
    ApiError error = switch (status) {
      case 400 -> ApiError.badRequest("error.badRequest");
      case 401 -> ApiError.unauthorized();
      case 403 -> ApiError.forbidden();
      case 404 -> ApiError.notFound();
      case 405 -> new ApiError(405, "METHOD_NOT_ALLOWED", "error.methodNotAllowed");
      case 413 -> new ApiError(413, "PAYLOAD_TOO_LARGE", "error.tooLarge");
      case 415 -> new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "error.mediaType");
      case 429 -> new ApiError(429, "TOO_MANY_REQUESTS", "error.tooManyRequests");
      default -> new ApiError(500, "INTERNAL_ERROR", "error.internal");
    };
    if (error.status() == 500) {
      LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
    }
    return error;
  }
}
