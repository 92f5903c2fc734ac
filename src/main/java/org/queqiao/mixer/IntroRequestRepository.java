package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Introduction requests. Every change of status is a conditional UPDATE from the expected status,
 * so two people acting on one request at once cannot both succeed.
 */
public final class IntroRequestRepository {
  public static final String PENDING = "PENDING";
  public static final String FORWARDED = "FORWARDED";
  public static final String ACCEPTED = "ACCEPTED";
  public static final String DECLINED = "DECLINED";
  public static final String REJECTED = "REJECTED";
  public static final String WITHDRAWN = "WITHDRAWN";

  private static final String COLUMNS = "q.id, q.event_id, q.from_user, q.to_user, q.message, q.status,"
      + " q.matchmaker_note, q.created_at, q.forwarded_at, q.answered_at, e.title AS event_title,"
      + " e.ends_at AS event_ends_at, e.matching_closes_at AS event_matching_closes_at,"
      + " q.request_consent_id, q.answer_consent_id,"
      + " coalesce(fu.nickname, '') AS from_nickname, coalesce(tu.nickname, '') AS to_nickname,"
      + " fc.badge AS from_badge, tc.badge AS to_badge";
  private static final String FROM = " FROM intro_requests q JOIN events e ON e.id = q.event_id"
      + " LEFT JOIN users org ON org.id = e.organizer_id"
      + " JOIN users fu ON fu.id = q.from_user JOIN users tu ON tu.id = q.to_user"
      + " LEFT JOIN checkins fc ON fc.event_id = q.event_id AND fc.user_id = q.from_user"
      + " LEFT JOIN checkins tc ON tc.event_id = q.event_id AND tc.user_id = q.to_user";

  private static final String LOCK_REQUESTER = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
  private static final String OPEN_COUNT = "SELECT count(*) AS n FROM intro_requests"
      + " WHERE event_id = $1 AND from_user = $2 AND status IN ('PENDING', 'FORWARDED')";
  private static final String INSERT = "INSERT INTO intro_requests (event_id, from_user, to_user, message, status,"
      + " request_consent_version, request_consent_id) VALUES ($1, $2, $3, $4, 'PENDING', $5, $6)"
      + " ON CONFLICT DO NOTHING RETURNING id";
  // Closed by the target or by a matchmaker: asking again gets one answer whatever the cause.
  private static final String CLOSED_BEFORE = "SELECT EXISTS (SELECT 1 FROM intro_requests WHERE event_id = $1"
      + " AND from_user = $2 AND to_user = $3 AND status IN ('DECLINED', 'REJECTED')) AS yes";
  // What a matchmaker ($1; $2 = is an admin; $3 = their union) may see: never a request they are a
  // party to; only events they are assigned to, or events of their union's subtree (the audience,
  // or for an open event its organiser's union). Admins see every event.
  private static final String SCOPE = " AND q.from_user <> $1 AND q.to_user <> $1 AND ($2::boolean"
      + " OR EXISTS (SELECT 1 FROM event_staff s WHERE s.event_id = q.event_id AND s.user_id = $1"
      + "   AND s.role = 'MATCHMAKER')"
      + " OR ($3::bigint IS NOT NULL AND coalesce(e.audience_union_id, org.union_id) IN ("
      + "   WITH RECURSIVE sub AS (SELECT id FROM unions WHERE id = $3"
      + "    UNION SELECT u.id FROM unions u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub)))";
  private static final String FIND_FOR_MATCHMAKER = "SELECT " + COLUMNS + FROM + " WHERE q.id = $4" + SCOPE;
  private static final String PENDING_FOR_MATCHMAKER = "SELECT " + COLUMNS + FROM + " WHERE q.status = 'PENDING'" + SCOPE
      + " ORDER BY q.created_at DESC, q.id DESC LIMIT 200";
  // What this matchmaker forwarded: shown as forwarded whatever the answer.
  private static final String FORWARDED_BY = "SELECT " + COLUMNS + FROM + " WHERE q.matchmaker_id = $1"
      + " AND q.forwarded_at IS NOT NULL AND q.from_user <> $1 AND q.to_user <> $1"
      + " ORDER BY q.forwarded_at DESC, q.id DESC LIMIT 200";
  private static final String FIND = "SELECT " + COLUMNS + FROM + " WHERE q.id = $1";
  private static final String OUTGOING = "SELECT " + COLUMNS + FROM + " WHERE q.from_user = $1"
      + " ORDER BY q.created_at DESC, q.id DESC LIMIT 200";
  // A request reaches its target only once a matchmaker has forwarded it.
  private static final String INCOMING = "SELECT " + COLUMNS + FROM + " WHERE q.to_user = $1"
      + " AND q.forwarded_at IS NOT NULL AND q.status IN ('FORWARDED', 'ACCEPTED', 'DECLINED')"
      + " ORDER BY q.forwarded_at DESC, q.id DESC LIMIT 200";
  private static final String FORWARD = "UPDATE intro_requests SET status = 'FORWARDED', matchmaker_id = $2,"
      + " matchmaker_note = $3, forwarded_at = now(), updated_at = now() WHERE id = $1 AND status = 'PENDING'";
  private static final String REJECT = "UPDATE intro_requests SET status = 'REJECTED', matchmaker_id = $2,"
      + " reject_reason = $3, answered_at = now(), updated_at = now() WHERE id = $1 AND status = 'PENDING'";
  private static final String ANSWER = "UPDATE intro_requests SET status = $3, answer_consent_version = $4,"
      + " answer_consent_id = $5, answered_at = now(), updated_at = now()"
      + " WHERE id = $1 AND to_user = $2 AND status = 'FORWARDED'";
  private static final String WITHDRAW = "UPDATE intro_requests SET status = 'WITHDRAWN', updated_at = now()"
      + " WHERE id = $1 AND from_user = $2 AND status IN ('PENDING', 'FORWARDED') RETURNING request_consent_id";
  private static final String LEAVE_OUTGOING = "UPDATE intro_requests SET status = 'WITHDRAWN', updated_at = now()"
      + " WHERE event_id = $1 AND from_user = $2 AND status IN ('PENDING', 'FORWARDED')";
  // A request already forwarded to the leaver counts as declined; one still with the matchmakers
  // is closed without ever reaching the leaver (its requester sees CLOSED either way).
  private static final String LEAVE_INCOMING_FORWARDED = "UPDATE intro_requests SET status = 'DECLINED',"
      + " answered_at = now(), updated_at = now() WHERE event_id = $1 AND to_user = $2 AND status = 'FORWARDED'";
  private static final String LEAVE_INCOMING_PENDING = "UPDATE intro_requests SET status = 'REJECTED',"
      + " reject_reason = 'target left the mixer', answered_at = now(), updated_at = now()"
      + " WHERE event_id = $1 AND to_user = $2 AND status = 'PENDING'";

  public record IntroRequest(long id, long eventId, String eventTitle, long fromUser, long toUser, String fromNickname,
      String toNickname, Integer fromBadge, Integer toBadge, String message, String status, String matchmakerNote,
      Instant createdAt, Instant forwardedAt, Instant eventEndsAt, Instant eventMatchingClosesAt, Long requestConsentId,
      Long answerConsentId) {
    /** Whether the target may know of it: only once a matchmaker forwarded it. */
    public boolean reachedTarget() {
      return forwardedAt != null;
    }

    static IntroRequest from(Row row) {
      OffsetDateTime created = row.getOffsetDateTime("created_at");
      return new IntroRequest(row.getLong("id"), row.getLong("event_id"), row.getString("event_title"),
          row.getLong("from_user"), row.getLong("to_user"), row.getString("from_nickname"), row.getString("to_nickname"),
          row.getInteger("from_badge"), row.getInteger("to_badge"), row.getString("message"), row.getString("status"),
          row.getString("matchmaker_note"), created.toInstant(), instant(row, "forwarded_at"),
          instant(row, "event_ends_at"), instant(row, "event_matching_closes_at"), row.getLong("request_consent_id"),
          row.getLong("answer_consent_id"));
    }

    private static Instant instant(Row row, String column) {
      OffsetDateTime value = row.getOffsetDateTime(column);
      return value == null ? null : value.toInstant();
    }
  }

  /** Serialises one member's requests at one mixer, so the limit of open requests holds. */
  public Future<Void> lockRequester(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(LOCK_REQUESTER).execute(Tuple.of("intro:" + eventId + ":" + userId)).mapEmpty();
  }

  public Future<Long> openCount(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(OPEN_COUNT).execute(Tuple.of(eventId, userId)).map(rows -> rows.iterator().next().getLong("n"));
  }

  /** Empty when an open request to the same person already exists. */
  public Future<Optional<Long>> insert(SqlClient client, long eventId, long from, long to, String message,
      String consentVersion, long consentId) {
    return client.preparedQuery(INSERT).execute(Tuple.of(eventId, from, to, message, consentVersion, consentId)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(it.next().getLong("id")) : Optional.empty();
    });
  }

  public Future<Optional<IntroRequest>> find(SqlClient client, long id) {
    return client.preparedQuery(FIND).execute(Tuple.of(id)).map(IntroRequestRepository::first);
  }

  /** Whether this pair's request at this event was ever declined or rejected. */
  public Future<Boolean> closedBefore(SqlClient client, long eventId, long from, long to) {
    return client.preparedQuery(CLOSED_BEFORE).execute(Tuple.of(eventId, from, to))
        .map(rows -> rows.iterator().next().getBoolean("yes"));
  }

  /** Who a matchmaker is: the limits of what they may see. */
  public record Matchmaker(long userId, boolean admin, Long unionId) {
    Tuple scope() {
      return Tuple.tuple().addLong(userId).addBoolean(admin).addLong(unionId);
    }
  }

  public Future<List<IntroRequest>> pendingFor(SqlClient client, Matchmaker matchmaker) {
    return client.preparedQuery(PENDING_FOR_MATCHMAKER).execute(matchmaker.scope()).map(IntroRequestRepository::all);
  }

  public Future<List<IntroRequest>> forwardedBy(SqlClient client, long matchmakerId) {
    return client.preparedQuery(FORWARDED_BY).execute(Tuple.of(matchmakerId)).map(IntroRequestRepository::all);
  }

  /** The request if this matchmaker may act on it; empty for any other id (the same 404). */
  public Future<Optional<IntroRequest>> findFor(SqlClient client, Matchmaker matchmaker, long id) {
    return client.preparedQuery(FIND_FOR_MATCHMAKER).execute(matchmaker.scope().addLong(id))
        .map(IntroRequestRepository::first);
  }

  public Future<List<IntroRequest>> outgoing(SqlClient client, long userId) {
    return client.preparedQuery(OUTGOING).execute(Tuple.of(userId)).map(IntroRequestRepository::all);
  }

  public Future<List<IntroRequest>> incoming(SqlClient client, long userId) {
    return client.preparedQuery(INCOMING).execute(Tuple.of(userId)).map(IntroRequestRepository::all);
  }

  public Future<Boolean> forward(SqlClient client, long id, long matchmakerId, String note) {
    return client.preparedQuery(FORWARD).execute(Tuple.of(id, matchmakerId, note)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> reject(SqlClient client, long id, long matchmakerId, String reason) {
    return client.preparedQuery(REJECT).execute(Tuple.of(id, matchmakerId, reason)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Boolean> answer(SqlClient client, long id, long targetId, String status, String consentVersion,
      Long consentId) {
    return client.preparedQuery(ANSWER).execute(Tuple.of(id, targetId, status, consentVersion, consentId))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Withdraws an open request; the id of the consent behind it, or empty when it was not open. */
  public Future<Optional<Optional<Long>>> withdraw(SqlClient client, long id, long requesterId) {
    return client.preparedQuery(WITHDRAW).execute(Tuple.of(id, requesterId)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(Optional.ofNullable(it.next().getLong("request_consent_id"))) : Optional.empty();
    });
  }

  /** Leaving a mixer withdraws my open requests and declines those still waiting for me. */
  public Future<Void> leave(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(LEAVE_OUTGOING).execute(Tuple.of(eventId, userId))
        .compose(done -> client.preparedQuery(LEAVE_INCOMING_FORWARDED).execute(Tuple.of(eventId, userId)))
        .compose(done -> client.preparedQuery(LEAVE_INCOMING_PENDING).execute(Tuple.of(eventId, userId)))
        .mapEmpty();
  }

  private static Optional<IntroRequest> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(IntroRequest.from(it.next())) : Optional.empty();
  }

  private static List<IntroRequest> all(RowSet<Row> rows) {
    List<IntroRequest> list = new ArrayList<>();
    rows.forEach(row -> list.add(IntroRequest.from(row)));
    return list;
  }
}
