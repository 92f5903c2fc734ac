package org.queqiao.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class EventRepository {
  static final String COLUMNS = eventColumns("e");

  /**
   * The columns {@link Event#from} reads, for a query that names the events table {@code alias}.
   * The id and status are aliased so that a join with sign-ups (which have both) stays unambiguous.
   */
  public static String eventColumns(String alias) {
    String e = alias + ".";
    return e + "id AS event_row_id, " + e + "type, " + e + "title, " + e + "description, " + e + "venue, "
        + e + "starts_at, " + e + "ends_at, " + e + "time_zone, " + e + "registration_opens_at, "
        + e + "registration_closes_at, " + e + "audience_union_id, " + e + "min_age, " + e + "max_age, "
        + e + "status AS event_status, " + e + "cancel_reason, " + e + "organizer_id, " + e + "matching_closes_at, "
        + e + "questions, " + e + "approval, " + e + "series_id, " + e + "allocation, " + e + "offer_hours, "
        + e + "reconfirm_hours, " + e + "max_recent_no_shows, " + e + "verified_only,"
        + " (SELECT s.title FROM event_series s WHERE s.id = " + e + "series_id) AS series_title,"
        + " (SELECT json_agg(json_build_object('key', p.key, 'label', p.label, 'capacity', p.capacity,"
        + " 'confirmed', p.confirmed, 'offered', p.offered, 'waitlisted', p.waitlisted) ORDER BY p.position)"
        + " FROM event_pools p WHERE p.event_id = " + e + "id) AS pools, " + EventCover.column(alias);
  }

  private static final String FIND = "SELECT " + COLUMNS + " FROM events e WHERE e.id = $1";

  // The union shown as host on the share card and poster: the organiser's own union, else the
  // union the event is limited to (an organiser created by an admin may belong to none).
  private static final String HOST_UNION = "SELECT COALESCE("
      + " (SELECT n.name FROM users u JOIN unions n ON n.id = u.union_id WHERE u.id = e.organizer_id),"
      + " (SELECT n.name FROM unions n WHERE n.id = e.audience_union_id)) AS name FROM events e WHERE e.id = $1";

  // Whether union $2 is $1 or one of its ancestors: a walk up the tree from $1 (a few levels deep).
  private static final String WITHIN = "WITH RECURSIVE up AS (SELECT id, parent_id FROM unions WHERE id = $1"
      + " UNION SELECT u.id, u.parent_id FROM unions u JOIN up ON u.id = up.parent_id)"
      + " SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS yes";

  // The event as one signed-in person may act on it: their staff role, and, for an organiser limited
  // to union $3, whether the audience lies within that union's subtree.
  private static final String FIND_FOR_USER = "SELECT " + COLUMNS + ","
      + " (SELECT s.role FROM event_staff s WHERE s.event_id = e.id AND s.user_id = $2) AS staff_role,"
      + " CASE WHEN $3::bigint IS NULL OR e.audience_union_id IS NULL THEN false"
      + "  ELSE EXISTS (WITH RECURSIVE up AS (SELECT id, parent_id FROM unions WHERE id = e.audience_union_id"
      + "   UNION SELECT u.id, u.parent_id FROM unions u JOIN up ON u.id = up.parent_id)"
      + "   SELECT 1 FROM up WHERE up.id = $3) END AS within_union"
      + " FROM events e WHERE e.id = $1";

  /**
   * The list's statements for one combination of filters (docs/benchmarks.md, "Home page at a
   * million members"). Only the filters given are written ("$2 IS NULL OR …" made the generic plan
   * look dear), and the list reads the time, limit and offset through scalar subqueries, so that
   * PostgreSQL keeps one generic plan instead of planning anew on every call. Parameters: $1 the
   * time, one per filter given, then limit and offset (list) or the cap (countUpTo).
   * "Not ended" is two index ranges: started within the last day (events_published_by_start_idx),
   * and longer than a day, started up to 31 days ago (events_published_long_idx, V37); one range
   * from now - 31 days walked every past event of the month. Each range is ordered and limited on
   * its index, the two merged, and only then the page's rows read with their columns.
   */
  record ListSql(String list, String count, String countUpTo) {
    static ListSql of(boolean type, boolean from, boolean to, boolean query) {
      int n = 1;
      StringBuilder filters = new StringBuilder();
      if (type) {
        filters.append(" AND e.type = $").append(++n);
      }
      if (from) {
        filters.append(" AND e.starts_at >= $").append(++n);
      }
      if (to) {
        filters.append(" AND e.starts_at < $").append(++n);
      }
      if (query) {
        filters.append(" AND (e.title || ' ' || e.venue || ' ' || e.description) ILIKE $").append(++n);
      }
      String limit = "$" + (n + 1);
      String offset = "$" + (n + 2);
      // The list reads the time through subqueries (one plan, kept); the counts read it directly,
      // where the plan for the time at hand counts by index (a blind one might scan the table).
      String ordered = " ORDER BY e.starts_at, e.id LIMIT (SELECT " + limit + "::int + " + offset + "::int)";
      String list = "WITH listed AS ((SELECT e.id, e.starts_at" + recent("(SELECT $1::timestamptz", ")", filters)
          + ordered + ") UNION ALL (SELECT e.id, e.starts_at" + longer("(SELECT $1::timestamptz", ")", filters)
          + ordered + ") ORDER BY starts_at, id LIMIT (SELECT " + limit + "::int) OFFSET (SELECT " + offset + "::int))"
          + " SELECT " + COLUMNS + " FROM listed JOIN events e ON e.id = listed.id ORDER BY listed.starts_at, listed.id";
      String recent = recent("$1", "", filters);
      String longer = longer("$1", "", filters);
      String count = "SELECT (SELECT count(*)" + recent + ") + (SELECT count(*)" + longer + ") AS n";
      // Stops past the cap in each range: the sum is exact up to the cap, and above it whenever the
      // whole is. An exact count visits every upcoming event (thousands at a million members).
      String cap = "$" + (n + 1);
      String countUpTo = "SELECT (SELECT count(*) FROM (SELECT 1" + recent + " ORDER BY e.starts_at, e.id LIMIT " + cap
          + ") AS r) + (SELECT count(*) FROM (SELECT 1" + longer + " ORDER BY e.starts_at, e.id LIMIT " + cap + ") AS l) AS n";
      return new ListSql(list, count, countUpTo);
    }

    /** Not ended and started within the last day; the time written as {@code open + $1 … close}. */
    private static String recent(String open, String close, CharSequence filters) {
      return " FROM events e WHERE e.status = 'PUBLISHED' AND e.ends_at >= " + open + close + filters
          + " AND e.starts_at >= " + open + " - interval '1 day'" + close;
    }

    /** Not ended, longer than a day and started one to 31 days ago. */
    private static String longer(String open, String close, CharSequence filters) {
      return " FROM events e WHERE e.status = 'PUBLISHED' AND e.ends_at >= " + open + close + filters
          + " AND e.ends_at - e.starts_at > interval '1 day'"
          + " AND e.starts_at >= " + open + " - interval '31 days'" + close
          + " AND e.starts_at < " + open + " - interval '1 day'" + close;
    }
  }

  private static final java.util.Map<Integer, ListSql> LIST_SQL = new java.util.concurrent.ConcurrentHashMap<>();

  // The dates of a series, each with what the asker is to it (as FIND_FOR_USER), soonest first.
  private static final String SERIES_FOR_USER = "SELECT " + COLUMNS + ","
      + " (SELECT s.role FROM event_staff s WHERE s.event_id = e.id AND s.user_id = $2) AS staff_role,"
      + " CASE WHEN $3::bigint IS NULL OR e.audience_union_id IS NULL THEN false"
      + "  ELSE EXISTS (WITH RECURSIVE up AS (SELECT id, parent_id FROM unions WHERE id = e.audience_union_id"
      + "   UNION SELECT u.id, u.parent_id FROM unions u JOIN up ON u.id = up.parent_id)"
      + "   SELECT 1 FROM up WHERE up.id = $3) END AS within_union"
      + " FROM events e WHERE e.series_id = $1 ORDER BY e.starts_at, e.id";

  private static final String BY_ORGANIZER = "SELECT " + COLUMNS + " FROM events e"
      + " WHERE e.organizer_id = $1 OR EXISTS (SELECT 1 FROM event_staff s WHERE s.event_id = e.id"
      + "  AND s.user_id = $1 AND s.role = 'CO_ORGANIZER')"
      + " ORDER BY e.starts_at DESC, e.id DESC LIMIT 200";
  private static final String ALL_BY_START = "SELECT " + COLUMNS + " FROM events e"
      + " ORDER BY e.starts_at DESC, e.id DESC LIMIT 200";

  private static final String INSERT = "INSERT INTO events (type, title, description, venue, starts_at, ends_at,"
      + " time_zone, registration_opens_at, registration_closes_at, audience_union_id, min_age, max_age,"
      + " matching_closes_at, questions, approval, allocation, organizer_id, series_id)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id";
  private static final String UPDATE = "UPDATE events SET title = $2, description = $3, venue = $4, starts_at = $5,"
      + " ends_at = $6, time_zone = $7, registration_opens_at = $8, registration_closes_at = $9,"
      + " audience_union_id = $10, min_age = $11, max_age = $12, matching_closes_at = $13, questions = $14,"
      + " approval = $15, allocation = $16, updated_at = now()"
      + " WHERE id = $1";

  // Written beside the main columns, so the positional INSERT and UPDATE above stay as they are.
  private static final String SET_SEAT_RULES = "UPDATE events SET offer_hours = $2, reconfirm_hours = $3,"
      + " max_recent_no_shows = $4 WHERE id = $1";
  private static final String SET_VERIFIED_ONLY = "UPDATE events SET verified_only = $2 WHERE id = $1";

  private static final String LOCK_EVENT = "SELECT id FROM events WHERE id = $1 FOR UPDATE";
  private static final String LOCK_POOLS = "SELECT key FROM event_pools WHERE event_id = $1 ORDER BY key FOR UPDATE";
  private static final String UPSERT_POOL = "INSERT INTO event_pools (event_id, key, label, capacity, position)"
      + " VALUES ($1, $2, $3, $4, $5)"
      + " ON CONFLICT (event_id, key) DO UPDATE SET label = EXCLUDED.label, capacity = EXCLUDED.capacity,"
      + " position = EXCLUDED.position";
  private static final String DELETE_UNUSED_POOLS = "DELETE FROM event_pools p WHERE p.event_id = $1"
      + " AND NOT (p.key = ANY($2::text[]))"
      + " AND NOT EXISTS (SELECT 1 FROM rsvps r WHERE r.event_id = p.event_id AND r.pool_key = p.key)";
  private static final String COUNT_REMAINING_REMOVED = "SELECT count(*) AS n FROM event_pools"
      + " WHERE event_id = $1 AND NOT (key = ANY($2::text[]))";

  private static final String PUBLISH = "UPDATE events SET status = 'PUBLISHED', published_at = now(), updated_at = now()"
      + " WHERE id = $1 AND status = 'DRAFT'";
  private static final String CANCEL = "UPDATE events SET status = 'CANCELLED', cancel_reason = $2, cancelled_at = now(),"
      + " updated_at = now() WHERE id = $1 AND status <> 'CANCELLED'";

  /**
   * Every method runs on the client it is given: a transaction's connection, the pool, or the
   * pipelined read client ({@link org.queqiao.db.ReadClient}) for reads outside a transaction.
   */
  /** {@code total} is exact unless {@code totalCapped}: then there are more than that many. */
  public record Page(List<Event> items, long total, boolean totalCapped) {
    public Page(List<Event> items, long total) {
      this(items, total, false);
    }
  }

  public record Filter(Instant now, EventType type, Instant from, Instant to, String query, int limit, int offset) {}

  /** An event with what one person is to it: their staff role, and whether its audience is within their union. */
  public record ForUser(Event event, String staffRole, boolean audienceWithinUnion) {}

  public Future<Optional<Event>> find(SqlClient client, long id) {
    return client.preparedQuery(FIND).execute(Tuple.of(id)).map(EventRepository::first);
  }

  /** The host union's name for an event's share card and poster, if it has one. */
  public Future<Optional<String>> hostUnionName(SqlClient client, long id) {
    return client.preparedQuery(HOST_UNION).execute(Tuple.of(id)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.ofNullable(it.next().getString("name")) : Optional.<String>empty();
    });
  }

  /** {@code unionId}: the union that limits this person as an organiser, or null. */
  public Future<Optional<ForUser>> findForUser(SqlClient client, long id, long userId, Long unionId) {
    return client.preparedQuery(FIND_FOR_USER).execute(Tuple.of(id, userId, unionId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new ForUser(Event.from(row), row.getString("staff_role"), row.getBoolean("within_union")));
    });
  }

  /** The dates of series {@code seriesId} with what this person is to each ({@code userId} null: nobody signed in). */
  public Future<List<ForUser>> listSeriesForUser(SqlClient client, long seriesId, Long userId, Long unionId) {
    return client.preparedQuery(SERIES_FOR_USER).execute(Tuple.of(seriesId, userId, unionId)).map(rows -> {
      List<ForUser> dates = new ArrayList<>();
      rows.forEach(row -> dates.add(new ForUser(Event.from(row), row.getString("staff_role"),
          Boolean.TRUE.equals(row.getBoolean("within_union")))));
      return dates;
    });
  }

  /** Whether {@code unionId} is {@code ancestorId} or lies below it in the union tree. */
  public Future<Boolean> unionWithin(SqlClient client, long unionId, long ancestorId) {
    return client.preparedQuery(WITHIN).execute(Tuple.of(unionId, ancestorId))
        .map(rows -> rows.iterator().next().getBoolean("yes"));
  }

  public Future<Page> listPublished(SqlClient client, Filter filter) {
    return listPublished(client, filter, 0);
  }

  /**
   * As above, but counting at most {@code countCap} events past this page's offset (0: exactly):
   * enough to say "200+" and whether a next page exists, at a cost that does not grow with the union.
   */
  public Future<Page> listPublished(SqlClient client, Filter filter, int countCap) {
    String type = filter.type() == null ? null : filter.type().name();
    String query = filter.query() == null || filter.query().isBlank() ? null : "%" + escapeLike(filter.query().strip()) + "%";
    boolean[] given = {type != null, filter.from() != null, filter.to() != null, query != null};
    int key = (given[0] ? 1 : 0) | (given[1] ? 2 : 0) | (given[2] ? 4 : 0) | (given[3] ? 8 : 0);
    ListSql sql = LIST_SQL.computeIfAbsent(key, k -> ListSql.of(given[0], given[1], given[2], given[3]));
    List<Object> where = new ArrayList<>();
    where.add(utc(filter.now()));
    if (given[0]) {
      where.add(type);
    }
    if (given[1]) {
      where.add(utc(filter.from()));
    }
    if (given[2]) {
      where.add(utc(filter.to()));
    }
    if (given[3]) {
      where.add(query);
    }
    Tuple page = Tuple.from(where).addInteger(filter.limit()).addInteger(filter.offset());
    return client.preparedQuery(sql.list()).execute(page).map(EventRepository::all)
        .compose(items -> {
          if (countCap <= 0) {
            return client.preparedQuery(sql.count()).execute(Tuple.from(where))
                .map(rows -> new Page(items, rows.iterator().next().getLong("n")));
          }
          long upTo = (long) filter.offset() + countCap;
          return client.preparedQuery(sql.countUpTo()).execute(Tuple.from(where).addLong(upTo + 1))
              .map(rows -> rows.iterator().next().getLong("n"))
              .map(n -> n > upTo ? new Page(items, upTo, true) : new Page(items, n));
        });
  }

  /**
   * The events an organiser created or co-organises (all events for an admin, when organizerId is
   * null), newest first.
   */
  public Future<List<Event>> listManagedBy(SqlClient client, Long organizerId) {
    return (organizerId == null
        ? client.preparedQuery(ALL_BY_START).execute()
        : client.preparedQuery(BY_ORGANIZER).execute(Tuple.of(organizerId))).map(EventRepository::all);
  }

  /** Inserts the event and its pools within the caller's transaction. */
  public Future<Event> insert(SqlConnection conn, EventInput input, long organizerId) {
    return insert(conn, input, organizerId, null);
  }

  /** Inserts one date of series {@code seriesId} (or a lone event, when null) and its pools. */
  public Future<Event> insert(SqlConnection conn, EventInput input, long organizerId, Long seriesId) {
    return conn.preparedQuery(INSERT)
        .execute(fields(input).addLong(organizerId).addLong(seriesId))
        .map(rows -> rows.iterator().next().getLong("id"))
        .compose(id -> setSeatRules(conn, id, input).map(id))
        .compose(id -> upsertPools(conn, id, input.pools()).compose(done -> find(conn, id)))
        .map(Optional::orElseThrow);
  }

  /**
   * Writes the changed event and its pools; the caller holds the event's row lock. The pools are
   * locked first: they are what every sign-up locks, so no sign-up runs against half-changed rules.
   * False when a removed pool still holds sign-ups (it stays).
   */
  public Future<Boolean> update(SqlConnection conn, long id, EventInput input) {
    Tuple params = Tuple.tuple().addLong(id);
    Tuple fields = fields(input);
    for (int i = 1; i < 16; i++) {
      params.addValue(fields.getValue(i));
    }
    String[] keys = input.pools().stream().map(EventInput.PoolInput::key).toArray(String[]::new);
    return conn.preparedQuery(LOCK_POOLS).execute(Tuple.of(id))
        .compose(locked -> conn.preparedQuery(UPDATE).execute(params))
        .compose(updated -> setSeatRules(conn, id, input))
        .compose(updated -> upsertPools(conn, id, input.pools()))
        .compose(done -> conn.preparedQuery(DELETE_UNUSED_POOLS).execute(Tuple.tuple().addLong(id).addArrayOfString(keys)))
        .compose(deleted -> conn.preparedQuery(COUNT_REMAINING_REMOVED).execute(Tuple.tuple().addLong(id).addArrayOfString(keys)))
        .map(rows -> rows.iterator().next().getLong("n") == 0);
  }

  /** Locks the event row: taken before the pools by every change of an event's rules. */
  public Future<Void> lock(SqlConnection conn, long id) {
    return conn.preparedQuery(LOCK_EVENT).execute(Tuple.of(id)).mapEmpty();
  }

  public Future<Boolean> publish(SqlClient client, long id) {
    return client.preparedQuery(PUBLISH).execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
  }

  /** Cancels within the caller's transaction, taking the event lock and then the pool locks. */
  public Future<Boolean> cancel(SqlConnection conn, long id, String reason) {
    return lock(conn, id)
        .compose(locked -> conn.preparedQuery(LOCK_POOLS).execute(Tuple.of(id)))
        .compose(locked -> conn.preparedQuery(CANCEL).execute(Tuple.of(id, reason)))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Future<Void> setSeatRules(SqlConnection conn, long id, EventInput input) {
    SeatRules rules = input.seatRules();
    return conn.preparedQuery(SET_SEAT_RULES).execute(Tuple.of(id, shortOrNull(rules.offerHours()),
            shortOrNull(rules.reconfirmHours()), shortOrNull(rules.maxRecentNoShows())))
        .compose(set -> conn.preparedQuery(SET_VERIFIED_ONLY).execute(Tuple.of(id, input.verifiedOnly())))
        .mapEmpty();
  }

  private static Short shortOrNull(Integer value) {
    return value == null ? null : value.shortValue();
  }

  private static Future<Void> upsertPools(SqlConnection conn, long eventId, List<EventInput.PoolInput> pools) {
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < pools.size(); i++) {
      EventInput.PoolInput p = pools.get(i);
      batch.add(Tuple.of(eventId, p.key(), p.label(), p.capacity(), (short) i));
    }
    return conn.preparedQuery(UPSERT_POOL).executeBatch(batch).mapEmpty();
  }

  private static Tuple fields(EventInput input) {
    return Tuple.tuple()
        .addString(input.type().name())
        .addString(input.title())
        .addString(input.description())
        .addString(input.venue())
        .addOffsetDateTime(utc(input.startsAt()))
        .addOffsetDateTime(utc(input.endsAt()))
        .addString(input.zone().getId())
        .addOffsetDateTime(utc(input.registrationOpensAt()))
        .addOffsetDateTime(utc(input.registrationClosesAt()))
        .addLong(input.audienceUnionId())
        .addValue(input.minAge() == null ? null : input.minAge().shortValue())
        .addValue(input.maxAge() == null ? null : input.maxAge().shortValue())
        .addOffsetDateTime(utc(input.matchingClosesAt()))
        .addValue(Question.toJson(input.questions()))
        .addBoolean(input.approval())
        .addString(input.allocation());
  }

  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static Optional<Event> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(Event.from(it.next())) : Optional.empty();
  }

  private static List<Event> all(RowSet<Row> rows) {
    List<Event> events = new ArrayList<>();
    rows.forEach(row -> events.add(Event.from(row)));
    return events;
  }
}
