package org.queqiao.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code /.well-known/security.txt} (RFC 9116): where to report a vulnerability. Its expiry is
 * always half a year ahead, so a running server never serves a stale file.
 */
public final class SecurityTxt {
  private static final Duration VALID_FOR = Duration.ofDays(180);
  private final URI publicBaseUrl;
  private final String contact;

  public SecurityTxt(URI publicBaseUrl, String contact) {
    this.publicBaseUrl = publicBaseUrl;
    this.contact = contact;
  }

  public void mount(Router router) {
    router.get("/.well-known/security.txt").handler(this::showSecurityTxt);
  }

  private void showSecurityTxt(RoutingContext ctx) {
    String text = "Contact: " + contact + "\n"
        + "Expires: " + Instant.now().plus(VALID_FOR).truncatedTo(ChronoUnit.SECONDS) + "\n"
        + "Preferred-Languages: zh, en\n"
        + "Canonical: " + publicBaseUrl + "/.well-known/security.txt\n";
    ctx.response()
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Cache-Control", "max-age=86400")
        .end(text);
  }
}
