package org.queqiao.unions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class UnionRepository {
  private static final String LIST = "SELECT id, name, parent_id FROM unions ORDER BY id";
  private static final String INSERT = "INSERT INTO unions (name, parent_id) VALUES ($1, $2) RETURNING id, name, parent_id";
  private static final String FIND = "SELECT id, name, parent_id FROM unions WHERE id = $1";
  // Names are unique once trimmed (unions_name_key), so this finds at most one.
  private static final String FIND_BY_NAME = "SELECT id, name, parent_id FROM unions WHERE btrim(name) = btrim($1)";

  // A substring of the name (the trigram index), and/or the children of one union; an exact name
  // first, then by name. The parent's name and the number of children help tell unions apart.
  private static final String FILTER = " FROM unions u WHERE ($1::text IS NULL OR u.name ILIKE $1)"
      + " AND ($2::bigint IS NULL OR u.parent_id = $2)";
  private static final String SEARCH = "SELECT u.id, u.name, u.parent_id,"
      + " (SELECT p.name FROM unions p WHERE p.id = u.parent_id) AS parent_name,"
      + " (SELECT count(*) FROM unions c WHERE c.parent_id = u.id) AS children" + FILTER
      + " ORDER BY (btrim(u.name) = $3) DESC, u.name, u.id LIMIT $4 OFFSET $5";
  private static final String COUNT = "SELECT count(*) AS n" + FILTER;

  /** A union as a search shows it. */
  public record Listed(Union union, String parentName, long children) {}

  public record Page(List<Listed> items, long total) {}

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

  public Future<Optional<Union>> find(SqlClient client, long id) {
    return client.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(Union.from(it.next())) : Optional.empty();
    });
  }

  public Future<Optional<Union>> findByName(SqlClient client, String name) {
    return client.preparedQuery(FIND_BY_NAME).execute(Tuple.of(name)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(Union.from(it.next())) : Optional.empty();
    });
  }

  /** {@code query}: a substring of the name, or null; {@code parentId}: only its children, or null. */
  public Future<Page> search(SqlClient client, String query, Long parentId, int limit, int offset) {
    String pattern = query == null || query.isBlank() ? null : "%" + escapeLike(query.strip()) + "%";
    String exact = query == null ? null : query.strip();
    return client.preparedQuery(SEARCH).execute(Tuple.of(pattern, parentId, exact, limit, offset)).map(rows -> {
      List<Listed> items = new ArrayList<>();
      for (Row row : rows) {
        items.add(new Listed(Union.from(row), row.getString("parent_name"), row.getLong("children")));
      }
      return items;
    }).compose(items -> client.preparedQuery(COUNT).execute(Tuple.of(pattern, parentId))
        .map(rows -> new Page(items, rows.iterator().next().getLong("n"))));
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
