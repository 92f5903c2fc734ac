package org.queqiao.web;

import io.vertx.ext.web.RoutingContext;

/** The address a request came from; X-Forwarded-For only counts behind a proxy we were told to trust. */
public final class ClientAddress {
  private ClientAddress() {}

  public static String of(RoutingContext ctx, boolean trustForwardedFor) {
    if (trustForwardedFor) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].trim();
      }
    }
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }
}
