package org.queqiao.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

public final class DemoRepository {
  // Several instances may start at once on an empty database: the lock lets exactly one seed it.
  private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('queqiao.demo-data'))";
  private static final String IS_EMPTY =
      "SELECT NOT EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM unions) AS empty";
  private static final String INSERT_UNION = "INSERT INTO unions (name, parent_id) VALUES ($1, $2) RETURNING id";
  private static final String INSERT_USER = "INSERT INTO users"
      + " (login, password_hash, display_name, nickname, gender, birth_year, union_id, member_no)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
  private static final String INSERT_ROLES =
      "INSERT INTO user_roles (user_id, role) SELECT $1, unnest($2::text[])";

  private static final String INSERT_EVENT = "INSERT INTO events (type, title, description, venue, starts_at, ends_at,"
      + " organizer_id, status, published_at)"
      + " VALUES ($1, $2, $3, $4, (current_date + $5::int + make_interval(hours => $6)) AT TIME ZONE 'Asia/Shanghai',"
      + " (current_date + $5::int + make_interval(hours => $6 + $7)) AT TIME ZONE 'Asia/Shanghai', $8, 'PUBLISHED', now())"
      + " RETURNING id";
  private static final String INSERT_POOL =
      "INSERT INTO event_pools (event_id, key, label, capacity, position) VALUES ($1, $2, $3, $4, $5)";
  // The demo mixer's matchmaker is assigned to it, as an organiser would on its staff page.
  private static final String INSERT_MATCHMAKER = "INSERT INTO event_staff (event_id, user_id, role, added_by)"
      + " VALUES ($1, $2, 'MATCHMAKER', $3)";
  private static final String INSERT_RSVP = "INSERT INTO rsvps (event_id, user_id, pool_key, status, confirmed_at)"
      + " VALUES ($1, $2, $3, 'CONFIRMED', now())";

  Future<Boolean> isEmpty(SqlClient client) {
    return client.query(IS_EMPTY).execute().map(rows -> rows.iterator().next().getBoolean("empty"));
  }

  /** Within the caller's transaction: inserts everything unless another instance got there first. */
  Future<Boolean> insertIfEmpty(SqlConnection conn, List<DemoData.DemoUnion> unions, List<DemoData.DemoUser> users,
      List<String> hashes, List<DemoData.DemoEvent> events) {
    return conn.query(LOCK).execute()
        .compose(locked -> conn.query(IS_EMPTY).execute())
        .compose(rows -> rows.iterator().next().getBoolean("empty")
            ? insertAll(conn, unions, users, hashes, events).map(true)
            : Future.succeededFuture(false));
  }

  private static Future<Void> insertAll(SqlConnection conn, List<DemoData.DemoUnion> unions,
      List<DemoData.DemoUser> users, List<String> hashes, List<DemoData.DemoEvent> events) {
    List<Long> unionIds = new ArrayList<>();
    List<Long> userIds = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (DemoData.DemoUnion union : unions) {
      chain = chain.compose(v -> conn.preparedQuery(INSERT_UNION).execute(Tuple.of(union.name(),
              union.parentIndex() == null ? null : unionIds.get(union.parentIndex())))
          .map(rows -> {
            Row row = rows.iterator().next();
            unionIds.add(row.getLong("id"));
            return null;
          }));
    }
    for (int i = 0; i < users.size(); i++) {
      DemoData.DemoUser u = users.get(i);
      String hash = hashes.get(i);
      chain = chain.compose(v -> conn.preparedQuery(INSERT_USER).execute(Tuple.tuple()
              .addString(u.login()).addString(hash).addString(u.displayName()).addString(u.nickname())
              .addString(u.gender())
              .addValue(u.birthYear() == null ? null : u.birthYear().shortValue())
              .addLong(unionIds.get(u.unionIndex())).addString(u.memberNo()))
          .compose(rows -> {
            long id = rows.iterator().next().getLong("id");
            userIds.add(id);
            return conn.preparedQuery(INSERT_ROLES)
                .execute(Tuple.tuple().addLong(id).addArrayOfString(u.roles().toArray(String[]::new)));
          })
          .mapEmpty());
    }
    for (DemoData.DemoEvent e : events) {
      chain = chain.compose(v -> conn.preparedQuery(INSERT_EVENT).execute(Tuple.tuple()
              .addString(e.type()).addString(e.title()).addString(e.description()).addString(e.venue())
              .addInteger(e.daysFromToday()).addInteger(e.hour()).addInteger(e.hours())
              .addLong(userIds.get(DemoData.ORGANIZER_INDEX)))
          .compose(rows -> insertPoolsAndSignUps(conn, rows.iterator().next().getLong("id"), e, userIds)));
    }
    return chain;
  }

  private static Future<Void> insertPoolsAndSignUps(SqlConnection conn, long eventId, DemoData.DemoEvent e,
      List<Long> userIds) {
    List<Tuple> pools = new ArrayList<>();
    for (int i = 0; i < e.pools().size(); i++) {
      DemoData.DemoPool p = e.pools().get(i);
      pools.add(Tuple.of(eventId, p.key(), p.label(), p.capacity(), (short) i));
    }
    List<Tuple> rsvps = new ArrayList<>();
    for (int index : e.attendeeIndexes()) {
      rsvps.add(Tuple.of(eventId, userIds.get(index), e.pools().get(0).key()));
    }
    Future<?> poolsDone = conn.preparedQuery(INSERT_POOL).executeBatch(pools)
        .compose(done -> "MIXER".equals(e.type())
            ? conn.preparedQuery(INSERT_MATCHMAKER).execute(Tuple.of(eventId, userIds.get(DemoData.MATCHMAKER_INDEX),
                userIds.get(DemoData.ORGANIZER_INDEX)))
            : Future.succeededFuture());
    return poolsDone.compose(done -> rsvps.isEmpty()
        ? Future.succeededFuture()
        : conn.preparedQuery(INSERT_RSVP).executeBatch(rsvps)).mapEmpty();
  }
}
