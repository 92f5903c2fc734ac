package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.queqiao.events.Event;
import org.queqiao.users.User;

/** No-show records (contract §12): the job that records them, a member's own record, a manager's waiver. */
public final class NoShowService {
  private final Pool pool;
  private final RsvpRepository rsvps;
  private final NoShowRepository noShows;

  public NoShowService(Pool pool, RsvpRepository rsvps, NoShowRepository noShows) {
    this.pool = pool;
    this.rsvps = rsvps;
    this.noShows = noShows;
  }

  /** The job: records the no-shows of events that have ended; returns how many. */
  public Future<Integer> markDue() {
    return noShows.markDue(pool);
  }

  /** The member's own last twelve months; nobody else's record is ever shown to them. */
  public Future<NoShowRepository.Record> record(User user) {
    return noShows.record(pool, user.id());
  }

  /** A manager forgives the no-show of one sign-up at their event: 200 with the sign-up, 409 if it has none. */
  public Future<Rsvp> waive(Event event, long rsvpId) {
    return pool.withTransaction(conn -> noShows.waive(conn, event.id(), rsvpId).compose(done -> done
        ? rsvps.findById(conn, event.id(), rsvpId).map(found -> found.orElseThrow())
        : rsvps.findById(conn, event.id(), rsvpId).compose(found -> Future.failedFuture(found.isEmpty()
            ? RsvpErrors.rsvpNotFound() : SeatErrors.notANoShow()))));
  }
}
