package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks between members, by user id, for every mixer. Only the blocker ever reads a block; for
 * everyone else it exists only through {@code mixer_hidden()}, which answers the same for a block,
 * the colleague firewall and (as far as a list can tell) someone who left.
 */
public final class BlockRepository {
  private static final String INSERT = "INSERT INTO mixer_blocks (blocker, blocked, event_id, badge)"
      + " VALUES ($1, $2, $3, $4) ON CONFLICT (blocker, blocked) DO NOTHING";
  // Open marks only: a mark that made a match is part of that match, which the block leaves alone.
  private static final String DROP_OPEN_MARKS = "DELETE FROM mixer_likes l"
      + " WHERE ((l.from_user = $1 AND l.to_user = $2) OR (l.from_user = $2 AND l.to_user = $1))"
      + " AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.event_id = l.event_id"
      + "   AND m.user_a = least(l.from_user, l.to_user) AND m.user_b = greatest(l.from_user, l.to_user))"
      + " RETURNING CASE WHEN l.from_user = $1 THEN l.consent_id END";
  // The blocker's own requests toward the blocked person end as withdrawn by them.
  private static final String WITHDRAW_MINE = "UPDATE intro_requests SET status = 'WITHDRAWN', updated_at = now()"
      + " WHERE from_user = $1 AND to_user = $2 AND status IN ('PENDING', 'FORWARDED') RETURNING request_consent_id";
  // The blocked person's requests end exactly as when the blocker leaves a mixer: CLOSED to them.
  private static final String CLOSE_THEIRS_FORWARDED = "UPDATE intro_requests SET status = 'DECLINED',"
      + " answered_at = now(), updated_at = now() WHERE from_user = $2 AND to_user = $1 AND status = 'FORWARDED'";
  private static final String CLOSE_THEIRS_PENDING = "UPDATE intro_requests SET status = 'REJECTED',"
      + " answered_at = now(), updated_at = now() WHERE from_user = $2 AND to_user = $1 AND status = 'PENDING'";
  private static final String DELETE_BY_BADGE = "DELETE FROM mixer_blocks b USING checkins c"
      + " WHERE c.event_id = $2 AND c.badge = $3 AND b.blocker = $1 AND b.blocked = c.user_id";
  private static final String DELETE_BY_ID = "DELETE FROM mixer_blocks WHERE id = $2 AND blocker = $1";
  private static final String MINE = "SELECT b.id, b.event_id, e.title, b.badge, coalesce(u.nickname, '') AS nickname,"
      + " (u.deleted_at IS NOT NULL) AS deleted, b.created_at FROM mixer_blocks b JOIN users u ON u.id = b.blocked"
      + " LEFT JOIN events e ON e.id = b.event_id WHERE b.blocker = $1 ORDER BY b.created_at DESC, b.id DESC";

  /** A block as its author sees it: whom (by the badge and nickname they had), where and when. */
  public record Block(long id, Long eventId, String eventTitle, Integer badge, String nickname, boolean deleted,
      Instant at) {
    static Block from(Row row) {
      return new Block(row.getLong("id"), row.getLong("event_id"), row.getString("title"), row.getInteger("badge"),
          row.getString("nickname"), row.getBoolean("deleted"), row.getOffsetDateTime("created_at").toInstant());
    }

    public io.vertx.core.json.JsonObject toJson() {
      return new io.vertx.core.json.JsonObject().put("id", id).put("eventId", eventId).put("eventTitle", eventTitle)
          .put("badge", badge).put("nickname", deleted ? "" : nickname)
          .put("at", org.queqiao.web.Times.iso(at, org.queqiao.web.Times.DEFAULT_ZONE));
    }
  }

  public Future<Void> insert(SqlClient client, long blocker, long blocked, long eventId, int badge) {
    return client.preparedQuery(INSERT).execute(Tuple.of(blocker, blocked, eventId, badge)).mapEmpty();
  }

  /**
   * Removes the open marks between the two, both ways; the consents behind the blocker's own, to
   * withdraw. The blocked person's receipt stays as it is: theirs says withdrawn only when they withdraw.
   */
  public Future<List<Long>> dropOpenMarks(SqlClient client, long a, long b) {
    return client.preparedQuery(DROP_OPEN_MARKS).execute(Tuple.of(a, b)).map(BlockRepository::consentIds);
  }

  /** Ends the open requests between blocker and blocked; the consents of the blocker's own, to withdraw. */
  public Future<List<Long>> closeOpenRequests(SqlClient client, long blocker, long blocked) {
    Tuple pair = Tuple.of(blocker, blocked);
    return client.preparedQuery(CLOSE_THEIRS_FORWARDED).execute(pair)
        .compose(done -> client.preparedQuery(CLOSE_THEIRS_PENDING).execute(pair))
        .compose(done -> client.preparedQuery(WITHDRAW_MINE).execute(pair))
        .map(BlockRepository::consentIds);
  }

  public Future<Void> deleteByBadge(SqlClient client, long blocker, long eventId, int badge) {
    return client.preparedQuery(DELETE_BY_BADGE).execute(Tuple.of(blocker, eventId, badge)).mapEmpty();
  }

  public Future<Boolean> deleteById(SqlClient client, long blocker, long id) {
    return client.preparedQuery(DELETE_BY_ID).execute(Tuple.of(blocker, id)).map(rows -> rows.rowCount() == 1);
  }

  public Future<List<Block>> mine(SqlClient client, long blocker) {
    return client.preparedQuery(MINE).execute(Tuple.of(blocker)).map(rows -> {
      List<Block> list = new ArrayList<>();
      rows.forEach(row -> list.add(Block.from(row)));
      return list;
    });
  }

  private static List<Long> consentIds(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Long> ids = new ArrayList<>();
    for (Row row : rows) {
      Long id = row.getLong(0);
      if (id != null) {
        ids.add(id);
      }
    }
    return ids;
  }
}
