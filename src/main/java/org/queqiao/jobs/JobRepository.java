package org.queqiao.jobs;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

public final class JobRepository {
  private static final String ENSURE = "INSERT INTO scheduled_jobs (name) VALUES ($1) ON CONFLICT DO NOTHING";
  // Only one instance can move next_run_at past now(): that instance runs the job this period.
  private static final String CLAIM = "UPDATE scheduled_jobs SET next_run_at = now() + make_interval(secs => $2::int),"
      + " last_started_at = now() WHERE name = $1 AND next_run_at <= now()";
  private static final String FINISHED = "UPDATE scheduled_jobs SET last_finished_at = now(), last_error = $2 WHERE name = $1";

  public Future<Void> ensure(SqlClient client, String name) {
    return client.preparedQuery(ENSURE).execute(Tuple.of(name)).mapEmpty();
  }

  public Future<Boolean> claim(SqlClient client, String name, long intervalSeconds) {
    return client.preparedQuery(CLAIM).execute(Tuple.of(name, (int) intervalSeconds)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> finished(SqlClient client, String name, String error) {
    return client.preparedQuery(FINISHED).execute(Tuple.of(name, error)).mapEmpty();
  }
}
