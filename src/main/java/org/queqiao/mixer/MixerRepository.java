package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Mixer attendees by badge, private marks, matches, contact cards and the disclosure log. */
public final class MixerRepository {
  private static final String ATTENDEE_COLUMNS = "c.user_id, c.badge, coalesce(u.nickname, '') AS nickname, r.pool_key";
  private static final String ATTENDEES = " FROM checkins c JOIN users u ON u.id = c.user_id JOIN rsvps r ON r.id = c.rsvp_id"
      + " WHERE c.event_id = $1 AND c.badge IS NOT NULL AND c.mixer_left_at IS NULL";
  private static final String ATTENDEE = "SELECT " + ATTENDEE_COLUMNS + ATTENDEES + " AND c.user_id = $2";
  private static final String BY_BADGE = "SELECT " + ATTENDEE_COLUMNS + ATTENDEES + " AND c.badge = $2";
  // Also those who left: a mark on them must still be removable.
  private static final String BY_BADGE_EVER = "SELECT " + ATTENDEE_COLUMNS
      + " FROM checkins c JOIN users u ON u.id = c.user_id JOIN rsvps r ON r.id = c.rsvp_id"
      + " WHERE c.event_id = $1 AND c.badge = $2";
  private static final String PEOPLE = "SELECT " + ATTENDEE_COLUMNS + ATTENDEES + " AND c.user_id <> $2 ORDER BY c.badge";

  // Both sides of a pair take the same lock, so two people marking each other at the same moment
  // are seen as a match by whichever commits second.
  private static final String LOCK_PAIR = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
  private static final String LIKE = "INSERT INTO mixer_likes (event_id, from_user, to_user, consent_version)"
      + " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
  private static final String UNLIKE = "DELETE FROM mixer_likes WHERE event_id = $1 AND from_user = $2 AND to_user = $3";
  private static final String LIKED = "SELECT EXISTS (SELECT 1 FROM mixer_likes WHERE event_id = $1 AND from_user = $2"
      + " AND to_user = $3) AS yes";
  private static final String MY_LIKES = "SELECT c.badge, coalesce(u.nickname, '') AS nickname FROM mixer_likes l"
      + " JOIN checkins c ON c.event_id = l.event_id AND c.user_id = l.to_user JOIN users u ON u.id = l.to_user"
      + " WHERE l.event_id = $1 AND l.from_user = $2 AND c.badge IS NOT NULL ORDER BY c.badge";
  private static final String RECORD_MATCH = "INSERT INTO mixer_matches (event_id, user_a, user_b, via)"
      + " VALUES ($1, least($2::bigint, $3::bigint), greatest($2::bigint, $3::bigint), $4) ON CONFLICT DO NOTHING";
  private static final String LOG_DISCLOSURE = "INSERT INTO disclosures (owner_id, recipient_id, recipient_nickname,"
      + " event_id, via, fields, consent_version)"
      + " SELECT $1, $2, coalesce(u.nickname, ''), $3, $4, $5, $6 FROM users u WHERE u.id = $2";

  // Who I am matched with now: mutual marks that still stand, or accepted introductions; never
  // with someone (or by someone) who has left that mixer.
  private static final String MY_MATCHES = "WITH pairs AS ("
      + "  SELECT l.event_id, l.to_user AS other, 'MUTUAL_LIKE' AS via FROM mixer_likes l"
      + "   JOIN mixer_likes back ON back.event_id = l.event_id AND back.from_user = l.to_user AND back.to_user = l.from_user"
      + "   WHERE l.from_user = $1"
      + "  UNION"
      + "  SELECT event_id, CASE WHEN from_user = $1 THEN to_user ELSE from_user END, 'INTRO_REQUEST'"
      + "   FROM intro_requests WHERE status = 'ACCEPTED' AND (from_user = $1 OR to_user = $1))"
      + " SELECT p.event_id, p.other, p.via, oc.badge, coalesce(u.nickname, '') AS nickname,"
      + "  ARRAY(SELECT DISTINCT unnest(d.fields) FROM disclosures d WHERE d.owner_id = p.other AND d.recipient_id = $1"
      + "        AND d.event_id = p.event_id) AS fields"
      + " FROM pairs p JOIN checkins oc ON oc.event_id = p.event_id AND oc.user_id = p.other AND oc.mixer_left_at IS NULL"
      + " JOIN checkins mc ON mc.event_id = p.event_id AND mc.user_id = $1 AND mc.mixer_left_at IS NULL"
      + " JOIN users u ON u.id = p.other ORDER BY p.event_id DESC, oc.badge";

  private static final String MY_DISCLOSURES = "SELECT recipient_nickname, event_id, via, fields, disclosed_at"
      + " FROM disclosures WHERE owner_id = $1 ORDER BY disclosed_at DESC, id DESC LIMIT 500";

  private static final String CARD = "SELECT nonce, ciphertext FROM contact_cards WHERE user_id = $1";
  private static final String SAVE_CARD = "INSERT INTO contact_cards (user_id, nonce, ciphertext) VALUES ($1, $2, $3)"
      + " ON CONFLICT (user_id) DO UPDATE SET nonce = EXCLUDED.nonce, ciphertext = EXCLUDED.ciphertext, updated_at = now()";

  private static final String LEAVE_LIKES = "DELETE FROM mixer_likes WHERE event_id = $1 AND from_user = $2";
  private static final String LEAVE_MARK = "UPDATE checkins SET mixer_left_at = now() WHERE event_id = $1 AND user_id = $2";

  // Mixers whose matching window closed more than the retention period ago.
  private static final String EXPIRED = "SELECT id FROM events WHERE type = 'MIXER'"
      + " AND coalesce(matching_closes_at, ends_at + make_interval(days => $1)) + make_interval(days => $2) < now()";
  private static final String PURGE_LIKES = "DELETE FROM mixer_likes WHERE event_id IN (" + EXPIRED + ")";
  private static final String PURGE_MATCHES = "DELETE FROM mixer_matches WHERE event_id IN (" + EXPIRED + ")";
  private static final String PURGE_REQUESTS = "DELETE FROM intro_requests WHERE event_id IN (" + EXPIRED + ")";
  private static final String PURGE_NOTIFICATIONS = "DELETE FROM notifications WHERE kind IN ('MATCH',"
      + " 'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED') AND event_id IN (" + EXPIRED + ")";
  private static final String PURGE_BADGES = "UPDATE checkins SET badge = NULL"
      + " WHERE badge IS NOT NULL AND event_id IN (" + EXPIRED + ")";

  /** A checked-in mixer attendee as other attendees see them: badge and nickname, nothing more. */
  public record Attendee(long userId, int badge, String nickname, String poolKey) {
    static Attendee from(Row row) {
      return new Attendee(row.getLong("user_id"), row.getInteger("badge"), row.getString("nickname"),
          row.getString("pool_key"));
    }
  }

  public record Match(long eventId, long otherId, String via, int badge, String nickname, List<String> fields) {}

  public record Disclosure(String toNickname, Long eventId, String via, List<String> fields, Instant at) {}

  public record SealedCard(byte[] nonce, byte[] ciphertext) {}

  public Future<Optional<Attendee>> attendee(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(ATTENDEE).execute(Tuple.of(eventId, userId)).map(MixerRepository::firstAttendee);
  }

  public Future<Optional<Attendee>> byBadge(SqlClient client, long eventId, int badge) {
    return client.preparedQuery(BY_BADGE).execute(Tuple.of(eventId, badge)).map(MixerRepository::firstAttendee);
  }

  public Future<Optional<Attendee>> byBadgeEvenIfLeft(SqlClient client, long eventId, int badge) {
    return client.preparedQuery(BY_BADGE_EVER).execute(Tuple.of(eventId, badge)).map(MixerRepository::firstAttendee);
  }

  public Future<List<Attendee>> people(SqlClient client, long eventId, long excludingUser) {
    return client.preparedQuery(PEOPLE).execute(Tuple.of(eventId, excludingUser)).map(rows -> {
      List<Attendee> list = new ArrayList<>();
      rows.forEach(row -> list.add(Attendee.from(row)));
      return list;
    });
  }

  public Future<Void> lockPair(SqlClient client, long eventId, long a, long b) {
    String key = "mixer-pair:" + eventId + ":" + Math.min(a, b) + ":" + Math.max(a, b);
    return client.preparedQuery(LOCK_PAIR).execute(Tuple.of(key)).mapEmpty();
  }

  public Future<Void> like(SqlClient client, long eventId, long from, long to, String consentVersion) {
    return client.preparedQuery(LIKE).execute(Tuple.of(eventId, from, to, consentVersion)).mapEmpty();
  }

  public Future<Void> unlike(SqlClient client, long eventId, long from, long to) {
    return client.preparedQuery(UNLIKE).execute(Tuple.of(eventId, from, to)).mapEmpty();
  }

  public Future<Boolean> liked(SqlClient client, long eventId, long from, long to) {
    return client.preparedQuery(LIKED).execute(Tuple.of(eventId, from, to)).map(rows -> rows.iterator().next().getBoolean("yes"));
  }

  /** The badges and nicknames I marked: shown to me alone. */
  public Future<List<Attendee>> myLikes(SqlClient client, long eventId, long from) {
    return client.preparedQuery(MY_LIKES).execute(Tuple.of(eventId, from)).map(rows -> {
      List<Attendee> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Attendee(0, row.getInteger("badge"), row.getString("nickname"), null)));
      return list;
    });
  }

  /** True the first time this pair matches this way. */
  public Future<Boolean> recordMatch(SqlClient client, long eventId, long a, long b, String via) {
    return client.preparedQuery(RECORD_MATCH).execute(Tuple.of(eventId, a, b, via)).map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> logDisclosure(SqlClient client, long ownerId, long recipientId, long eventId, String via,
      List<String> fields, String consentVersion) {
    return client.preparedQuery(LOG_DISCLOSURE).execute(Tuple.tuple().addLong(ownerId).addLong(recipientId)
        .addLong(eventId).addString(via).addArrayOfString(fields.toArray(String[]::new)).addString(consentVersion))
        .mapEmpty();
  }

  public Future<List<Match>> matchesOf(SqlClient client, long userId) {
    return client.preparedQuery(MY_MATCHES).execute(Tuple.of(userId)).map(rows -> {
      List<Match> list = new ArrayList<>();
      for (Row row : rows) {
        String[] fields = row.getArrayOfStrings("fields");
        list.add(new Match(row.getLong("event_id"), row.getLong("other"), row.getString("via"), row.getInteger("badge"),
            row.getString("nickname"), fields == null ? List.of() : Arrays.asList(fields)));
      }
      return list;
    });
  }

  public Future<List<Disclosure>> disclosuresOf(SqlClient client, long ownerId) {
    return client.preparedQuery(MY_DISCLOSURES).execute(Tuple.of(ownerId)).map(rows -> {
      List<Disclosure> list = new ArrayList<>();
      for (Row row : rows) {
        list.add(new Disclosure(row.getString("recipient_nickname"), row.getLong("event_id"), row.getString("via"),
            Arrays.asList(row.getArrayOfStrings("fields")), row.getOffsetDateTime("disclosed_at").toInstant()));
      }
      return list;
    });
  }

  public Future<Optional<SealedCard>> card(SqlClient client, long userId) {
    return client.preparedQuery(CARD).execute(Tuple.of(userId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new SealedCard(row.getBuffer("nonce").getBytes(), row.getBuffer("ciphertext").getBytes()));
    });
  }

  public Future<Void> saveCard(SqlClient client, long userId, byte[] nonce, byte[] ciphertext) {
    return client.preparedQuery(SAVE_CARD).execute(Tuple.of(userId, io.vertx.core.buffer.Buffer.buffer(nonce),
        io.vertx.core.buffer.Buffer.buffer(ciphertext))).mapEmpty();
  }

  /** Leaving a mixer: my marks go, and I am no longer listed or matchable there. */
  public Future<Void> leave(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(LEAVE_LIKES).execute(Tuple.of(eventId, userId))
        .compose(done -> client.preparedQuery(LEAVE_MARK).execute(Tuple.of(eventId, userId)))
        .mapEmpty();
  }

  /**
   * The retention rule: marks, matches, requests, the notifications about them, and badges of
   * mixers whose matching window closed {@code retentionDays} ago are deleted. The disclosure log
   * stays: it is the owner's record.
   * Returns how many rows went.
   */
  public Future<Integer> purgeExpired(SqlConnection conn, int matchingDays, int retentionDays) {
    Tuple days = Tuple.of(matchingDays, retentionDays);
    return conn.preparedQuery(PURGE_LIKES).execute(days)
        .compose(a -> conn.preparedQuery(PURGE_MATCHES).execute(days).map(b -> a.rowCount() + b.rowCount()))
        .compose(n -> conn.preparedQuery(PURGE_REQUESTS).execute(days).map(c -> n + c.rowCount()))
        .compose(n -> conn.preparedQuery(PURGE_NOTIFICATIONS).execute(days).map(e -> n + e.rowCount()))
        .compose(n -> conn.preparedQuery(PURGE_BADGES).execute(days).map(d -> n + d.rowCount()));
  }

  private static Optional<Attendee> firstAttendee(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(Attendee.from(it.next())) : Optional.empty();
  }
}
