package org.queqiao.rosters;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The roster tables: imports and their refusals, the union's roster rows, disputes; and who they verify. */
public final class RosterRepository {
  /** The channel on which import progress goes to every instance's streams (db/EventChannels). */
  public static final String CHANNEL = "queqiao_roster_imports";

  private static final String ANCESTORS = "WITH RECURSIVE up AS (SELECT id, parent_id FROM unions WHERE id = $2"
      + " UNION ALL SELECT p.id, p.parent_id FROM unions p JOIN up ON p.id = up.parent_id)";
  private static final String ORGANISES = ANCESTORS + " SELECT EXISTS (SELECT 1 FROM unions WHERE id = $2) AS found,"
      + " EXISTS (SELECT 1 FROM up WHERE id = $1) AS within";
  private static final String SUBTREE = "WITH RECURSIVE below AS (SELECT id, name FROM unions WHERE id = $1"
      + " UNION ALL SELECT c.id, c.name FROM unions c JOIN below b ON c.parent_id = b.id) SELECT id, btrim(name) AS name FROM below";

  private static final String INSERT_IMPORT = "INSERT INTO roster_imports (union_id, uploaded_by, file_name, file, status,"
      + " mapping) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
  private static final String FIND_IMPORT = "SELECT " + RosterImport.COLUMNS + " FROM roster_imports i WHERE i.id = $1";
  private static final String RECENT_IMPORTS = "SELECT " + RosterImport.COLUMNS + " FROM roster_imports i"
      + " WHERE i.union_id = $1 AND i.status <> 'PREVIEW' ORDER BY i.id DESC LIMIT 10";
  private static final String FILE = "SELECT file FROM roster_imports WHERE id = $1";
  private static final String START = "UPDATE roster_imports SET mapping = $2, status = 'RUNNING'"
      + " WHERE id = $1 AND status = 'PREVIEW'";

  // One runner per import across instances: the oldest waiting import of a union whose earlier
  // imports are all finished (a union's rosters are read in the order they came), not held by a
  // runner that still beats. SKIP LOCKED lets two instances claiming at once take different rows.
  private static final String CLAIM = "UPDATE roster_imports SET claim = $1, heartbeat_at = now(), rows = 0, done = 0,"
      + " accepted = 0, refused = 0 WHERE id = (SELECT i.id FROM roster_imports i WHERE i.status = 'RUNNING'"
      + " AND (i.claim IS NULL OR i.heartbeat_at < now() - make_interval(secs => $2))"
      + " AND NOT EXISTS (SELECT 1 FROM roster_imports o WHERE o.union_id = i.union_id AND o.status = 'RUNNING'"
      + "   AND o.id < i.id)"
      + " ORDER BY i.id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, union_id, mapping, file";
  private static final String CLEAR_REFUSALS = "DELETE FROM roster_refusals WHERE import_id = $1";
  private static final String SET_ROWS = "UPDATE roster_imports SET rows = $3, heartbeat_at = now()"
      + " WHERE id = $1 AND claim = $2 AND status = 'RUNNING' RETURNING rows, done, accepted, refused";
  // First in each batch's transaction: it locks the import row and proves the claim still holds.
  private static final String PROGRESS = "UPDATE roster_imports SET done = done + $3, accepted = accepted + $4,"
      + " refused = refused + $5, heartbeat_at = now() WHERE id = $1 AND claim = $2 AND status = 'RUNNING'"
      + " RETURNING rows, done, accepted, refused";
  // A row that reads the same as stored is not written at all, so importing the same file again
  // changes nothing; a row seen again after being dropped is on the roster again.
  private static final String UPSERT_ENTRIES = "INSERT INTO roster_entries (roster_union_id, entry_key, union_id, name,"
      + " mobile, member_no) SELECT $1, t.k, t.u, t.n, t.m, t.no"
      + " FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[]) AS t(k, u, n, m, no)"
      + " ON CONFLICT (roster_union_id, entry_key) DO UPDATE SET union_id = EXCLUDED.union_id, name = EXCLUDED.name,"
      + " mobile = EXCLUDED.mobile, member_no = EXCLUDED.member_no, removed_at = NULL, updated_at = now()"
      + " WHERE (roster_entries.union_id, roster_entries.name, roster_entries.mobile, roster_entries.member_no,"
      + " roster_entries.removed_at) IS DISTINCT FROM (EXCLUDED.union_id, EXCLUDED.name, EXCLUDED.mobile,"
      + " EXCLUDED.member_no, NULL::timestamptz)";
  private static final String INSERT_REFUSALS = "INSERT INTO roster_refusals (import_id, row_number, reason, name, mobile,"
      + " member_no, union_name) SELECT $1, t.r, t.why, t.n, t.m, t.no, t.un"
      + " FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(r, why, n, m, no, un)"
      + " ON CONFLICT DO NOTHING";
  private static final String FINISH = "UPDATE roster_imports SET status = 'DONE', file = NULL, claim = NULL,"
      + " finished_at = now() WHERE id = $1 AND claim = $2 AND status = 'RUNNING' RETURNING rows, done, accepted, refused";
  // Everyone of this union's roster whom the finished import did not list (a hash anti-join).
  private static final String DROP_MISSING = "WITH seen AS (SELECT unnest($2::text[]) AS k)"
      + " UPDATE roster_entries e SET removed_at = now(), updated_at = now()"
      + " WHERE e.roster_union_id = $1 AND e.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM seen WHERE seen.k = e.entry_key)";
  private static final String SET_DROPPED = "UPDATE roster_imports SET dropped = $2 WHERE id = $1";
  private static final String FAIL = "UPDATE roster_imports SET status = 'FAILED', file = NULL, claim = NULL, error = $3,"
      + " finished_at = now() WHERE id = $1 AND claim = $2 AND status = 'RUNNING' RETURNING rows, done, accepted, refused";
  private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', $1)";
  private static final String REFUSALS = "SELECT row_number, reason, name, mobile, member_no, union_name"
      + " FROM roster_refusals WHERE import_id = $1 ORDER BY row_number";

  // A member's matches: their mobile login, or their member number with the name on their profile;
  // rows still on a roster, and not disputed by them.
  private static final String MATCHES = "SELECT r.id, r.union_id, r.roster_union_id, r.name, r.mobile, r.member_no,"
      + " EXISTS (SELECT 1 FROM roster_disputes d WHERE d.user_id = u.id AND d.entry_id = r.id) AS disputed"
      + " FROM users u JOIN roster_entries r ON r.removed_at IS NULL AND (r.mobile = u.login"
      + "   OR (r.member_no = u.member_no AND r.name = btrim(u.display_name)))"
      + " WHERE u.id = $1 AND u.deleted_at IS NULL";
  private static final String MY_ROWS = "SELECT m.*, (SELECT n.name FROM unions n WHERE n.id = m.union_id) AS union_name"
      + " FROM (" + MATCHES + ") m ORDER BY m.id";
  private static final String VERIFIED = "SELECT DISTINCT m.union_id AS id, n.name FROM (" + MATCHES + ") m"
      + " JOIN unions n ON n.id = m.union_id WHERE NOT m.disputed ORDER BY m.union_id";
  private static final String VERIFIED_WITHIN = "WITH RECURSIVE mine AS (SELECT m.union_id FROM (" + MATCHES + ") m"
      + "   WHERE NOT m.disputed),"
      + " up AS (SELECT id, parent_id FROM unions WHERE id IN (SELECT union_id FROM mine)"
      + "   UNION SELECT p.id, p.parent_id FROM unions p JOIN up ON p.id = up.parent_id)"
      + " SELECT EXISTS (SELECT 1 FROM mine) AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM up WHERE id = $2)) AS ok";
  private static final String DISPUTE = "INSERT INTO roster_disputes (user_id, entry_id, reason)"
      + " SELECT $1, m.id, $3 FROM (" + MATCHES + ") m WHERE m.id = $2 ON CONFLICT DO NOTHING RETURNING entry_id";
  private static final String IS_MATCH = "SELECT 1 FROM (" + MATCHES + ") m WHERE m.id = $2";
  private static final String DISPUTES = "WITH RECURSIVE below AS (SELECT id FROM unions WHERE id = $1"
      + " UNION ALL SELECT c.id FROM unions c JOIN below b ON c.parent_id = b.id)"
      + " SELECT r.id AS entry_id, r.name, r.member_no, r.mobile, n.name AS union_name, u.display_name, d.reason,"
      + " d.created_at FROM roster_disputes d JOIN roster_entries r ON r.id = d.entry_id"
      + " JOIN users u ON u.id = d.user_id JOIN unions n ON n.id = r.union_id"
      + " WHERE r.roster_union_id IN (SELECT id FROM below) ORDER BY d.created_at DESC LIMIT 200";
  private static final String ENTRIES = "SELECT r.id, r.name, r.mobile, r.member_no, n.name AS union_name, r.removed_at"
      + " FROM roster_entries r JOIN unions n ON n.id = r.union_id WHERE r.roster_union_id = $1"
      + " AND ($2::text IS NULL OR r.name = $2 OR r.mobile = $2 OR r.member_no = $2)"
      + " ORDER BY r.removed_at NULLS FIRST, r.id LIMIT $3";
  private static final String COUNTS = "SELECT count(*) FILTER (WHERE removed_at IS NULL) AS current,"
      + " count(*) FILTER (WHERE removed_at IS NOT NULL) AS removed FROM roster_entries WHERE roster_union_id = $1";
  private static final String PURGE_ENTRIES = "DELETE FROM roster_entries WHERE removed_at < now() - make_interval(days => $1)";
  private static final String PURGE_REFUSALS = "DELETE FROM roster_refusals f USING roster_imports i"
      + " WHERE i.id = f.import_id AND i.finished_at < now() - make_interval(days => $1)";
  private static final String PURGE_PREVIEWS = "DELETE FROM roster_imports WHERE status = 'PREVIEW'"
      + " AND created_at < now() - interval '1 day'";

  public record Claimed(long id, long unionId, ColumnMapping mapping, byte[] file) {}

  public record Progress(int rows, int done, int accepted, int refused) {
    static Progress from(Row row) {
      return new Progress(row.getInteger("rows"), row.getInteger("done"), row.getInteger("accepted"),
          row.getInteger("refused"));
    }
  }

  /** A roster row as a member sees their own, or an organiser sees the union's. */
  public record EntryView(long id, long unionId, String unionName, String name, String mobile, String memberNo,
      boolean disputed) {}

  public record VerifiedUnion(long id, String name) {}

  public record Dispute(long entryId, String name, String memberNo, String mobile, String unionName, String memberName,
      String reason, String at) {}

  public record Listed(long id, String name, String mobile, String memberNo, String unionName, boolean removed) {}

  /** Whether {@code targetUnionId} exists, and whether it is {@code ownUnionId} or below it. */
  public record Organises(boolean found, boolean within) {}

  public Future<Organises> organises(SqlClient client, Long ownUnionId, long targetUnionId) {
    return client.preparedQuery(ORGANISES).execute(Tuple.of(ownUnionId, targetUnionId)).map(rows -> {
      Row row = rows.iterator().next();
      return new Organises(row.getBoolean("found"), row.getBoolean("within"));
    });
  }

  public Future<Map<String, Long>> subtreeByName(SqlClient client, long unionId) {
    return client.preparedQuery(SUBTREE).execute(Tuple.of(unionId)).map(rows -> {
      Map<String, Long> byName = new HashMap<>();
      rows.forEach(row -> byName.put(row.getString("name"), row.getLong("id")));
      return byName;
    });
  }

  public Future<Long> insertImport(SqlClient client, long unionId, long userId, String fileName, byte[] file,
      String status, ColumnMapping mapping) {
    return client.preparedQuery(INSERT_IMPORT).execute(Tuple.of(unionId, userId, fileName, Buffer.buffer(file), status,
        mapping == null ? null : mapping.toJson())).map(rows -> rows.iterator().next().getLong("id"));
  }

  public Future<Optional<RosterImport>> findImport(SqlClient client, long id) {
    return client.preparedQuery(FIND_IMPORT).execute(Tuple.of(id)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(RosterImport.from(it.next())) : Optional.empty();
    });
  }

  public Future<List<RosterImport>> recentImports(SqlClient client, long unionId) {
    return client.preparedQuery(RECENT_IMPORTS).execute(Tuple.of(unionId)).map(rows -> {
      List<RosterImport> found = new ArrayList<>();
      rows.forEach(row -> found.add(RosterImport.from(row)));
      return found;
    });
  }

  public Future<Optional<byte[]>> file(SqlClient client, long id) {
    return client.preparedQuery(FILE).execute(Tuple.of(id)).map(rows -> {
      var it = rows.iterator();
      Buffer file = it.hasNext() ? it.next().getBuffer("file") : null;
      return Optional.ofNullable(file).map(Buffer::getBytes);
    });
  }

  public Future<Boolean> start(SqlClient client, long id, ColumnMapping mapping) {
    return client.preparedQuery(START).execute(Tuple.of(id, mapping.toJson())).map(rows -> rows.rowCount() == 1);
  }

  public Future<Optional<Claimed>> claim(SqlConnection conn, UUID claim, int staleSeconds) {
    return conn.preparedQuery(CLAIM).execute(Tuple.of(claim, staleSeconds)).compose(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Future.succeededFuture(Optional.empty());
      }
      Row row = it.next();
      Object mapping = row.getValue("mapping");
      Claimed claimed = new Claimed(row.getLong("id"), row.getLong("union_id"),
          mapping instanceof JsonObject json ? ColumnMapping.fromJson(json) : null,
          row.getBuffer("file") == null ? new byte[0] : row.getBuffer("file").getBytes());
      return conn.preparedQuery(CLEAR_REFUSALS).execute(Tuple.of(claimed.id())).map(Optional.of(claimed));
    });
  }

  public Future<Optional<Progress>> setRows(SqlClient client, long id, UUID claim, int rows) {
    return client.preparedQuery(SET_ROWS).execute(Tuple.of(id, claim, rows)).map(RosterRepository::progress);
  }

  public Future<Optional<Progress>> progress(SqlConnection conn, long id, UUID claim, int done, int accepted, int refused) {
    return conn.preparedQuery(PROGRESS).execute(Tuple.of(id, claim, done, accepted, refused))
        .map(RosterRepository::progress);
  }

  public Future<Void> upsertEntries(SqlConnection conn, long rosterUnionId, List<RosterRows.Entry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = entries.size();
    String[] keys = new String[n];
    Long[] unions = new Long[n];
    String[] names = new String[n];
    String[] mobiles = new String[n];
    String[] numbers = new String[n];
    for (int i = 0; i < n; i++) {
      RosterRows.Entry e = entries.get(i);
      keys[i] = e.key();
      unions[i] = e.unionId();
      names[i] = e.name();
      mobiles[i] = e.mobile();
      numbers[i] = e.memberNo();
    }
    return conn.preparedQuery(UPSERT_ENTRIES).execute(Tuple.tuple().addLong(rosterUnionId).addArrayOfString(keys)
        .addArrayOfLong(unions).addArrayOfString(names).addArrayOfString(mobiles).addArrayOfString(numbers)).mapEmpty();
  }

  public Future<Void> insertRefusals(SqlConnection conn, long importId, List<RosterRows.Refusal> refusals) {
    if (refusals.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = refusals.size();
    Integer[] rowNumbers = new Integer[n];
    String[] reasons = new String[n];
    String[] names = new String[n];
    String[] mobiles = new String[n];
    String[] numbers = new String[n];
    String[] unions = new String[n];
    for (int i = 0; i < n; i++) {
      RosterRows.Refusal r = refusals.get(i);
      rowNumbers[i] = r.rowNumber();
      reasons[i] = r.reason();
      names[i] = r.name();
      mobiles[i] = r.mobile();
      numbers[i] = r.memberNo();
      unions[i] = r.unionName();
    }
    return conn.preparedQuery(INSERT_REFUSALS).execute(Tuple.tuple().addLong(importId).addArrayOfInteger(rowNumbers)
        .addArrayOfString(reasons).addArrayOfString(names).addArrayOfString(mobiles).addArrayOfString(numbers)
        .addArrayOfString(unions)).mapEmpty();
  }

  public Future<Optional<Progress>> finish(SqlConnection conn, long id, UUID claim) {
    return conn.preparedQuery(FINISH).execute(Tuple.of(id, claim)).map(RosterRepository::progress);
  }

  /** Marks everyone of the roster not in {@code keys} as no longer on it; how many that was. */
  public Future<Integer> dropMissing(SqlConnection conn, long importId, long rosterUnionId, List<String> keys) {
    return conn.preparedQuery(DROP_MISSING).execute(Tuple.tuple().addLong(rosterUnionId)
            .addArrayOfString(keys.toArray(String[]::new)))
        .compose(rows -> conn.preparedQuery(SET_DROPPED).execute(Tuple.of(importId, rows.rowCount()))
            .map(rows.rowCount()));
  }

  public Future<Optional<Progress>> fail(SqlClient client, long id, UUID claim, String error) {
    return client.preparedQuery(FAIL).execute(Tuple.of(id, claim, error)).map(RosterRepository::progress);
  }

  /** Delivered to every instance's streams when (and only if) the caller's transaction commits. */
  public Future<Void> notify(SqlClient client, JsonObject progress) {
    // EventChannels addresses a notification by its "eventId": here, the import's id.
    return client.preparedQuery(NOTIFY).execute(Tuple.of(progress.copy().put("eventId", progress.getLong("importId"))
        .encode())).mapEmpty();
  }

  public Future<List<RosterRows.Refusal>> refusals(SqlClient client, long importId) {
    return client.preparedQuery(REFUSALS).execute(Tuple.of(importId)).map(rows -> {
      List<RosterRows.Refusal> found = new ArrayList<>();
      rows.forEach(row -> found.add(new RosterRows.Refusal(row.getInteger("row_number"), row.getString("reason"),
          row.getString("name"), row.getString("mobile"), row.getString("member_no"), row.getString("union_name"))));
      return found;
    });
  }

  public Future<List<EntryView>> myRows(SqlClient client, long userId) {
    return client.preparedQuery(MY_ROWS).execute(Tuple.of(userId)).map(rows -> {
      List<EntryView> found = new ArrayList<>();
      rows.forEach(row -> found.add(new EntryView(row.getLong("id"), row.getLong("union_id"), row.getString("union_name"),
          row.getString("name"), row.getString("mobile"), row.getString("member_no"), row.getBoolean("disputed"))));
      return found;
    });
  }

  public Future<List<VerifiedUnion>> verifiedUnions(SqlClient client, long userId) {
    return client.preparedQuery(VERIFIED).execute(Tuple.of(userId)).map(rows -> {
      List<VerifiedUnion> found = new ArrayList<>();
      rows.forEach(row -> found.add(new VerifiedUnion(row.getLong("id"), row.getString("name"))));
      return found;
    });
  }

  /** Verified in {@code unionId} or a union below it; in any union when it is null. */
  public Future<Boolean> verifiedWithin(SqlClient client, long userId, Long unionId) {
    return client.preparedQuery(VERIFIED_WITHIN).execute(Tuple.of(userId, unionId))
        .map(rows -> rows.iterator().next().getBoolean("ok"));
  }

  /** Empty when the row is not one of the member's matches; else whether this dispute is new. */
  public Future<Optional<Boolean>> dispute(SqlClient client, long userId, long entryId, String reason) {
    return client.preparedQuery(DISPUTE).execute(Tuple.of(userId, entryId, reason)).compose(rows -> rows.rowCount() == 1
        ? Future.succeededFuture(Optional.of(true))
        : client.preparedQuery(IS_MATCH).execute(Tuple.of(userId, entryId))
            .map(found -> found.rowCount() == 1 ? Optional.of(false) : Optional.<Boolean>empty()));
  }

  public Future<List<Dispute>> disputes(SqlClient client, long unionId) {
    return client.preparedQuery(DISPUTES).execute(Tuple.of(unionId)).map(rows -> {
      List<Dispute> found = new ArrayList<>();
      rows.forEach(row -> found.add(new Dispute(row.getLong("entry_id"), row.getString("name"), row.getString("member_no"),
          row.getString("mobile"), row.getString("union_name"), row.getString("display_name"), row.getString("reason"),
          row.getOffsetDateTime("created_at").toString())));
      return found;
    });
  }

  public Future<List<Listed>> entries(SqlClient client, long rosterUnionId, String query, int limit) {
    return client.preparedQuery(ENTRIES).execute(Tuple.of(rosterUnionId, query, limit)).map(rows -> {
      List<Listed> found = new ArrayList<>();
      rows.forEach(row -> found.add(new Listed(row.getLong("id"), row.getString("name"), row.getString("mobile"),
          row.getString("member_no"), row.getString("union_name"), row.getValue("removed_at") != null)));
      return found;
    });
  }

  public record Counts(long current, long removed) {}

  public Future<Counts> counts(SqlClient client, long rosterUnionId) {
    return client.preparedQuery(COUNTS).execute(Tuple.of(rosterUnionId)).map(rows -> {
      Row row = rows.iterator().next();
      return new Counts(row.getLong("current"), row.getLong("removed"));
    });
  }

  public Future<Void> purge(SqlClient client, int days) {
    return client.preparedQuery(PURGE_ENTRIES).execute(Tuple.of(days))
        .compose(v -> client.preparedQuery(PURGE_REFUSALS).execute(Tuple.of(days)))
        .compose(v -> client.preparedQuery(PURGE_PREVIEWS).execute())
        .mapEmpty();
  }

  private static Optional<Progress> progress(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(Progress.from(it.next())) : Optional.empty();
  }
}
