package org.queqiao.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.TestApp;

/** Issue 14: where to report a vulnerability, as RFC 9116 asks (Contact and a future Expires). */
class SecurityTxtTest {
  @Test
  void securityTxtNamesAContactAndExpiresInTheFuture() {
    Api.Response txt = TestApp.api().get("/.well-known/security.txt");
    assertEquals(200, txt.status(), txt.toString());
    assertTrue(txt.header("Content-Type").orElse("").startsWith("text/plain"), txt.headers().map().toString());
    String[] lines = txt.body().split("\n");
    assertTrue(Arrays.stream(lines).anyMatch(l -> l.startsWith("Contact: mailto:security@")), txt.body());
    String expires = Arrays.stream(lines).filter(l -> l.startsWith("Expires: ")).findFirst().orElseThrow()
        .substring("Expires: ".length());
    Instant at = Instant.parse(expires);
    assertTrue(at.isAfter(Instant.now()) && at.isBefore(Instant.now().plusSeconds(366L * 24 * 3600)), expires);
  }
}
