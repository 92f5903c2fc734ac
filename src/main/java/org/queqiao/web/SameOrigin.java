package org.queqiao.web;

import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * For sign-in and registration, which need no session and so no CSRF token to refuse a forged
 * request: a browser says where a request comes from (Sec-Fetch-Site, Origin), and a request from
 * another site is refused, so no other site can sign a visitor into an account it chose.
 * Clients that send neither header (scripts, apps) are not browsers and carry no ambient cookie.
 */
public final class SameOrigin {
  private final String publicOrigin;

  public SameOrigin(URI publicBaseUrl) {
    this.publicOrigin = origin(publicBaseUrl.getScheme(), publicBaseUrl.getHost(), publicBaseUrl.getPort());
  }

  public void require(RoutingContext ctx) {
    String site = ctx.request().getHeader("Sec-Fetch-Site");
    if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
      ctx.fail(ApiError.crossSite());
      return;
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !origin.equalsIgnoreCase(publicOrigin) && !origin.equalsIgnoreCase(requestOrigin(ctx))) {
      ctx.fail(ApiError.crossSite());
      return;
    }
    ctx.next();
  }

  private static String requestOrigin(RoutingContext ctx) {
    var authority = ctx.request().authority();
    if (authority == null) {
      return "";
    }
    return origin(ctx.request().scheme(), authority.host(), authority.port());
  }

  private static String origin(String scheme, String host, int port) {
    boolean defaultPort = port < 0 || ("http".equalsIgnoreCase(scheme) && port == 80)
        || ("https".equalsIgnoreCase(scheme) && port == 443);
    return scheme.toLowerCase(java.util.Locale.ROOT) + "://" + host + (defaultPort ? "" : ":" + port);
  }
}
