package org.queqiao.web;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Numbers in paths and query strings. A path id that is not a whole number in range names nothing
 * (404, like any unknown id); a query parameter that is not one is the client's error (400).
 */
public final class PathParams {
  private PathParams() {}

  /** The {@code :id} of the path. */
  public static long id(RoutingContext ctx) {
    return pathLong(ctx, "id", ApiError::notFound);
  }

  public static long pathLong(RoutingContext ctx, String name, Supplier<ApiError> unknown) {
    String value = ctx.pathParam(name);
    if (value == null || !value.matches("\\d{1,18}")) {
      throw unknown.get();
    }
    return Long.parseLong(value);
  }

  public static int pathInt(RoutingContext ctx, String name, Supplier<ApiError> unknown) {
    String value = ctx.pathParam(name);
    if (value == null || !value.matches("\\d{1,9}")) {
      throw unknown.get();
    }
    return Integer.parseInt(value);
  }

  /** An optional whole number in the query string; null when absent. */
  public static Long queryLong(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw ApiError.validation(Map.of(name, "field.number.expected"));
    }
  }
}
