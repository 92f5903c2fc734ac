package org.queqiao.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Plain form posts, so the core pages work without JavaScript. */
public final class Forms {
  private Forms() {}

  /** The named form fields as a JSON object, the shape the API handlers validate. */
  public static JsonObject toJson(RoutingContext ctx, String... names) {
    JsonObject json = new JsonObject();
    for (String name : names) {
      String value = ctx.request().getFormAttribute(name);
      if (value != null) {
        json.put(name, value);
      }
    }
    return json;
  }

  /** After a successful form post: the browser follows with a GET, so a reload does not post again. */
  public static void seeOther(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).end();
  }

  /**
   * Only a path on this site: never an open redirect to another host. Browsers drop tabs and
   * newlines inside a URL and read a backslash as a slash, so "/(tab)/x" or "/\\x" would lead
   * to another host: any control character refuses the path.
   */
  public static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
      return "/";
    }
    return next;
  }
}
