package org.queqiao.web;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The one way JSON leaves and enters a handler. */
public final class Json {
  private Json() {}

  public static Future<Void> send(RoutingContext ctx, int status, Object body) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body instanceof JsonObject json ? json.encode() : io.vertx.core.json.Json.encode(body));
  }

  public static Future<Void> noContent(RoutingContext ctx) {
    return ctx.response().setStatusCode(204).putHeader("Cache-Control", "no-store").end();
  }

  /** The request body as a JSON object; malformed or missing JSON is the client's error, not ours. */
  public static JsonObject body(RoutingContext ctx) {
    var raw = ctx.body() == null ? null : ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      return new JsonObject();
    }
    try {
      Object value = ctx.body().asJsonObject();
      if (value == null) {
        throw ApiError.badRequest("error.jsonObjectExpected");
      }
      return (JsonObject) value;
    } catch (DecodeException | ClassCastException e) {
      throw new ApiError(400, "MALFORMED_JSON", "error.malformedJson");
    }
  }
}
