package org.queqiao.jobs;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

public final class JobRepository {
  private static final String ENSURE = "INSERT INTO scheduled_jobs (name) VALUES ($1) ON CONFLICT DO NOTHING";
  // Only one instance can move next_run_at past now(): that instance runs the job this period.
  private static final String CLAIM = "UPDATE scheduled_jobs SET next_run_at = now() + make_interval(secs => $2::int),"
      + " last_started_at = now() WHERE name = $1 AND next_run_at <= now()";
  private static final String FINISHED = "UPDATE scheduled_jobs SET last_finished_at = now(), last_error = $2 WHERE name = $1";

  private final Pool pool;

  public JobRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> ensure(String name) {
    return pool.preparedQuery(ENSURE).execute(Tuple.of(name)).mapEmpty();
  }

  public Future<Boolean> claim(String name, long intervalSeconds) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(name, (int) intervalSeconds)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> finished(String name, String error) {
    return pool.preparedQuery(FINISHED).execute(Tuple.of(name, error)).mapEmpty();
  }
}
