package org.queqiao.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  private static final Map<Context, RoutingContext> IN_FLIGHT = new ConcurrentHashMap<>();

  private final long deadlineMs;

  private RequestFailures(long deadlineMs) {
    this.deadlineMs = deadlineMs;
  }

  /**
   * Call first when building the router of an HTTP verticle, from its start(): every request is
   * tracked, and exceptions no handler caught on this verticle's context fail their request.
   */
  public static void install(Context verticleContext, Router router, long deadlineMs) {
    verticleContext.exceptionHandler(RequestFailures::failCurrentRequest);
    router.route().handler(new RequestFailures(deadlineMs)::track);
  }

  private void track(RoutingContext ctx) {
    Context context = Vertx.currentContext();
    if (context != null) {
      IN_FLIGHT.put(context, ctx);
    }
    long deadline = ctx.vertx().setTimer(deadlineMs, fired -> {
      if (!ctx.response().headWritten() && !ctx.response().closed()) {
        ctx.fail(ApiError.timedOut());
      }
    });
    ctx.addEndHandler(done -> {
      ctx.vertx().cancelTimer(deadline);
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
