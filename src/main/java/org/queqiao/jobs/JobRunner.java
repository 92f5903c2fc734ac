package org.queqiao.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic jobs shared by all instances, as a verticle deployed once per instance. Each instance
 * looks every tick; a due job is claimed through its row in {@code scheduled_jobs}, so it runs once
 * per period however many instances there are. Jobs are also written to be idempotent, so a retry
 * after a crash does no harm.
 */
public final class JobRunner extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  public record Job(String name, Duration every, Supplier<Future<?>> work) {}

  private final Pool pool;
  private final JobRepository jobs;
  private final long tickMillis;
  private final List<Job> registered = new ArrayList<>();
  private long timer = -1;

  public JobRunner(Pool pool, JobRepository jobs, int tickSeconds) {
    this.pool = pool;
    this.jobs = jobs;
    this.tickMillis = tickSeconds * 1000L;
  }

  /** Registers a job; call before the verticle is deployed. */
  public JobRunner add(String name, Duration every, Supplier<Future<?>> work) {
    registered.add(new Job(name, every, work));
    return this;
  }

  @Override
  public Future<?> start() {
    Future<Void> ensured = Future.succeededFuture();
    for (Job job : registered) {
      ensured = ensured.compose(v -> jobs.ensure(pool, job.name()));
    }
    return ensured.onSuccess(v -> timer = vertx.setPeriodic(tickMillis, id -> runDueJobs()));
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return Future.succeededFuture();
  }

  /** Runs every job that is due and that this instance wins the claim for. */
  Future<Void> runDueJobs() {
    Future<Void> all = Future.succeededFuture();
    for (Job job : registered) {
      all = all.compose(v -> jobs.claim(pool, job.name(), job.every().toSeconds())
          .compose(won -> won ? run(job) : Future.succeededFuture()))
          .recover(e -> {
            LOG.warn("Job {} could not be claimed", job.name(), e);
            return Future.succeededFuture();
          });
    }
    return all;
  }

  private Future<Void> run(Job job) {
    Future<?> work;
    try {
      work = job.work().get();
    } catch (RuntimeException e) {
      work = Future.failedFuture(e);
    }
    return work
        .compose(done -> jobs.finished(pool, job.name(), null))
        .recover(e -> {
          LOG.warn("Job {} failed", job.name(), e);
          return jobs.finished(pool, job.name(), String.valueOf(e.getMessage()));
        });
  }
}
