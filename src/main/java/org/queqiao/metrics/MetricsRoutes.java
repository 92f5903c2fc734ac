package org.queqiao.metrics;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.queqiao.web.ApiError;

/** GET /metrics: Prometheus text for a scraper (contract §16); see {@link MetricsService} for who. */
public final class MetricsRoutes {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final MetricsService metrics;

  public MetricsRoutes(MetricsService metrics) {
    this.metrics = metrics;
  }

  public void mount(Router router) {
    router.get("/metrics").handler(this::requireScraper).handler(this::showMetrics);
  }

  private void requireScraper(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    Optional<String> bearer = authorization != null && authorization.startsWith("Bearer ")
        ? Optional.of(authorization.substring(7).strip()) : Optional.empty();
    var peer = ctx.request().remoteAddress();
    boolean loopback = peer != null && peer.hostAddress() != null
        && (peer.hostAddress().startsWith("127.") || "0:0:0:0:0:0:0:1".equals(peer.hostAddress())
            || "::1".equals(peer.hostAddress()));
    boolean proxied = ctx.request().getHeader("X-Forwarded-For") != null || ctx.request().getHeader("Forwarded") != null;
    if (metrics.mayRead(bearer, loopback && !proxied)) {
      ctx.next();
    } else {
      ctx.fail(ApiError.forbidden());
    }
  }

  private void showMetrics(RoutingContext ctx) {
    metrics.scrape()
        .onSuccess(text -> ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(text))
        .onFailure(ctx::fail);
  }
}
