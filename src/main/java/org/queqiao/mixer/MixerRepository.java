package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Mixer attendees by badge, private marks, matches and the disclosure log. */
public final class MixerRepository {
  private static final String ATTENDEE_COLUMNS = "c.user_id, c.badge, coalesce(u.nickname, '') AS nickname, r.pool_key";
  private static final String ATTENDEES = " FROM checkins c JOIN users u ON u.id = c.user_id JOIN rsvps r ON r.id = c.rsvp_id"
      + " WHERE c.event_id = $1 AND c.badge IS NOT NULL AND c.mixer_left_at IS NULL";
  private static final String ATTENDEE = "SELECT " + ATTENDEE_COLUMNS + ATTENDEES + " AND c.user_id = $2";
  // As the asker ($3) may see them: someone hidden from the asker (a block either way, the colleague
  // firewall) is not there for them, exactly like someone who left.
  private static final String BY_BADGE = "SELECT " + ATTENDEE_COLUMNS + ATTENDEES + " AND c.badge = $2"
      + " AND NOT mixer_hidden($3, c.user_id)";
  // Also those who left: a mark on them must still be removable.
  private static final String BY_BADGE_EVER = "SELECT " + ATTENDEE_COLUMNS
      + " FROM checkins c JOIN users u ON u.id = c.user_id JOIN rsvps r ON r.id = c.rsvp_id"
      + " WHERE c.event_id = $1 AND c.badge = $2";
  private static final String PEOPLE = "SELECT " + ATTENDEE_COLUMNS + ATTENDEES + " AND c.user_id <> $2"
      + " AND NOT mixer_hidden($2, c.user_id) ORDER BY c.badge";
  private static final String HIDDEN = "SELECT mixer_hidden($1, $2) AS hidden";
  // The member's own presence, locked: leaving takes the same row lock, so a mark and its author's
  // leaving cannot interleave (the mark sees the member still there, or is refused).
  private static final String LOCK_PRESENCE = "SELECT c.rsvp_id FROM checkins c WHERE c.event_id = $1 AND c.user_id = $2"
      + " AND c.badge IS NOT NULL AND c.mixer_left_at IS NULL FOR UPDATE";

  // Both sides of a pair take the same lock, so two people marking each other at the same moment
  // are seen as a match by whichever commits second.
  private static final String LOCK_PAIR = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
  // The same two people at any mixer: a block and a mark or request between them never interleave.
  private static final String PEOPLE_PAIR_KEY = "mixer-people:";
  private static final String LIKE = "INSERT INTO mixer_likes (event_id, from_user, to_user, consent_version, consent_id)"
      + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING from_user";
  private static final String UNLIKE = "DELETE FROM mixer_likes WHERE event_id = $1 AND from_user = $2 AND to_user = $3"
      + " RETURNING consent_id";
  private static final String LIKE_OF = "SELECT consent_id FROM mixer_likes WHERE event_id = $1 AND from_user = $2"
      + " AND to_user = $3";
  // Only marks on people I can see: a mark on someone who left, or who is hidden from me, is not
  // listed, so a block looks to its subject exactly like its author leaving.
  private static final String MY_LIKES = "SELECT c.badge, coalesce(u.nickname, '') AS nickname FROM mixer_likes l"
      + " JOIN checkins c ON c.event_id = l.event_id AND c.user_id = l.to_user JOIN users u ON u.id = l.to_user"
      + " WHERE l.event_id = $1 AND l.from_user = $2 AND c.badge IS NOT NULL AND c.mixer_left_at IS NULL"
      + " AND NOT mixer_hidden($2, l.to_user) ORDER BY c.badge";

  // One row per pair per event; a second route to the same pair is added to via. xmax = 0 marks a
  // row this statement inserted.
  private static final String RECORD_MATCH = "INSERT INTO matches AS m (event_id, user_a, user_b, via)"
      + " VALUES ($1, least($2::bigint, $3::bigint), greatest($2::bigint, $3::bigint), ARRAY[$4::text])"
      + " ON CONFLICT (event_id, user_a, user_b) DO UPDATE SET"
      + "  via = CASE WHEN $4 = ANY(m.via) THEN m.via ELSE m.via || $4::text END"
      + " RETURNING m.id, (m.xmax = 0) AS created, m.ended_at";
  private static final String MATCH_FOR_UPDATE = "SELECT id, event_id, user_a, user_b, via, ended_at FROM matches"
      + " WHERE id = $1 AND (user_a = $2 OR user_b = $2) FOR UPDATE";
  private static final String MATCH_OF_PAIR = "SELECT id, event_id, user_a, user_b, via, ended_at FROM matches"
      + " WHERE event_id = $1 AND user_a = least($2::bigint, $3::bigint) AND user_b = greatest($2::bigint, $3::bigint)"
      + " FOR UPDATE";
  private static final String END_MATCH = "UPDATE matches SET ended_at = now(), ended_by = $2 WHERE id = $1"
      + " AND ended_at IS NULL";
  private static final String END_MATCHES_AT_EVENT = "UPDATE matches SET ended_at = now(), ended_by = $2"
      + " WHERE event_id = $1 AND (user_a = $2 OR user_b = $2) AND ended_at IS NULL"
      + " RETURNING id, CASE WHEN user_a = $2 THEN user_b ELSE user_a END AS other";

  private static final String LOG_DISCLOSURE = "INSERT INTO disclosures (owner_id, recipient_id, recipient_nickname,"
      + " event_id, via, fields, consent_version, match_id, consent_id, status, snapshot_key_id, snapshot_nonce,"
      + " snapshot_ciphertext)"
      + " SELECT $1, $2, coalesce(u.nickname, ''), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM users u WHERE u.id = $2";
  private static final String FAILED_DISCLOSURES = "SELECT d.id, d.match_id, d.recipient_id, d.event_id, d.via, d.fields,"
      + " d.consent_version, d.consent_id FROM disclosures d JOIN matches m ON m.id = d.match_id"
      + " WHERE d.owner_id = $1 AND d.status = 'FAILED' AND m.ended_at IS NULL ORDER BY d.id FOR UPDATE OF d";
  private static final String MARK_DONE_LATER = "UPDATE disclosures SET status = 'DONE_LATER' WHERE id = $1";

  // My matches, ended ones too; the contact is the other's latest snapshot to me while it stands.
  private static final String MY_MATCHES = "SELECT m.id, m.event_id, m.via, m.ended_at, o.id AS other,"
      + " oc.badge, coalesce(o.nickname, '') AS nickname, (o.deleted_at IS NOT NULL) AS deleted,"
      + " s.snapshot_key_id, s.snapshot_nonce, s.snapshot_ciphertext"
      + " FROM matches m JOIN users o ON o.id = CASE WHEN m.user_a = $1 THEN m.user_b ELSE m.user_a END"
      + " LEFT JOIN checkins oc ON oc.event_id = m.event_id AND oc.user_id = o.id"
      + " LEFT JOIN LATERAL (SELECT d.snapshot_key_id, d.snapshot_nonce, d.snapshot_ciphertext FROM disclosures d"
      + "   WHERE d.match_id = m.id AND d.owner_id = o.id AND d.recipient_id = $1 AND d.status = 'DISCLOSED'"
      + "   AND d.snapshot_ciphertext IS NOT NULL ORDER BY d.disclosed_at DESC, d.id DESC LIMIT 1) s"
      + "  ON m.ended_at IS NULL AND o.deleted_at IS NULL"
      + " WHERE (m.user_a = $1 OR m.user_b = $1) AND m.archived_at IS NULL ORDER BY m.event_id DESC, oc.badge NULLS LAST, m.id";

  private static final String MY_DISCLOSURES = "SELECT d.recipient_nickname, (r.deleted_at IS NOT NULL) AS deleted,"
      + " d.event_id, d.via, d.fields, d.disclosed_at FROM disclosures d LEFT JOIN users r ON r.id = d.recipient_id"
      + " WHERE d.owner_id = $1 AND d.status = 'DISCLOSED' ORDER BY d.disclosed_at DESC, d.id DESC LIMIT 500";

  private static final String LEAVE_LIKES = "DELETE FROM mixer_likes WHERE event_id = $1 AND from_user = $2";
  // Open marks on the one who leaves can never be returned: they go too. A block removes them the
  // same way, so what a blocked person holds is what they would hold had the blocker left.
  private static final String LEAVE_MARKS_ON_ME = "DELETE FROM mixer_likes l WHERE l.event_id = $1 AND l.to_user = $2"
      + " AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.event_id = l.event_id"
      + "   AND m.user_a = least(l.from_user, l.to_user) AND m.user_b = greatest(l.from_user, l.to_user))";
  private static final String LEAVE_MARK = "UPDATE checkins SET mixer_left_at = now() WHERE event_id = $1 AND user_id = $2"
      + " AND mixer_left_at IS NULL";
  private static final String DECLARE = "INSERT INTO mixer_declarations (event_id, user_id) VALUES ($1, $2)"
      + " ON CONFLICT DO NOTHING";

  // Mixers whose matching window closed more than the retention period ago. The window is the
  // organiser's choice or $1 days after the end, and never more than $3 days after the end.
  private static final String EXPIRED = "SELECT id FROM events WHERE type = 'MIXER'"
      + " AND least(coalesce(matching_closes_at, ends_at + make_interval(days => $1)), ends_at + make_interval(days => $3))"
      + " + make_interval(days => $2) < now()";
  // The follow-ups (contract §14) ask 3 days, 3 weeks and 3 months after a match, the last one
  // until 120 days after it: a match's bare record (who, which event, whether it ended — no
  // contact details), its follow-up answers and their notifications stay that long after the
  // matching window closed, even when the mixer's other data goes sooner.
  static final int FOLLOW_UP_DAYS = 130;
  private static final String EXPIRED_FOR_FOLLOW_UPS = "SELECT id FROM events WHERE type = 'MIXER'"
      + " AND least(coalesce(matching_closes_at, ends_at + make_interval(days => $1)), ends_at + make_interval(days => $3))"
      + " + make_interval(days => greatest($2, " + FOLLOW_UP_DAYS + ")) < now()";
  private static final String PURGE_LIKES = "DELETE FROM mixer_likes WHERE event_id IN (" + EXPIRED + ")";
  private static final String PURGE_REQUESTS = "DELETE FROM intro_requests WHERE event_id IN (" + EXPIRED + ")";
  private static final String PURGE_NOTIFICATIONS = "DELETE FROM notifications WHERE kind IN ('MATCH',"
      + " 'INTRO_REQUEST_RECEIVED', 'INTRO_ACCEPTED', 'CARD_UNREADABLE') AND event_id IN (" + EXPIRED + ")";
  private static final String PURGE_FOLLOW_UP_NOTIFICATIONS = "DELETE FROM notifications WHERE kind = 'FOLLOW_UP'"
      + " AND event_id IN (" + EXPIRED_FOR_FOLLOW_UPS + ")";
  // The log keeps who, when and which fields; the values themselves go with the mixer's data.
  private static final String PURGE_SNAPSHOTS = "UPDATE disclosures SET snapshot_key_id = NULL, snapshot_nonce = NULL,"
      + " snapshot_ciphertext = NULL WHERE snapshot_ciphertext IS NOT NULL AND event_id IN (" + EXPIRED + ")";
  private static final String PURGE_FOLLOW_UPS = "DELETE FROM mixer_follow_ups WHERE event_id IN ("
      + EXPIRED_FOR_FOLLOW_UPS + ")";
  private static final String PURGE_ROUNDS = "DELETE FROM mixer_rounds WHERE event_id IN (" + EXPIRED + ")";
  private static final String ARCHIVE_MATCHES = "UPDATE matches SET archived_at = now() WHERE archived_at IS NULL"
      + " AND event_id IN (" + EXPIRED + ")";
  private static final String PURGE_MATCHES = "DELETE FROM matches WHERE event_id IN (" + EXPIRED_FOR_FOLLOW_UPS + ")";
  private static final String PURGE_DECLARATIONS = "DELETE FROM mixer_declarations WHERE event_id IN (" + EXPIRED + ")";
  private static final String PURGE_BADGES = "UPDATE checkins SET badge = NULL, mixer_left_at = NULL"
      + " WHERE (badge IS NOT NULL OR mixer_left_at IS NOT NULL) AND event_id IN (" + EXPIRED + ")";
  // The disclosure log and the consent receipts behind it have a period of their own ($4 days).
  private static final String PURGE_LOG = "DELETE FROM disclosures WHERE disclosed_at < now() - make_interval(days => $1)";
  private static final String PURGE_RECEIPTS = "DELETE FROM consents WHERE created_at < now() - make_interval(days => $1)"
      + " AND NOT EXISTS (SELECT 1 FROM disclosures d WHERE d.consent_id = consents.id)"
      + " AND NOT EXISTS (SELECT 1 FROM mixer_likes l WHERE l.consent_id = consents.id)"
      + " AND NOT EXISTS (SELECT 1 FROM intro_requests q WHERE q.request_consent_id = consents.id"
      + "  OR q.answer_consent_id = consents.id)";

  /** A checked-in mixer attendee as other attendees see them: badge and nickname, nothing more. */
  public record Attendee(long userId, int badge, String nickname, String poolKey) {
    static Attendee from(Row row) {
      return new Attendee(row.getLong("user_id"), row.getInteger("badge"), row.getString("nickname"),
          row.getString("pool_key"));
    }
  }

  /** A match as one side sees it; {@code snapshot} is the other's latest disclosure to me, while it stands. */
  public record Match(long id, long eventId, long otherId, List<String> via, Integer badge, String nickname,
      boolean deleted, Instant endedAt, Optional<ContactCardRepository.SealedCard> snapshot) {}

  /** A pair's match row: whether this call created it, and whether it had been ended. */
  public record Recorded(long id, boolean created, boolean ended) {}

  public record MatchRow(long id, long eventId, long userA, long userB, List<String> via, Instant endedAt) {
    public long other(long me) {
      return userA == me ? userB : userA;
    }
  }

  public record Disclosure(String toNickname, boolean recipientDeleted, Long eventId, String via, List<String> fields,
      Instant at) {
    /** As the owner's log shows it; a deleted recipient has no nickname. */
    public io.vertx.core.json.JsonObject toJson() {
      return new io.vertx.core.json.JsonObject()
          .put("toNickname", recipientDeleted || toNickname == null ? "" : toNickname)
          .put("recipientDeleted", recipientDeleted).put("eventId", eventId).put("via", via)
          .put("fields", new io.vertx.core.json.JsonArray(fields))
          .put("at", org.queqiao.web.Times.iso(at, org.queqiao.web.Times.DEFAULT_ZONE));
    }
  }

  public record FailedDisclosure(long id, long matchId, long recipientId, long eventId, String via, List<String> fields,
      String consentVersion, Long consentId) {}

  /** A new disclosure: a snapshot to log, or a FAILED one (no snapshot) to make later. */
  public record NewDisclosure(long ownerId, long recipientId, long eventId, String via, List<String> fields,
      String consentVersion, Long matchId, Long consentId, String status, ContactCipher.Sealed snapshot) {}

  public Future<Optional<Attendee>> attendee(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(ATTENDEE).execute(Tuple.of(eventId, userId)).map(MixerRepository::firstAttendee);
  }

  /** The attendee with this badge as {@code viewer} sees them: empty when gone or hidden from the viewer. */
  public Future<Optional<Attendee>> byBadge(SqlClient client, long eventId, int badge, long viewer) {
    return client.preparedQuery(BY_BADGE).execute(Tuple.of(eventId, badge, viewer)).map(MixerRepository::firstAttendee);
  }

  /** Whether the two are hidden from each other (a block either way, or the colleague firewall). */
  public Future<Boolean> hidden(SqlClient client, long a, long b) {
    return client.preparedQuery(HIDDEN).execute(Tuple.of(a, b)).map(rows -> rows.iterator().next().getBoolean("hidden"));
  }

  /** Locks the pair of people across all mixers (after any event's pair lock, never before). */
  public Future<Void> lockPeople(SqlClient client, long a, long b) {
    String key = PEOPLE_PAIR_KEY + Math.min(a, b) + ":" + Math.max(a, b);
    return client.preparedQuery(LOCK_PAIR).execute(Tuple.of(key)).mapEmpty();
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

  /** True when the member is still at the mixer; their presence row stays locked until commit. */
  public Future<Boolean> lockPresence(SqlConnection conn, long eventId, long userId) {
    return conn.preparedQuery(LOCK_PRESENCE).execute(Tuple.of(eventId, userId)).map(rows -> rows.rowCount() > 0);
  }

  public Future<Void> lockPair(SqlClient client, long eventId, long a, long b) {
    String key = "mixer-pair:" + eventId + ":" + Math.min(a, b) + ":" + Math.max(a, b);
    return client.preparedQuery(LOCK_PAIR).execute(Tuple.of(key)).mapEmpty();
  }

  /** True when this call made the mark (false: it was already there). */
  public Future<Boolean> like(SqlClient client, long eventId, long from, long to, String consentVersion, long consentId) {
    return client.preparedQuery(LIKE).execute(Tuple.of(eventId, from, to, consentVersion, consentId))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Removes the mark; the id of the consent behind it, if there was one. */
  public Future<Optional<Long>> unlike(SqlClient client, long eventId, long from, long to) {
    return client.preparedQuery(UNLIKE).execute(Tuple.of(eventId, from, to)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.ofNullable(it.next().getLong("consent_id")) : Optional.empty();
    });
  }

  /** The mark from one to the other, if any: the id of the consent behind it (null for marks made before receipts). */
  public Future<Optional<Optional<Long>>> likeOf(SqlClient client, long eventId, long from, long to) {
    return client.preparedQuery(LIKE_OF).execute(Tuple.of(eventId, from, to)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(Optional.ofNullable(it.next().getLong("consent_id"))) : Optional.empty();
    });
  }

  /** The badges and nicknames I marked: shown to me alone. */
  public Future<List<Attendee>> myLikes(SqlClient client, long eventId, long from) {
    return client.preparedQuery(MY_LIKES).execute(Tuple.of(eventId, from)).map(rows -> {
      List<Attendee> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Attendee(0, row.getInteger("badge"), row.getString("nickname"), null)));
      return list;
    });
  }

  public Future<Recorded> recordMatch(SqlClient client, long eventId, long a, long b, String via) {
    return client.preparedQuery(RECORD_MATCH).execute(Tuple.of(eventId, a, b, via)).map(rows -> {
      Row row = rows.iterator().next();
      return new Recorded(row.getLong("id"), row.getBoolean("created"), row.getOffsetDateTime("ended_at") != null);
    });
  }

  /** My match by id, locked; empty when there is none or it is not mine. */
  public Future<Optional<MatchRow>> matchForUpdate(SqlConnection conn, long matchId, long userId) {
    return conn.preparedQuery(MATCH_FOR_UPDATE).execute(Tuple.of(matchId, userId)).map(MixerRepository::firstMatchRow);
  }

  public Future<Optional<MatchRow>> matchOfPair(SqlConnection conn, long eventId, long a, long b) {
    return conn.preparedQuery(MATCH_OF_PAIR).execute(Tuple.of(eventId, a, b)).map(MixerRepository::firstMatchRow);
  }

  public Future<Boolean> endMatch(SqlClient client, long matchId, long byUserId) {
    return client.preparedQuery(END_MATCH).execute(Tuple.of(matchId, byUserId)).map(rows -> rows.rowCount() == 1);
  }

  /** Ends my matches at this mixer; returns the ids of the people I was matched with. */
  public Future<List<long[]>> endMatchesAt(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(END_MATCHES_AT_EVENT).execute(Tuple.of(eventId, userId)).map(rows -> {
      List<long[]> ended = new ArrayList<>();
      rows.forEach(row -> ended.add(new long[] {row.getLong("id"), row.getLong("other")}));
      return ended;
    });
  }

  public Future<Void> logDisclosure(SqlClient client, NewDisclosure d) {
    Tuple params = Tuple.tuple().addLong(d.ownerId()).addLong(d.recipientId()).addLong(d.eventId()).addString(d.via())
        .addArrayOfString(d.fields().toArray(String[]::new)).addString(d.consentVersion()).addLong(d.matchId())
        .addLong(d.consentId()).addString(d.status())
        .addString(d.snapshot() == null ? null : d.snapshot().keyId())
        .addBuffer(d.snapshot() == null ? null : Buffer.buffer(d.snapshot().nonce()))
        .addBuffer(d.snapshot() == null ? null : Buffer.buffer(d.snapshot().ciphertext()));
    return client.preparedQuery(LOG_DISCLOSURE).execute(params).mapEmpty();
  }

  /** My disclosures that could not be made (my card was unreadable), for matches that still stand; locked. */
  public Future<List<FailedDisclosure>> failedDisclosures(SqlConnection conn, long ownerId) {
    return conn.preparedQuery(FAILED_DISCLOSURES).execute(Tuple.of(ownerId)).map(rows -> {
      List<FailedDisclosure> list = new ArrayList<>();
      for (Row row : rows) {
        list.add(new FailedDisclosure(row.getLong("id"), row.getLong("match_id"), row.getLong("recipient_id"),
            row.getLong("event_id"), row.getString("via"), Arrays.asList(row.getArrayOfStrings("fields")),
            row.getString("consent_version"), row.getLong("consent_id")));
      }
      return list;
    });
  }

  public Future<Void> markDoneLater(SqlClient client, long disclosureId) {
    return client.preparedQuery(MARK_DONE_LATER).execute(Tuple.of(disclosureId)).mapEmpty();
  }

  public Future<List<Match>> matchesOf(SqlClient client, long userId) {
    return client.preparedQuery(MY_MATCHES).execute(Tuple.of(userId)).map(rows -> {
      List<Match> list = new ArrayList<>();
      for (Row row : rows) {
        Buffer ciphertext = row.getBuffer("snapshot_ciphertext");
        Optional<ContactCardRepository.SealedCard> snapshot = ciphertext == null ? Optional.empty()
            : Optional.of(new ContactCardRepository.SealedCard(row.getString("snapshot_key_id"), row.getBuffer("snapshot_nonce").getBytes(),
                ciphertext.getBytes()));
        var ended = row.getOffsetDateTime("ended_at");
        list.add(new Match(row.getLong("id"), row.getLong("event_id"), row.getLong("other"),
            Arrays.asList(row.getArrayOfStrings("via")), row.getInteger("badge"), row.getString("nickname"),
            row.getBoolean("deleted"), ended == null ? null : ended.toInstant(), snapshot));
      }
      return list;
    });
  }

  public Future<List<Disclosure>> disclosuresOf(SqlClient client, long ownerId) {
    return client.preparedQuery(MY_DISCLOSURES).execute(Tuple.of(ownerId)).map(rows -> {
      List<Disclosure> list = new ArrayList<>();
      for (Row row : rows) {
        list.add(new Disclosure(row.getString("recipient_nickname"), row.getBoolean("deleted"), row.getLong("event_id"),
            row.getString("via"), Arrays.asList(row.getArrayOfStrings("fields")),
            row.getOffsetDateTime("disclosed_at").toInstant()));
      }
      return list;
    });
  }

  /** Leaving a mixer: my marks go, and I am no longer listed or matchable there. */
  public Future<Void> leave(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(LEAVE_LIKES).execute(Tuple.of(eventId, userId))
        .compose(done -> client.preparedQuery(LEAVE_MARKS_ON_ME).execute(Tuple.of(eventId, userId)))
        .compose(done -> client.preparedQuery(LEAVE_MARK).execute(Tuple.of(eventId, userId)))
        .mapEmpty();
  }

  /** A member's own single declaration, made on their phone at the door. */
  public Future<Void> declare(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(DECLARE).execute(Tuple.of(eventId, userId)).mapEmpty();
  }

  /**
   * The retention rule: for mixers whose matching window closed {@code retentionDays} ago, marks,
   * requests, rounds, declarations, the notifications about them, badges and the contact values
   * in disclosure snapshots are deleted and matches archived (gone from every view); the archived
   * matches and their follow-ups are deleted after {@link #FOLLOW_UP_DAYS} days or
   * {@code retentionDays}, whichever is longer; the disclosure log itself (who, when, which fields) and
   * the consent receipts go after {@code logDays}. Returns how many rows changed.
   */
  public Future<Integer> purgeExpired(SqlConnection conn, int matchingDays, int retentionDays, int maxMatchingDays,
      int logDays) {
    Tuple days = Tuple.of(matchingDays, retentionDays, maxMatchingDays);
    Tuple withLog = Tuple.of(logDays);
    Future<Integer> total = Future.succeededFuture(0);
    for (String purge : List.of(PURGE_LIKES, PURGE_REQUESTS, PURGE_NOTIFICATIONS, PURGE_FOLLOW_UP_NOTIFICATIONS,
        PURGE_SNAPSHOTS, PURGE_FOLLOW_UPS, PURGE_ROUNDS, ARCHIVE_MATCHES, PURGE_MATCHES, PURGE_DECLARATIONS, PURGE_BADGES)) {
      total = total.compose(n -> conn.preparedQuery(purge).execute(days).map(rows -> n + rows.rowCount()));
    }
    for (String purge : List.of(PURGE_LOG, PURGE_RECEIPTS)) {
      total = total.compose(n -> conn.preparedQuery(purge).execute(withLog).map(rows -> n + rows.rowCount()));
    }
    return total;
  }

  private static Optional<Attendee> firstAttendee(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(Attendee.from(it.next())) : Optional.empty();
  }

  private static Optional<MatchRow> firstMatchRow(RowSet<Row> rows) {
    var it = rows.iterator();
    if (!it.hasNext()) {
      return Optional.empty();
    }
    Row row = it.next();
    var ended = row.getOffsetDateTime("ended_at");
    return Optional.of(new MatchRow(row.getLong("id"), row.getLong("event_id"), row.getLong("user_a"),
        row.getLong("user_b"), Arrays.asList(row.getArrayOfStrings("via")), ended == null ? null : ended.toInstant()));
  }
}
