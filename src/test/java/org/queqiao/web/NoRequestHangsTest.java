package org.queqiao.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queqiao.support.Api;

/**
 * Issue 14, defect 7 (contract §10: no request ever hangs). Handlers with failures injected in
 * every way a Vert.x handler can fail — thrown at once, thrown in a later callback, thrown after a
 * chained handler went on asynchronously, a callback that never comes — are all answered, through
 * the one error handler, within the request timeout (shortened here to a second).
 */
class NoRequestHangsTest {
  private static final long DEADLINE_MS = 1_000;
  private static Vertx vertx;
  private static Api api;

  /** The app's HTTP verticle in miniature: the same failure handling, handlers that fail. */
  private static final class FailingVerticle extends VerticleBase {
    private final int port;

    FailingVerticle(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      Views views = new Views(vertx, Messages.load(), new Assets(), PageHeader.ANONYMOUS);
      Router router = Router.router(vertx);
      RequestFailures.install(context, router, DEADLINE_MS);
      for (String prefix : new String[] {"/api", ""}) {
        router.get(prefix + "/throws").handler(ctx -> {
          throw new IllegalStateException("thrown by the handler itself");
        });
        router.get(prefix + "/throws-later").handler(ctx -> later().onSuccess(v -> {
          throw new IllegalStateException("thrown in a callback after a database round trip");
        }));
        router.get(prefix + "/throws-after-next").handler(ctx -> later().onSuccess(v -> ctx.next()))
            .handler(ctx -> later().onSuccess(v -> {
              throw new NullPointerException("thrown by the next handler, after an asynchronous access check");
            }));
        router.get(prefix + "/fails-unhandled").handler(ctx -> later().compose(v -> Future.failedFuture("lost"))
            .onSuccess(v -> ctx.end()));
        router.get(prefix + "/never").handler(ctx -> Promise.promise().future().onSuccess(v -> ctx.end()));
      }
      router.route().failureHandler(new ErrorHandler(views)::handle);
      return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
    }

    private Future<Void> later() {
      return vertx.timer(20).mapEmpty();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    vertx = Vertx.vertx();
    vertx.deployVerticle(new FailingVerticle(port)).await();
    api = new Api("http://127.0.0.1:" + port);
    api.get("/throws");
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static Api.Response timed(String path, Duration within) {
    long started = System.nanoTime();
    Api.Response response = api.get(path);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(within) < 0, path + " took " + took);
    return response;
  }

  @Test
  void exceptionsThrownAnywhereInAHandlerAreAnswered500AtOnce() {
    // A 500, not the deadline's 503: the failure itself reached the error handler.
    for (String path : new String[] {"/throws", "/throws-later", "/throws-after-next"}) {
      Api.Response api500 = timed("/api" + path, Duration.ofSeconds(10));
      assertEquals(500, api500.status(), path + ": " + api500);
      assertEquals("INTERNAL_ERROR", api500.errorCode(), api500.body());
      Api.Response page500 = timed(path, Duration.ofSeconds(10));
      assertEquals(500, page500.status(), path + ": " + page500);
      assertTrue(page500.header("Content-Type").orElse("").startsWith("text/html"), path);
    }
  }

  @Test
  void aFailureOrCallbackThatNeverReachesTheResponseIsAnsweredAtTheDeadline() {
    for (String path : new String[] {"/api/fails-unhandled", "/api/never", "/never"}) {
      Api.Response late = timed(path, Duration.ofMillis(DEADLINE_MS + 2_000));
      assertEquals(503, late.status(), path + ": " + late);
    }
    assertEquals("TIMED_OUT", timed("/api/never", Duration.ofSeconds(5)).errorCode());
  }
}
