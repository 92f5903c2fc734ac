package org.queqiao.rsvp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the sign-ups for one pool that arrive close together on this instance and hands them to
 * {@link SignUpBatch} as one transaction. At most one batch per pool runs at a time here: they
 * would queue on the pool's row lock anyway, and whoever arrives meanwhile joins the next batch,
 * so batches grow with the load while a lone sign-up waits only the short window. Shared by every
 * event loop of the instance, hence the lock around the queues.
 */
final class SignUpBatcher {
  private record Key(long eventId, String poolKey) {}

  private record Waiting(SignUpBatch.Request request, Context context, Promise<RsvpService.Outcome> promise) {}

  private static final class Queue {
    final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    boolean running;
    boolean timerSet;
  }

  private static final Logger LOG = LoggerFactory.getLogger(SignUpBatcher.class);

  private final Vertx vertx;
  private final SignUpBatch batch;
  private final Function<SignUpBatch.Request, Future<RsvpService.Outcome>> alone;
  private final int windowMs;
  private final int maxSize;
  private final Map<Key, Queue> queues = new HashMap<>();

  /** {@code alone}: the one-member transaction, for a request the batch sends back. */
  SignUpBatcher(Vertx vertx, SignUpBatch batch, Function<SignUpBatch.Request, Future<RsvpService.Outcome>> alone,
      int windowMs, int maxSize) {
    this.vertx = vertx;
    this.batch = batch;
    this.alone = alone;
    this.windowMs = windowMs;
    this.maxSize = maxSize;
  }

  Future<RsvpService.Outcome> submit(long eventId, String poolKey, SignUpBatch.Request request) {
    Key key = new Key(eventId, poolKey);
    Promise<RsvpService.Outcome> promise = Promise.promise();
    boolean arm;
    boolean full;
    synchronized (this) {
      Queue queue = queues.computeIfAbsent(key, k -> new Queue());
      queue.waiting.add(new Waiting(request, vertx.getOrCreateContext(), promise));
      full = !queue.running && queue.waiting.size() >= maxSize;
      arm = !full && !queue.running && !queue.timerSet;
      queue.timerSet |= arm;
    }
    if (full) {
      launch(key);
    } else if (arm) {
      vertx.setTimer(windowMs, id -> {
        synchronized (this) {
          queues.get(key).timerSet = false;
        }
        launch(key);
      });
    }
    return promise.future();
  }

  private void launch(Key key) {
    List<Waiting> taken = new ArrayList<>();
    synchronized (this) {
      Queue queue = queues.get(key);
      if (queue == null || queue.running) {
        return;
      }
      if (queue.waiting.isEmpty()) {
        if (!queue.timerSet) {
          queues.remove(key);
        }
        return;
      }
      queue.running = true;
      while (taken.size() < maxSize && !queue.waiting.isEmpty()) {
        taken.add(queue.waiting.poll());
      }
    }
    batch.run(key.eventId(), key.poolKey(), taken.stream().map(Waiting::request).toList())
        .onComplete(done -> {
          if (done.failed()) {
            LOG.warn("A batch of {} sign-ups for event {} failed; each goes alone", taken.size(), key.eventId(), done.cause());
          }
          for (int i = 0; i < taken.size(); i++) {
            answer(taken.get(i), done.succeeded() ? done.result().get(i) : SignUpBatch.Result.ALONE);
          }
          synchronized (this) {
            queues.get(key).running = false;
          }
          // Whoever came meanwhile has already waited a whole transaction: no further window.
          launch(key);
        });
  }

  /** On the member's own request context; a request the batch could not decide goes alone. */
  private void answer(Waiting waiting, SignUpBatch.Result result) {
    waiting.context().runOnContext(v -> {
      if (result.alone()) {
        alone.apply(waiting.request()).onComplete(waiting.promise());
      } else if (result.refusal() != null) {
        waiting.promise().fail(result.refusal());
      } else {
        waiting.promise().complete(result.outcome());
      }
    });
  }
}
