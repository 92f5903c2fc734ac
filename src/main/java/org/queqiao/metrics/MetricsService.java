package org.queqiao.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.queqiao.notify.NotificationService;

/**
 * What a scraper reads at /metrics, and who may read it: with METRICS_TOKEN set, whoever presents
 * it; without, only a client on this machine that did not come through a proxy (a request that
 * nginx forwards carries X-Forwarded-For), so the figures never reach the public internet.
 */
public final class MetricsService {
  private final AppMetrics metrics;
  private final NotificationService notifications;
  private final Optional<byte[]> token;
  private final AtomicLong emailQueue = new AtomicLong();

  public MetricsService(AppMetrics metrics, NotificationService notifications, Optional<String> token) {
    this.metrics = metrics;
    this.notifications = notifications;
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    Gauge.builder("queqiao.email.queue", emailQueue, AtomicLong::get)
        .description("E-mails waiting to be sent, counted when scraped").register(metrics.registry());
    // The sender registers the same counter; registered here too, it reads 0 on an instance that sends none.
    Counter.builder("queqiao.email.failures")
        .description("E-mail attempts that failed (each is retried later, up to the limit)").register(metrics.registry());
  }

  /** {@code bearer}: the Authorization header's token, if any; {@code local}: loopback and not proxied. */
  boolean mayRead(Optional<String> bearer, boolean local) {
    if (token.isEmpty()) {
      return local;
    }
    return bearer.isPresent()
        && MessageDigest.isEqual(token.get(), bearer.get().getBytes(StandardCharsets.UTF_8));
  }

  /** Counts the outbox (one indexed query), then renders every series. */
  Future<String> scrape() {
    return notifications.emailQueueLength().map(n -> {
      emailQueue.set(n);
      return metrics.scrape();
    });
  }
}
