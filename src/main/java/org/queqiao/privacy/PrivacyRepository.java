package org.queqiao.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * What the service holds about one member, read for their export, and erased when they delete
 * their account. Sign-ups and check-ins stay as anonymous rows, so counts still add up.
 */
public final class PrivacyRepository {
  // Requests as their requester sees them: a decline and a rejection are both CLOSED.
  private static final String EXPORT = "SELECT json_build_object("
      + "'signUps', coalesce((SELECT json_agg(json_build_object('eventId', r.event_id, 'eventTitle', e.title,"
      + "  'startsAt', e.starts_at, 'pool', r.pool_key, 'status', r.status, 'declaresSingle', r.declares_single,"
      + "  'answers', r.answers, 'signedUpAt', r.created_at, 'cancelledAt', r.cancelled_at) ORDER BY r.created_at)"
      + "  FROM rsvps r JOIN events e ON e.id = r.event_id WHERE r.user_id = $1), '[]'::json),"
      + "'checkins', coalesce((SELECT json_agg(json_build_object('eventId', c.event_id, 'eventTitle', e.title,"
      + "  'checkedInAt', c.checked_in_at, 'method', c.method, 'badge', c.badge, 'leftMixerAt', c.mixer_left_at)"
      + "  ORDER BY c.checked_in_at) FROM checkins c JOIN events e ON e.id = c.event_id WHERE c.user_id = $1), '[]'::json),"
      + "'marks', coalesce((SELECT json_agg(json_build_object('eventId', l.event_id, 'badge', c.badge,"
      + "  'nickname', u.nickname, 'at', l.created_at) ORDER BY l.created_at) FROM mixer_likes l"
      + "  LEFT JOIN checkins c ON c.event_id = l.event_id AND c.user_id = l.to_user"
      + "  LEFT JOIN users u ON u.id = l.to_user WHERE l.from_user = $1), '[]'::json),"
      + "'introRequests', json_build_object("
      + "  'outgoing', coalesce((SELECT json_agg(json_build_object('id', q.id, 'eventId', q.event_id, 'targetBadge', c.badge,"
      + "    'targetNickname', u.nickname, 'message', q.message, 'status', CASE q.status WHEN 'PENDING' THEN 'OPEN'"
      + "    WHEN 'FORWARDED' THEN 'OPEN' WHEN 'DECLINED' THEN 'CLOSED' WHEN 'REJECTED' THEN 'CLOSED' ELSE q.status END,"
      + "    'at', q.created_at) ORDER BY q.created_at) FROM intro_requests q"
      + "    LEFT JOIN checkins c ON c.event_id = q.event_id AND c.user_id = q.to_user"
      + "    LEFT JOIN users u ON u.id = q.to_user WHERE q.from_user = $1), '[]'::json),"
      + "  'incoming', coalesce((SELECT json_agg(json_build_object('id', q.id, 'eventId', q.event_id, 'fromBadge', c.badge,"
      + "    'fromNickname', u.nickname, 'message', q.message, 'note', q.matchmaker_note, 'status', q.status,"
      + "    'at', q.forwarded_at) ORDER BY q.forwarded_at) FROM intro_requests q"
      + "    LEFT JOIN checkins c ON c.event_id = q.event_id AND c.user_id = q.from_user"
      + "    LEFT JOIN users u ON u.id = q.from_user"
      + "    WHERE q.to_user = $1 AND q.forwarded_at IS NOT NULL), '[]'::json)),"
      + "'blocks', coalesce((SELECT json_agg(json_build_object('eventId', b.event_id, 'badge', b.badge,"
      + "  'nickname', u.nickname, 'at', b.created_at) ORDER BY b.created_at) FROM mixer_blocks b"
      + "  JOIN users u ON u.id = b.blocked WHERE b.blocker = $1), '[]'::json),"
      + "'followUps', coalesce((SELECT json_agg(json_build_object('matchId', f.match_id, 'eventId', f.event_id,"
      + "  'stage', f.stage, 'askedAt', f.asked_at, 'stillInTouch', f.still_in_touch, 'answeredAt', f.answered_at)"
      + "  ORDER BY f.asked_at) FROM mixer_follow_ups f WHERE f.user_id = $1), '[]'::json),"
      + "'rounds', coalesce((SELECT json_agg(json_build_object('eventId', s.event_id, 'round', s.round_no,"
      + "  'table', s.table_no) ORDER BY s.event_id, s.round_no) FROM mixer_round_seats s WHERE s.user_id = $1),"
      + "  '[]'::json),"
      + "'seriesFollows', coalesce((SELECT json_agg(json_build_object('seriesId', f.series_id, 'seriesTitle', s.title,"
      + "  'followedAt', f.followed_at) ORDER BY f.followed_at) FROM series_follows f"
      + "  JOIN event_series s ON s.id = f.series_id WHERE f.user_id = $1), '[]'::json),"
      + "'surveyAnswers', coalesce((SELECT json_agg(json_build_object('eventId', a.event_id, 'rating', a.rating,"
      + "  'comment', a.comment) ORDER BY a.event_id) FROM survey_answers a WHERE a.user_id = $1), '[]'::json),"
      // The member's own roster rows (the matches that verify them) and their disputes; nothing
      // else of a roster is theirs to see.
      + "'rosterRows', coalesce((SELECT json_agg(json_build_object('unionId', r.union_id, 'union', un.name,"
      + "  'name', r.name, 'mobile', r.mobile, 'memberNo', r.member_no,"
      + "  'disputed', EXISTS (SELECT 1 FROM roster_disputes d WHERE d.user_id = u.id AND d.entry_id = r.id)) ORDER BY r.id)"
      + "  FROM users u JOIN roster_entries r ON r.removed_at IS NULL AND (r.mobile = u.login"
      + "    OR (r.member_no = u.member_no AND r.name = btrim(u.display_name)))"
      + "  JOIN unions un ON un.id = r.union_id WHERE u.id = $1), '[]'::json),"
      + "'rosterDisputes', coalesce((SELECT json_agg(json_build_object('entryId', d.entry_id, 'reason', d.reason,"
      + "  'at', d.created_at) ORDER BY d.created_at) FROM roster_disputes d WHERE d.user_id = $1), '[]'::json),"
      + "'notifications', coalesce((SELECT json_agg(json_build_object('kind', n.kind, 'eventId', n.event_id,"
      + "  'params', n.params, 'at', n.created_at, 'readAt', n.read_at) ORDER BY n.id)"
      + "  FROM notifications n WHERE n.user_id = $1), '[]'::json)"
      + ") AS data";

  private static final List<String> ERASE = List.of(
      "DELETE FROM contact_cards WHERE user_id = $1",
      "DELETE FROM mixer_likes WHERE from_user = $1 OR to_user = $1",
      "DELETE FROM intro_requests WHERE from_user = $1 OR to_user = $1",
      // My own log and every snapshot of my contact details go; in others' logs I become a deleted member.
      "DELETE FROM disclosures WHERE owner_id = $1",
      "UPDATE disclosures SET recipient_nickname = NULL WHERE recipient_id = $1",
      "DELETE FROM consents WHERE user_id = $1",
      "DELETE FROM notifications WHERE user_id = $1",
      "DELETE FROM series_follows WHERE user_id = $1",
      // Signed survey answers stay as anonymous ones: the event's ratings do not change.
      "UPDATE survey_answers SET user_id = NULL WHERE user_id = $1",
      "DELETE FROM roster_disputes WHERE user_id = $1",
      "DELETE FROM mixer_declarations WHERE user_id = $1",
      "DELETE FROM mixer_follow_ups WHERE user_id = $1",
      "DELETE FROM mixer_blocks WHERE blocker = $1 OR blocked = $1",
      "DELETE FROM mixer_round_seats WHERE user_id = $1",
      "DELETE FROM mixer_round_pairs WHERE user_a = $1 OR user_b = $1",
      "DELETE FROM event_staff WHERE user_id = $1",
      "DELETE FROM user_roles WHERE user_id = $1",
      "UPDATE checkins SET mixer_left_at = coalesce(mixer_left_at, now()) WHERE user_id = $1 AND badge IS NOT NULL",
      "UPDATE rsvps SET declares_single = false, answers = '{}'::jsonb WHERE user_id = $1",
      // The row stays, empty, so sign-up counts and others' matches still refer to someone: a
      // login that no normalised login can equal, and a password hash nothing verifies against.
      "UPDATE users SET login = 'deleted:' || id, password_hash = '!', display_name = '已注销', nickname = NULL,"
          + " gender = NULL, birth_year = NULL, union_id = NULL, member_no = NULL, employer = NULL, employer_key = NULL,"
          + " avoid_same_employer = false, deleted_at = now(),"
          + " updated_at = now() WHERE id = $1");

  public Future<JsonObject> export(SqlClient client, long userId) {
    return client.preparedQuery(EXPORT).execute(Tuple.of(userId)).map(rows -> {
      Object data = rows.iterator().next().getValue("data");
      return data instanceof JsonObject json ? json : new JsonObject(String.valueOf(data));
    });
  }

  /** Within the caller's transaction (after the member's seats were released). */
  public Future<Void> erase(SqlConnection conn, long userId) {
    Future<Void> all = Future.succeededFuture();
    for (String statement : ERASE) {
      all = all.compose(v -> conn.preparedQuery(statement).execute(Tuple.of(userId)).mapEmpty());
    }
    return all;
  }
}
