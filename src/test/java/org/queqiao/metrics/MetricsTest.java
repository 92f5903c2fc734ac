package org.queqiao.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.queqiao.Application;
import org.queqiao.config.AppConfig;
import org.queqiao.support.Api;
import org.queqiao.support.Events;
import org.queqiao.support.TestApp;

/** GET /metrics and GET /health/ready (contract §16). */
class MetricsTest {
  private final Api api = TestApp.api();

  private static final String RSVP_CREATED =
      "^vertx_http_server_requests_total\\{.*code=\"201\".*route=\"/api/events/:id/rsvp\".*\\} ([0-9.E]+)$";

  /** The value of the one series matching {@code regex} (its group 1), 0 while it does not exist yet. */
  private static double value(String metrics, String regex) {
    var found = Pattern.compile(regex, Pattern.MULTILINE).matcher(metrics);
    return found.find() ? Double.parseDouble(found.group(1)) : 0;
  }

  private static void assertSeries(String metrics, String regex) {
    assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(metrics).find(), "no line matching " + regex);
  }

  @Test
  void afterSomeTrafficTheNamedSeriesArePresentInPrometheusText() {
    Api.Member organizer = Events.organizer(api, api.adminToken());
    long eventId = Events.published(api, organizer.token(), Events.salon("指标读书会 " + Events.token(), 5));
    Api.Member member = api.registerAndLogin();
    double before = value(api.get("/metrics").body(), RSVP_CREATED);
    Api.Response signedUp = api.post("/api/events/" + eventId + "/rsvp", new JsonObject(), member.token());
    assertEquals(201, signedUp.status(), signedUp.body());
    Api.Response checkedIn = api.post("/api/events/" + eventId + "/checkins",
        new JsonObject().put("rsvpId", signedUp.json().getLong("rsvpId")), organizer.token());
    assertEquals(201, checkedIn.status(), checkedIn.body());
    assertEquals(200, api.get("/api/events/" + eventId).status());

    Api.Response scraped = api.get("/metrics");

    assertEquals(200, scraped.status(), scraped.body());
    assertTrue(scraped.header("Content-Type").orElseThrow().startsWith("text/plain"));
    String text = scraped.body();
    // Requests by route (the pattern, not the path with its id), method and status, with a histogram.
    // Other tests share this instance: the sign-up counts one more than before it.
    assertTrue(value(text, RSVP_CREATED) >= before + 1, "the 201 of the sign-up is counted under its route pattern");
    assertSeries(text, "^vertx_http_server_response_time_seconds_bucket\\{.*route=\"/api/events/:id\",le=\"0\\.25\"\\} ");
    assertTrue(!text.contains("/api/events/" + eventId), "no series per event id");
    assertSeries(text, "^vertx_pool_in_use\\{pool_name=\"primary\",pool_type=\"sql\"\\} ");
    assertSeries(text, "^vertx_pool_queue_pending\\{pool_name=\"primary\",pool_type=\"sql\"\\} ");
    assertSeries(text, "^queqiao_signups_total\\{status=\"CONFIRMED\"\\} [1-9]");
    assertSeries(text, "^queqiao_checkins_total\\{method=\"SEARCH\"\\} [1-9]");
    assertSeries(text, "^queqiao_email_queue [0-9]");
    assertSeries(text, "^queqiao_email_failures_total [0-9]");
  }

  @Test
  void aRequestThatCameThroughAProxyIsRefusedWithoutTheToken() {
    Api.Response proxied = api.send("/metrics", "GET", null, null, Map.of("X-Forwarded-For", "198.51.100.9"));
    assertEquals(403, proxied.status());
    assertEquals(200, api.get("/health/ready").status());
  }

  @Test
  void withATokenOnlyItsBearerReadsAndReadinessFollowsTheDatabase() throws Exception {
    String databaseUrl = TestApp.freshDatabaseUrl("metrics_ready");
    Map<String, String> env = TestApp.baseEnvironment(Files.createTempDirectory(Path.of("target"), "ready-"));
    env.put("DATABASE_URL", databaseUrl);
    env.put("METRICS_TOKEN", "scrape-token-5521");
    Application app = Application.start(AppConfig.fromEnvironment(env));
    try {
      Api other = new Api("http://127.0.0.1:" + app.port());
      assertEquals(403, other.get("/metrics").status(), "with a token set, loopback alone is not enough");
      assertEquals(403, other.get("/metrics", "wrong-token").status());
      assertEquals(200, other.get("/metrics", "scrape-token-5521").status());
      assertEquals(200, other.get("/health/ready").status());

      try (Connection db = TestApp.jdbc(); var st = db.createStatement()) {
        st.execute("DROP DATABASE metrics_ready WITH (FORCE)");
      }

      Api.Response ready = other.get("/health/ready");
      assertEquals(503, ready.status(), ready.body());
      assertEquals("DOWN", ready.json().getString("db"));
    } finally {
      app.close();
    }
  }
}
