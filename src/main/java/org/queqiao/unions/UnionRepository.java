package org.queqiao.unions;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.queqiao.web.ApiError;

public final class UnionRepository {
  private static final String LIST = "SELECT id, name FROM unions ORDER BY id";
  private static final String INSERT = "INSERT INTO unions (name) VALUES ($1) RETURNING id, name";

  private final Pool pool;

  public UnionRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<List<Union>> list() {
    return pool.preparedQuery(LIST).execute().map(rows -> {
      List<Union> unions = new ArrayList<>();
      rows.forEach(row -> unions.add(Union.from(row)));
      return unions;
    });
  }

  public Future<Union> insert(String name) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(name))
        .map(rows -> Union.from(rows.iterator().next()))
        .recover(failure -> failure instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(new ApiError(409, "UNION_EXISTS", "error.unionExists", Map.of("name", "field.union.taken")))
            : Future.failedFuture(failure));
  }
}
