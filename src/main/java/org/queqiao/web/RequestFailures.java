package org.queqiao.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No request is left unanswered (contract §10). The router already turns an exception thrown by a
 * handler into a failure; but one thrown later, in a callback of a future ({@code onSuccess}),
 * goes to the Vert.x context's exception handler and would leave the client waiting for the idle
 * timeout. Each request runs on its own (duplicated) Vert.x context, so that handler can tell
 * which request the exception belongs to and fail it: it ends in the {@link ErrorHandler} like any
 * other failure. A deadline catches whatever still slips through (a callback that never comes).
 */
public final class RequestFailures {
  private static final Logger LOG = LoggerFactory.getLogger(RequestFailures.class);
  /**
   * The request timeout: a request not begun to be answered by then is answered 503. Contract §16
   * asks for 503 within 10 s when the database is frozen; the margin is for a busy machine (the
   * error page itself, the client's own connection), measured by db/DatabaseOutageTest.
   */
  public static final long DEADLINE_MS = 7_000;
  /**
   * While the database still answers (a surge queueing for connections, not an outage), a request
   * may wait this long in all before it is answered 503.
   */
  public static final long BUSY_DEADLINE_MS = 30_000;
  private static final long RECHECK_MS = 1_000;
  private static final Map<Context, RoutingContext> IN_FLIGHT = new ConcurrentHashMap<>();

  private final long deadlineMs;
  private final long busyDeadlineMs;
  private final BooleanSupplier databaseAnswers;

  private RequestFailures(long deadlineMs, long busyDeadlineMs, BooleanSupplier databaseAnswers) {
    this.deadlineMs = deadlineMs;
    this.busyDeadlineMs = busyDeadlineMs;
    this.databaseAnswers = databaseAnswers;
  }

  /**
   * Call first when building the router of an HTTP verticle, from its start(): every request is
   * tracked, and exceptions no handler caught on this verticle's context fail their request.
   */
  public static void install(Context verticleContext, Router router, long deadlineMs) {
    install(verticleContext, router, deadlineMs, deadlineMs, () -> false);
  }

  /**
   * As above; past {@code deadlineMs} a request still waits, up to {@code busyDeadlineMs}, while
   * {@code databaseAnswers} (db/DatabaseProbe) says the database is alive and only busy.
   */
  public static void install(Context verticleContext, Router router, long deadlineMs, long busyDeadlineMs,
      BooleanSupplier databaseAnswers) {
    verticleContext.exceptionHandler(RequestFailures::failCurrentRequest);
    router.route().handler(new RequestFailures(deadlineMs, busyDeadlineMs, databaseAnswers)::track);
  }

  private void track(RoutingContext ctx) {
    Context context = Vertx.currentContext();
    if (context != null) {
      IN_FLIGHT.put(context, ctx);
    }
    long[] timer = {0};
    long began = System.nanoTime();
    Runnable check = new Runnable() {
      @Override
      public void run() {
        if (ctx.response().headWritten() || ctx.response().closed()) {
          return;
        }
        long waitedMs = (System.nanoTime() - began) / 1_000_000;
        if (databaseAnswers.getAsBoolean() && waitedMs + RECHECK_MS <= busyDeadlineMs) {
          timer[0] = ctx.vertx().setTimer(RECHECK_MS, again -> run());
        } else {
          ctx.fail(ApiError.timedOut());
        }
      }
    };
    timer[0] = ctx.vertx().setTimer(deadlineMs, fired -> check.run());
    ctx.addEndHandler(done -> {
      ctx.vertx().cancelTimer(timer[0]);
      if (context != null) {
        IN_FLIGHT.remove(context, ctx);
      }
    });
    ctx.next();
  }

  /** The HTTP verticles' context exception handler: an exception nobody caught fails its request. */
  private static void failCurrentRequest(Throwable failure) {
    Context context = Vertx.currentContext();
    RoutingContext ctx = context == null ? null : IN_FLIGHT.get(context);
    if (ctx != null && !ctx.response().ended() && !ctx.response().closed()) {
      IN_FLIGHT.remove(context, ctx);
      ctx.fail(failure);
    } else {
      LOG.error("Unhandled exception outside a request", failure);
    }
  }
}
