package org.queqiao.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.stream.LongStream;

/**
 * One Prometheus registry per running app: Vert.x reports its HTTP server (by route, method and
 * status, never by raw path, so a path with ids makes no new series) and its PostgreSQL pools into
 * it, and the features add their own counters (sign-ups, check-ins, e-mail failures).
 */
public final class AppMetrics {
  /** Latency buckets of the HTTP histograms: from a cached page to the contract's 10-second limit. */
  private static final long[] BUCKETS_MS = {5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};

  private final PrometheusMeterRegistry registry;

  public AppMetrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().startsWith("vertx.http.server")) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .serviceLevelObjectives(LongStream.of(BUCKETS_MS).mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray())
            .build().merge(config);
      }
    });
  }

  /** A Vert.x that reports into this registry. */
  public Vertx newVertx() {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME));
    // Only what docs/metrics.md lists: requests and pools. The TCP-level figures of every PostgreSQL
    // connection (bytes per read and write), the event bus and the verticles cost CPU on every
    // request and database round trip (the home page's app÷bare ratio fell from 0.92 to 0.7–0.9)
    // and said nothing the request and pool figures do not.
    for (MetricsDomain unused : EnumSet.of(MetricsDomain.NET_SERVER, MetricsDomain.NET_CLIENT, MetricsDomain.HTTP_CLIENT,
        MetricsDomain.DATAGRAM_SOCKET, MetricsDomain.EVENT_BUS, MetricsDomain.VERTICLES)) {
      options.addDisabledMetricsCategory(unused);
    }
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of everything registered. */
  String scrape() {
    return registry.scrape();
  }
}
