package org.queqiao.unions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

public final class UnionRepository {
  private static final String LIST = "SELECT id, name, parent_id FROM unions ORDER BY id";
  private static final String INSERT = "INSERT INTO unions (name, parent_id) VALUES ($1, $2) RETURNING id, name, parent_id";

  public Future<List<Union>> list(SqlClient client) {
    return client.preparedQuery(LIST).execute().map(rows -> {
      List<Union> unions = new ArrayList<>();
      rows.forEach(row -> unions.add(Union.from(row)));
      return unions;
    });
  }

  public Future<Union> insert(SqlClient client, String name, Long parentId) {
    return client.preparedQuery(INSERT).execute(Tuple.of(name, parentId)).map(rows -> Union.from(rows.iterator().next()));
  }
}
