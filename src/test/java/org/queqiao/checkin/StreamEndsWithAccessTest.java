package org.queqiao.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;
import org.queqiao.support.EventStream;
import org.queqiao.support.Events;
import org.queqiao.support.Roles;
import org.queqiao.support.TestApp;

/**
 * Issue 14, defect 5: the live attendance stream (names of people arriving) stops within seconds
 * once its viewer signs out, is signed out everywhere, or loses the event; the browser's
 * reconnection is then refused.
 */
class StreamEndsWithAccessTest {
  private static final Duration WITHIN_SECONDS = Duration.ofSeconds(8);
  private final Api api = TestApp.api();
  private final String admin = api.adminToken();

  private record Watching(Api.Member organizer, String session, long eventId, EventStream stream) {}

  private Watching watch() throws InterruptedException {
    Api.Member organizer = Events.organizer(api, admin);
    long id = Events.published(api, organizer.token(), Events.salon("直播名单 " + Events.token(), 5));
    String session = api.login(organizer.login(), organizer.password());
    EventStream stream = EventStream.open(TestApp.baseUrl(), "/api/events/" + id + "/attendance/stream", session);
    assertEquals(200, stream.status());
    assertTrue(stream.next("attendance", Duration.ofSeconds(5)).isPresent(), "the stream is live");
    return new Watching(organizer, session, id, stream);
  }

  private void assertReconnectRefused(Watching w) {
    int status = api.get("/api/events/" + w.eventId() + "/attendance/stream", w.session()).status();
    assertTrue(status == 401 || status == 403, "reconnecting is refused: " + status);
  }

  @Test
  void theStreamStaysOpenWhileNothingChanges() throws InterruptedException {
    Watching w = watch();
    try (EventStream stream = w.stream()) {
      assertFalse(stream.endsWithin(Duration.ofSeconds(5)), "a stream still allowed is not ended");
    }
  }

  @Test
  void signingOutEndsTheStreamOfThatSession() throws InterruptedException {
    Watching w = watch();
    try (EventStream stream = w.stream()) {
      assertEquals(204, api.post("/api/auth/logout", null, w.session()).status());
      assertTrue(stream.endsWithin(WITHIN_SECONDS), "the stream ended after sign-out");
      assertReconnectRefused(w);
    }
  }

  @Test
  void signingOutEverywhereFromAnotherDeviceEndsTheStream() throws InterruptedException {
    Watching w = watch();
    try (EventStream stream = w.stream()) {
      assertEquals(204, api.post("/api/auth/logout-everywhere", null, w.organizer().token()).status());
      assertTrue(stream.endsWithin(WITHIN_SECONDS), "the stream ended after signing out everywhere");
      assertReconnectRefused(w);
    }
  }

  @Test
  void losingTheOrganizerRoleEndsTheStream() throws InterruptedException {
    Watching w = watch();
    try (EventStream stream = w.stream()) {
      Roles.set(api, admin, w.organizer().id());
      assertTrue(stream.endsWithin(WITHIN_SECONDS), "the stream ended after the role was taken away");
      assertReconnectRefused(w);
    }
  }
}
