package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Offers and reconfirmation (contract §12). Every statement that moves a seat expects the caller to
 * hold the pool's row lock; each is conditional on the state it changes, so a second instance
 * running the same job, or a claim racing an expiry, finds nothing left to do.
 */
public final class OfferRepository {
  // Free seats (capacity less confirmed and already offered) go to the head of the pool's waitlist as
  // offers, only while the event is published and has not started; an offer never outlasts the start.
  private static final String OFFER = "WITH free AS (SELECT greatest(p.capacity - p.confirmed - p.offered, 0) AS n,"
      + "  e.offer_hours, e.starts_at FROM event_pools p"
      + "  JOIN events e ON e.id = p.event_id AND e.status = 'PUBLISHED' AND e.starts_at > now()"
      + "  WHERE p.event_id = $1 AND p.key = $2),"
      + " next AS (SELECT id FROM rsvps WHERE event_id = $1 AND pool_key = $2 AND status = 'WAITLISTED'"
      + "  ORDER BY waitlist_seq LIMIT coalesce((SELECT n FROM free), 0) FOR UPDATE)"
      + " UPDATE rsvps r SET status = 'OFFERED', waitlist_seq = NULL, waitlist_reason = NULL, updated_at = now(),"
      + "  offer_expires_at = (SELECT least(now() + make_interval(hours => f.offer_hours), f.starts_at) FROM free f)"
      + " FROM next WHERE r.id = next.id RETURNING r.user_id, r.offer_expires_at";

  // The deadline is checked here, not by the expiry job: an offer past its time cannot be claimed
  // even before the job has run. Claiming is a fresh yes, so it also counts as reconfirmed.
  private static final String CLAIM = "UPDATE rsvps r SET status = 'CONFIRMED', offer_expires_at = NULL,"
      + " confirmed_at = now(), reconfirmed_at = now(), updated_at = now()"
      + " FROM events e WHERE e.id = r.event_id AND e.status = 'PUBLISHED'"
      + " AND r.event_id = $1 AND r.user_id = $2 AND r.status = 'OFFERED' AND r.offer_expires_at > now()";

  private static final String DUE_OFFERS = "SELECT DISTINCT event_id, pool_key FROM rsvps"
      + " WHERE status = 'OFFERED' AND offer_expires_at <= now() LIMIT 500";
  private static final String EXPIRE = "UPDATE rsvps SET status = 'OFFER_EXPIRED', updated_at = now()"
      + " WHERE event_id = $1 AND pool_key = $2 AND status = 'OFFERED' AND offer_expires_at <= now()"
      + " RETURNING user_id";

  private static final String RECONFIRM = "UPDATE rsvps r SET reconfirmed_at = coalesce(r.reconfirmed_at, now()),"
      + " updated_at = now() FROM events e WHERE e.id = r.event_id AND e.reconfirm_hours IS NOT NULL"
      + " AND e.starts_at > now() AND r.event_id = $1 AND r.user_id = $2 AND r.status = 'CONFIRMED'";

  // Who is asked: confirmed before the window opened (a seat taken inside it is a fresh yes), not
  // yet asked or reconfirmed, not already at the door. The bounds on starts_at use the index.
  private static final String WINDOW = " e.status = 'PUBLISHED' AND e.reconfirm_hours IS NOT NULL"
      + " AND e.starts_at > now() AND e.starts_at <= now() + interval '720 hours'"
      + " AND r.status = 'CONFIRMED' AND r.reconfirmed_at IS NULL"
      + " AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.rsvp_id = r.id)";
  private static final String REQUEST = "UPDATE rsvps r SET reconfirm_requested_at = now(), updated_at = now()"
      + " FROM events e WHERE e.id = r.event_id AND" + WINDOW
      + " AND r.reconfirm_requested_at IS NULL"
      + " AND e.starts_at <= now() + make_interval(hours => e.reconfirm_hours)"
      + " AND e.starts_at > now() + make_interval(mins => e.reconfirm_hours * 30)"
      + " AND coalesce(r.confirmed_at, r.created_at) <= e.starts_at - make_interval(hours => e.reconfirm_hours)"
      + " RETURNING r.user_id, r.event_id";
  // Released: asked, and not reconfirmed by n/2 hours before the start.
  private static final String RELEASABLE = " AND r.reconfirm_requested_at IS NOT NULL"
      + " AND e.starts_at <= now() + make_interval(mins => e.reconfirm_hours * 30)";
  private static final String DUE_RELEASES = "SELECT DISTINCT r.event_id, r.pool_key FROM rsvps r"
      + " JOIN events e ON e.id = r.event_id WHERE" + WINDOW + RELEASABLE + " LIMIT 500";
  private static final String RELEASE = "UPDATE rsvps r SET status = 'RELEASED', updated_at = now()"
      + " FROM events e WHERE e.id = r.event_id AND r.event_id = $1 AND r.pool_key = $2 AND" + WINDOW + RELEASABLE
      + " RETURNING r.user_id";

  public record Offer(long userId, Instant expiresAt) {}

  public record PoolRef(long eventId, String poolKey) {}

  public record Asked(long userId, long eventId) {}

  /** Offers the pool's free seats to the head of its waitlist; the caller holds the pool lock. */
  public Future<List<Offer>> offer(SqlClient client, long eventId, String poolKey) {
    return client.preparedQuery(OFFER).execute(Tuple.of(eventId, poolKey)).map(rows -> {
      List<Offer> offers = new ArrayList<>();
      rows.forEach(row -> offers.add(new Offer(row.getLong("user_id"), row.getOffsetDateTime("offer_expires_at").toInstant())));
      return offers;
    });
  }

  /** True when the member's offer was open and is now their confirmed seat. */
  public Future<Boolean> claim(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(CLAIM).execute(Tuple.of(eventId, userId)).map(rows -> rows.rowCount() == 1);
  }

  public Future<List<PoolRef>> poolsWithExpiredOffers(SqlClient client) {
    return client.preparedQuery(DUE_OFFERS).execute().map(OfferRepository::pools);
  }

  /** Expires the pool's offers whose time is up; returns whose. The caller holds the pool lock. */
  public Future<List<Long>> expire(SqlClient client, PoolRef pool) {
    return client.preparedQuery(EXPIRE).execute(Tuple.of(pool.eventId(), pool.poolKey())).map(OfferRepository::users);
  }

  public Future<Boolean> reconfirm(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(RECONFIRM).execute(Tuple.of(eventId, userId)).map(rows -> rows.rowCount() == 1);
  }

  /** Marks the confirmed members now due to be asked; returns them. */
  public Future<List<Asked>> requestDue(SqlClient client) {
    return client.preparedQuery(REQUEST).execute().map(rows -> {
      List<Asked> asked = new ArrayList<>();
      rows.forEach(row -> asked.add(new Asked(row.getLong("user_id"), row.getLong("event_id"))));
      return asked;
    });
  }

  public Future<List<PoolRef>> poolsWithDueReleases(SqlClient client) {
    return client.preparedQuery(DUE_RELEASES).execute().map(OfferRepository::pools);
  }

  /** Releases the pool's seats not reconfirmed in time; returns whose. The caller holds the pool lock. */
  public Future<List<Long>> release(SqlClient client, PoolRef pool) {
    return client.preparedQuery(RELEASE).execute(Tuple.of(pool.eventId(), pool.poolKey())).map(OfferRepository::users);
  }

  private static List<PoolRef> pools(RowSet<Row> rows) {
    List<PoolRef> pools = new ArrayList<>();
    rows.forEach(row -> pools.add(new PoolRef(row.getLong("event_id"), row.getString("pool_key"))));
    return pools;
  }

  private static List<Long> users(RowSet<Row> rows) {
    List<Long> users = new ArrayList<>();
    rows.forEach(row -> users.add(row.getLong("user_id")));
    return users;
  }
}
