package org.queqiao.users;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

public final class UserRepository {
  private static final String COLUMNS = "u.id, u.login, u.display_name, u.nickname, u.gender, u.birth_year,"
      + " u.union_id, u.member_no, u.employer, u.avoid_same_employer,"
      + " ARRAY(SELECT r.role FROM user_roles r WHERE r.user_id = u.id ORDER BY r.role) AS roles";

  private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM users u WHERE u.id = $1";

  // A page request also needs the header's unread-notification badge: counted here, in the same round
  // trip, because a round trip costs more than the indexed count (docs/benchmarks.md).
  // A token is also revoked when the member ended every session issued before it ($4, its issue time),
  // except the one kept by that very request (a password change).
  private static final String FIND_FOR_SESSION = "SELECT " + COLUMNS
      + ", (EXISTS (SELECT 1 FROM revoked_tokens t WHERE t.jti = $2)"
      + "   OR (u.sessions_valid_after IS NOT NULL AND $4::timestamptz < u.sessions_valid_after"
      + "       AND u.sessions_kept_jti IS DISTINCT FROM $2)) AS revoked"
      + ", CASE WHEN $3::boolean THEN (SELECT count(*) FROM notifications n"
      + " WHERE n.user_id = u.id AND n.read_at IS NULL) END AS unread"
      + " FROM users u WHERE u.id = $1 AND u.deleted_at IS NULL";

  private static final String FIND_CREDENTIALS = "SELECT id, password_hash FROM users WHERE login = $1"
      + " AND deleted_at IS NULL";

  private static final String INSERT = "WITH u AS ("
      + " INSERT INTO users (login, password_hash, display_name, nickname, gender, birth_year, union_id, member_no)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *)"
      + " SELECT u.id, u.login, u.display_name, u.nickname, u.gender, u.birth_year, u.union_id, u.member_no,"
      + " u.employer, u.avoid_same_employer, ARRAY[]::text[] AS roles FROM u";

  // Each field comes with a flag saying whether the request named it, so absent fields stay as they are.
  private static final String UPDATE_PROFILE = "UPDATE users SET"
      + " display_name = CASE WHEN $2 THEN $3 ELSE display_name END,"
      + " nickname     = CASE WHEN $4 THEN $5 ELSE nickname END,"
      + " gender       = CASE WHEN $6 THEN $7 ELSE gender END,"
      + " birth_year   = CASE WHEN $8 THEN $9::smallint ELSE birth_year END,"
      + " union_id     = CASE WHEN $10 THEN $11::bigint ELSE union_id END,"
      + " member_no    = CASE WHEN $12 THEN $13 ELSE member_no END,"
      + " employer     = CASE WHEN $14 THEN $15 ELSE employer END,"
      + " employer_key = CASE WHEN $14 THEN $16 ELSE employer_key END,"
      + " avoid_same_employer = CASE WHEN $17 THEN $18 ELSE avoid_same_employer END,"
      + " updated_at   = now()"
      + " WHERE id = $1";

  private static final String SET_PASSWORD = "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1";

  // $3 is the app's clock, the one that stamps the tokens' issue times it is compared with.
  private static final String END_SESSIONS = "UPDATE users SET sessions_valid_after = $3,"
      + " sessions_kept_jti = $2 WHERE id = $1";

  private static final String LOCK_USER = "SELECT id FROM users WHERE id = $1 FOR UPDATE";
  private static final String DELETE_ROLES = "DELETE FROM user_roles WHERE user_id = $1";
  private static final String INSERT_ROLES =
      "INSERT INTO user_roles (user_id, role) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING";

  private static final String SEARCH = "SELECT " + COLUMNS + " FROM users u"
      + " WHERE $1 = '' OR u.login LIKE '%' || $1 || '%' OR u.display_name LIKE '%' || $1 || '%'"
      + " ORDER BY u.id LIMIT $2";

  /**
   * Every method runs on the client it is given: the caller's transaction, the pool, or the
   * pipelined read client for the per-request session lookup ({@link org.queqiao.db.ReadClient}).
   */
  public record Credentials(long userId, String passwordHash) {
    static Credentials from(Row row) {
      return new Credentials(row.getLong("id"), row.getString("password_hash"));
    }
  }

  public record NewUser(String login, String passwordHash, ProfileInput profile) {}

  public Future<Optional<User>> findById(SqlClient client, long id) {
    return client.preparedQuery(FIND_BY_ID).execute(Tuple.of(id)).map(rows -> first(rows).map(User::from));
  }

  /**
   * The user behind a session token, or nothing when the account is gone or the token revoked; with
   * {@code countUnread}, also the number of their unread notifications.
   */
  public Future<Optional<SessionUser>> findForSession(SqlClient client, long id, UUID tokenId,
      java.time.Instant issuedAt, boolean countUnread) {
    return client.preparedQuery(FIND_FOR_SESSION).execute(Tuple.of(id, tokenId, countUnread,
            java.time.OffsetDateTime.ofInstant(issuedAt, java.time.ZoneOffset.UTC)))
        .map(rows -> first(rows).filter(row -> !row.getBoolean("revoked"))
            .map(row -> new SessionUser(User.from(row), row.getLong("unread"))));
  }

  /** A session's user; {@code unreadNotifications} is null unless it was asked for. */
  public record SessionUser(User user, Long unreadNotifications) {}

  public Future<Optional<Credentials>> findCredentials(SqlClient client, String login) {
    return client.preparedQuery(FIND_CREDENTIALS).execute(Tuple.of(login)).map(rows -> first(rows).map(Credentials::from));
  }

  public Future<User> insert(SqlClient client, NewUser user) {
    ProfileInput p = user.profile();
    Tuple params = Tuple.tuple()
        .addString(user.login())
        .addString(user.passwordHash())
        .addString(p.displayName().value())
        .addString(p.nickname().value())
        .addString(p.gender().value())
        .addValue(p.birthYear().value() == null ? null : p.birthYear().value().shortValue())
        .addLong(p.unionId().value())
        .addString(p.memberNo().value());
    return client.preparedQuery(INSERT).execute(params).map(rows -> User.from(rows.iterator().next()));
  }

  public Future<Optional<User>> updateProfile(SqlClient client, long id, ProfileInput p) {
    Tuple params = Tuple.tuple()
        .addLong(id)
        .addBoolean(p.displayName().present()).addString(p.displayName().value())
        .addBoolean(p.nickname().present()).addString(p.nickname().value())
        .addBoolean(p.gender().present()).addString(p.gender().value())
        .addBoolean(p.birthYear().present())
        .addValue(p.birthYear().value() == null ? null : p.birthYear().value().shortValue())
        .addBoolean(p.unionId().present()).addLong(p.unionId().value())
        .addBoolean(p.memberNo().present()).addString(p.memberNo().value())
        .addBoolean(p.employer().present()).addString(p.employer().value())
        .addString(EmployerNames.key(p.employer().value()))
        .addBoolean(p.avoidSameEmployer().present()).addBoolean(Boolean.TRUE.equals(p.avoidSameEmployer().value()));
    return client.preparedQuery(UPDATE_PROFILE).execute(params).compose(done -> findById(client, id));
  }

  public Future<Void> setPassword(SqlClient client, long id, String passwordHash) {
    return client.preparedQuery(SET_PASSWORD).execute(Tuple.of(id, passwordHash)).mapEmpty();
  }

  /** Ends every session of the member issued until now, except {@code keptTokenId} when not null. */
  public Future<Void> endSessions(SqlClient client, long id, UUID keptTokenId, java.time.Instant now) {
    return client.preparedQuery(END_SESSIONS)
        .execute(Tuple.of(id, keptTokenId, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))).mapEmpty();
  }

  /** Replaces the stored roles within the caller's transaction; empty when the user does not exist. */
  public Future<Optional<User>> replaceRoles(SqlConnection conn, long id, Set<Role> roles) {
    String[] names = roles.stream().filter(Role::stored).map(Role::name).sorted().toArray(String[]::new);
    return conn.preparedQuery(LOCK_USER).execute(Tuple.of(id))
        .compose(locked -> {
          if (locked.rowCount() == 0) {
            return Future.succeededFuture(Optional.<User>empty());
          }
          return conn.preparedQuery(DELETE_ROLES).execute(Tuple.of(id))
              .compose(deleted -> conn.preparedQuery(INSERT_ROLES).execute(Tuple.tuple().addLong(id).addArrayOfString(names)))
              .compose(inserted -> conn.preparedQuery(FIND_BY_ID).execute(Tuple.of(id)))
              .map(rows -> first(rows).map(User::from));
        });
  }

  public Future<Void> grantRole(SqlClient client, long id, Role role) {
    return client.preparedQuery(INSERT_ROLES).execute(Tuple.tuple().addLong(id).addArrayOfString(new String[] {role.name()})).mapEmpty();
  }

  public Future<List<User>> search(SqlClient client, String query, int limit) {
    return client.preparedQuery(SEARCH).execute(Tuple.of(query == null ? "" : query.strip(), limit))
        .map(rows -> {
          List<User> users = new ArrayList<>();
          rows.forEach(row -> users.add(User.from(row)));
          return users;
        });
  }

  private static Optional<Row> first(io.vertx.sqlclient.RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }
}
