package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The follow-up questions after a match, their answers, and the per-event counts. */
public final class FollowUpRepository {
  // Each side of a standing match is asked at the stage whose window it is in now; the primary key
  // (match, member, stage) makes a second instance or a retry insert nothing, so nobody is asked
  // twice. A match already past a stage when first seen skips it rather than asking three at once.
  private static final String ASK_DUE = "WITH due AS ("
      + " SELECT m.id AS match_id, side.user_id, side.other_id, s.stage, m.event_id FROM matches m"
      + " CROSS JOIN (VALUES (1, interval '3 days', interval '21 days'), (2, interval '21 days', interval '90 days'),"
      + "   (3, interval '90 days', interval '120 days')) s(stage, after, until)"
      + " CROSS JOIN LATERAL (VALUES (m.user_a, m.user_b), (m.user_b, m.user_a)) side(user_id, other_id)"
      + " JOIN users u ON u.id = side.user_id AND u.deleted_at IS NULL"
      + " JOIN users o ON o.id = side.other_id AND o.deleted_at IS NULL"
      + " WHERE m.ended_at IS NULL AND m.created_at + s.after <= now() AND m.created_at + s.until > now()"
      + " LIMIT 1000),"
      + " asked AS (INSERT INTO mixer_follow_ups (match_id, user_id, stage, event_id)"
      + "   SELECT match_id, user_id, stage, event_id FROM due ON CONFLICT DO NOTHING"
      + "   RETURNING match_id, user_id, stage, event_id)"
      + " SELECT a.match_id, a.user_id, a.stage, a.event_id, coalesce(o.nickname, '') AS nickname FROM asked a"
      + " JOIN due d ON d.match_id = a.match_id AND d.user_id = a.user_id AND d.stage = a.stage"
      + " JOIN users o ON o.id = d.other_id";
  private static final String ANSWER = "UPDATE mixer_follow_ups f SET still_in_touch = $3, answered_at = now()"
      + " WHERE f.match_id = $1 AND f.user_id = $2 AND f.stage = (SELECT max(stage) FROM mixer_follow_ups"
      + "   WHERE match_id = $1 AND user_id = $2) RETURNING f.stage";
  private static final String LATEST = "SELECT f.match_id, f.stage, f.still_in_touch, m.event_id, e.title,"
      + " coalesce(o.nickname, '') AS nickname, (o.deleted_at IS NOT NULL) AS deleted FROM mixer_follow_ups f"
      + " JOIN matches m ON m.id = f.match_id JOIN events e ON e.id = m.event_id"
      + " JOIN users o ON o.id = CASE WHEN m.user_a = $2 THEN m.user_b ELSE m.user_a END"
      + " WHERE f.match_id = $1 AND f.user_id = $2 ORDER BY f.stage DESC LIMIT 1";
  private static final String COUNTS = "SELECT count(*) FILTER (WHERE answered_at IS NOT NULL) AS answers,"
      + " count(*) FILTER (WHERE still_in_touch) AS yes FROM mixer_follow_ups WHERE event_id = $1";

  /** One question just asked: to whom, about which match, at which stage, and the other's nickname. */
  public record Asked(long matchId, long userId, int stage, long eventId, String otherNickname) {}

  /** My latest question about a match and my answer to it, if any. */
  public record Question(long matchId, int stage, Boolean stillInTouch, long eventId, String eventTitle,
      String otherNickname, boolean otherDeleted) {}

  public record Counts(long answers, long stillInTouch) {}

  public Future<List<Asked>> askDue(SqlClient client) {
    return client.query(ASK_DUE).execute().map(rows -> {
      List<Asked> list = new ArrayList<>();
      for (Row row : rows) {
        list.add(new Asked(row.getLong("match_id"), row.getLong("user_id"), row.getShort("stage"),
            row.getLong("event_id"), row.getString("nickname")));
      }
      return list;
    });
  }

  /** Answers my latest question about the match; empty when I was not asked about it. */
  public Future<Optional<Integer>> answer(SqlClient client, long matchId, long userId, boolean stillInTouch) {
    return client.preparedQuery(ANSWER).execute(Tuple.of(matchId, userId, stillInTouch)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of((int) it.next().getShort("stage")) : Optional.empty();
    });
  }

  public Future<Optional<Question>> latest(SqlClient client, long matchId, long userId) {
    return client.preparedQuery(LATEST).execute(Tuple.of(matchId, userId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new Question(row.getLong("match_id"), row.getShort("stage"), row.getBoolean("still_in_touch"),
          row.getLong("event_id"), row.getString("title"), row.getString("nickname"), row.getBoolean("deleted")));
    });
  }

  public Future<Counts> counts(SqlClient client, long eventId) {
    return client.preparedQuery(COUNTS).execute(Tuple.of(eventId)).map(rows -> {
      Row row = rows.iterator().next();
      return new Counts(row.getLong("answers"), row.getLong("yes"));
    });
  }
}
