package org.queqiao.rsvp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;
import org.queqiao.events.EventType;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;

/**
 * Sign-up and cancellation: the rules that span events, their pools and sign-ups. Each runs in one
 * transaction that first locks the pool row; the event is read again after the lock, so a
 * cancellation or a rule change that locked the pool first is always seen.
 */
public final class RsvpService {
  private final Pool pool;
  private final SqlClient reads;
  private final EventRepository events;
  private final RsvpRepository rsvps;
  private final NotificationRepository notifications;
  private final Clock clock;
  private final SignUpRules rules;
  private final SeriesStreaks streaks = new SeriesStreaks();
  private final SeatFiller filler;
  private final NoShowRepository noShows = new NoShowRepository();
  /** Null when SIGNUP_BATCH_MS is 0: every sign-up is then its own transaction. */
  private final SignUpBatcher batcher;
  private final MeterRegistry meters;

  /** How sign-ups for one pool are batched (docs/benchmarks.md): the window, and the most per transaction. */
  public record Batching(Vertx vertx, int windowMs, int maxSize) {}

  /** {@code reads}: the pipelined client, for a member's own sign-up shown beside the event. */
  public RsvpService(Pool pool, SqlClient reads, EventRepository events, RsvpRepository rsvps,
      NotificationRepository notifications, Clock clock, VerifiedMembers verified, Batching batching,
      MeterRegistry meters) {
    this.pool = pool;
    this.rules = new SignUpRules(events, verified, clock);
    this.reads = reads;
    this.events = events;
    this.rsvps = rsvps;
    this.notifications = notifications;
    this.clock = clock;
    this.meters = meters;
    this.filler = new SeatFiller(rsvps, new OfferRepository(), notifications);
    this.batcher = batching.windowMs() == 0 ? null : new SignUpBatcher(batching.vertx(),
        new SignUpBatch(pool, events, rsvps, notifications,
            (event, user, inAudience, requested, single) -> rules.checkEligible(event, user, inAudience, requested, single, false)),
        request -> signUpAlone(request.user(), request.event(), request.requestedPool(), request.declaresSingle(),
            request.answers()),
        batching.windowMs(), batching.maxSize());
  }

  /** The sign-up as it now stands, and whether this request created it. */
  public record Outcome(Rsvp rsvp, boolean created) {}

  public record Cancelled(Rsvp rsvp, List<Long> promotedUserIds) {}

  /** {@code event} is the one this member may see (the route's access check). */
  public Future<Outcome> signUp(User user, Event event, String requestedPool, boolean declaresSingle) {
    return signUp(user, event, requestedPool, declaresSingle, null);
  }

  /** {@code answers}: the body's answers to the event's questions (a JSON object), or null. */
  public Future<Outcome> signUp(User user, Event event, String requestedPool, boolean declaresSingle, Object answers) {
    Future<Outcome> outcome;
    if (batcher == null || !SignUpBatch.batchable(event)) {
      outcome = signUpAlone(user, event, requestedPool, declaresSingle, answers);
    } else {
      outcome = rules.audienceAdmits(pool, event, user).compose(admitted -> {
        String poolKey;
        try {
          poolKey = rules.checkEligible(event, user, admitted, requestedPool, declaresSingle, false);
        } catch (RuntimeException refused) {
          // Alone, the answer is exactly the one-by-one answer (an existing sign-up is returned first).
          return signUpAlone(user, event, requestedPool, declaresSingle, answers);
        }
        return batcher.submit(event.id(), poolKey,
            new SignUpBatch.Request(user, event, requestedPool, declaresSingle, answers, admitted));
      });
    }
    return outcome.onSuccess(done -> {
      if (done.created()) {
        Counter.builder("queqiao.signups").description("Sign-ups created, by the status they got")
            .tag("status", done.rsvp().status()).register(meters).increment();
      }
    });
  }

  private Future<Outcome> signUpAlone(User user, Event event, String requestedPool, boolean declaresSingle,
      Object answers) {
    long eventId = event.id();
    return pool.withTransaction(conn -> rsvps.find(conn, eventId, user.id()).compose(existing -> {
      if (existing.isPresent() && existing.get().active()) {
        return Future.succeededFuture(new Outcome(existing.get(), false));
      }
      return rules.audienceAdmits(conn, event, user)
          .map(admitted -> rules.checkEligible(event, user, admitted, requestedPool, declaresSingle, false))
          .compose(poolKey -> seatUnderLock(conn, eventId, user, poolKey, requestedPool, declaresSingle, answers));
    }));
  }

  /** Locks the pool, reads the rules again (an edit that got there first counts), then writes the sign-up. */
  private Future<Outcome> seatUnderLock(SqlConnection conn, long eventId, User user, String poolKey,
      String requestedPool, boolean declaresSingle, Object answers) {
    return rsvps.lockPool(conn, eventId, poolKey).compose(seats -> events.find(conn, eventId).compose(fresh -> {
      Event current = fresh.orElseThrow(ApiError::notFound);
      return rules.audienceAdmits(conn, current, user).compose(admitted -> overNoShowLimit(conn, current, user).compose(heldBack -> {
        if (seats.isEmpty()
            || !poolKey.equals(rules.checkEligible(current, user, admitted, requestedPool, declaresSingle, false))) {
          return Future.failedFuture(RsvpErrors.registrationClosed());
        }
        JsonObject answered = Answers.validate(current.questions(), answers);
        // An event that needs approval seats nobody yet: the manager's approval does (see approve);
        // nor does a lottery: its draw does (lottery/LotteryService). A member over the event's
        // no-show limit may only join the waitlist (contract §12).
        String status = current.lottery() ? Rsvp.APPLIED : current.approval() ? Rsvp.PENDING_APPROVAL
            : seats.get().hasFreeSeat() && !heldBack ? Rsvp.CONFIRMED : Rsvp.WAITLISTED;
        return rsvps.upsert(conn, eventId, user.id(), poolKey, status, declaresSingle, answered)
            .recover(RsvpErrors::translate)
            .compose(written -> written && heldBack && !current.lottery()
                ? noShows.holdBack(conn, eventId, user.id()).map(written) : Future.succeededFuture(written))
            .compose(written -> rsvps.find(conn, eventId, user.id()).compose(now -> {
              Rsvp rsvp = now.orElseThrow();
              if (!written || Rsvp.PENDING_APPROVAL.equals(rsvp.status()) || Rsvp.APPLIED.equals(rsvp.status())) {
                return Future.succeededFuture(new Outcome(rsvp, written));
              }
              boolean confirmed = Rsvp.CONFIRMED.equals(rsvp.status());
              return notifications.notifyUser(conn, user.id(),
                      confirmed ? NotificationKind.RSVP_CONFIRMED : NotificationKind.RSVP_WAITLISTED, eventId,
                      current.notice().put("position", rsvp.waitlistPosition()))
                  .map(done -> new Outcome(rsvp, true));
            }));
      }));
    }));
  }

  /** Whether the event's {@code maxRecentNoShows} sends this member to the waitlist (contract §12). */
  private Future<Boolean> overNoShowLimit(SqlConnection conn, Event event, User user) {
    Integer limit = event.seatRules().maxRecentNoShows();
    return limit == null ? Future.succeededFuture(false)
        : noShows.record(conn, user.id()).map(record -> record.noShows() > limit);
  }

  /** The member's own attendance record of the last twelve months. */
  public Future<NoShowRepository.Record> record(User user) {
    return noShows.record(pool, user.id());
  }

  /**
   * A manager approves a pending sign-up (contract §11): under the same pool lock as a sign-up it
   * takes a free seat, else the end of the waitlist; the member is told in the same transaction.
   * Anything but a pending sign-up is refused (409), so a repeated approval changes nothing.
   */
  public Future<Rsvp> approve(Event event, long rsvpId) {
    long eventId = event.id();
    return pool.withTransaction(conn -> rsvps.findById(conn, eventId, rsvpId).compose(seen -> {
      Rsvp found = seen.orElseThrow(RsvpErrors::rsvpNotFound);
      return rsvps.lockPool(conn, eventId, found.poolKey())
          .compose(seats -> rsvps.lockRow(conn, rsvpId).compose(locked -> events.find(conn, eventId))
              .compose(fresh -> {
                Event current = fresh.orElseThrow(ApiError::notFound);
                if (Event.CANCELLED.equals(current.status())) {
                  return Future.failedFuture(RsvpErrors.registrationClosed());
                }
                boolean seat = seats.isPresent() && seats.get().hasFreeSeat();
                return rsvps.approve(conn, rsvpId, found.poolKey(), seat).compose(changed -> {
                  if (!changed) {
                    return Future.failedFuture(RsvpErrors.notPending());
                  }
                  return rsvps.findById(conn, eventId, rsvpId).compose(now -> {
                    Rsvp rsvp = now.orElseThrow();
                    return notifications.notifyUser(conn, rsvp.userId(), NotificationKind.RSVP_APPROVED, eventId,
                            current.notice().put("outcome", rsvp.status()).put("position", rsvp.waitlistPosition()))
                        .map(done -> rsvp);
                  });
                });
              }));
    }));
  }

  /** A manager declines a pending sign-up: it becomes DECLINED and the member is told; else 409. */
  public Future<Rsvp> decline(Event event, long rsvpId) {
    long eventId = event.id();
    return pool.withTransaction(conn -> rsvps.findById(conn, eventId, rsvpId).compose(seen -> {
      seen.orElseThrow(RsvpErrors::rsvpNotFound);
      return rsvps.decline(conn, rsvpId).compose(changed -> {
        if (!changed) {
          return Future.failedFuture(RsvpErrors.notPending());
        }
        return rsvps.findById(conn, eventId, rsvpId).compose(now -> {
          Rsvp rsvp = now.orElseThrow();
          return notifications.notifyUser(conn, rsvp.userId(), NotificationKind.RSVP_DECLINED, eventId, event.notice())
              .map(done -> rsvp);
        });
      });
    }));
  }

  public Future<Cancelled> cancel(User user, Event event) {
    long eventId = event.id();
    return pool.withTransaction(conn -> rsvps.find(conn, eventId, user.id()).compose(existing -> {
      Rsvp seen = existing.orElseThrow(RsvpErrors::rsvpNotFound);
      if (!seen.active()) {
        return Future.succeededFuture(new Cancelled(seen, List.of()));
      }
      // Read the sign-up again under the pool lock: a promotion may have changed it meanwhile.
      return rsvps.lockPool(conn, eventId, seen.poolKey())
          .compose(locked -> rsvps.lockRow(conn, seen.id()))
          .compose(locked -> rsvps.find(conn, eventId, user.id()))
          .compose(current -> rsvps.checkedIn(conn, seen.id()).compose(checkedIn -> {
            Rsvp rsvp = current.orElseThrow();
            if (!rsvp.active()) {
              return Future.succeededFuture(new Cancelled(rsvp, List.of()));
            }
            if (checkedIn) {
              return Future.failedFuture(RsvpErrors.cancelAfterCheckin());
            }
            return events.find(conn, eventId).compose(found -> {
              Event fresh = found.orElseThrow();
              if (!clock.instant().isBefore(fresh.startsAt())) {
                return Future.failedFuture(RsvpErrors.eventStarted());
              }
              return rsvps.cancel(conn, rsvp.id())
                  .compose(done -> filler.fill(conn, fresh, rsvp.poolKey()))
                  .compose(promoted -> rsvps.find(conn, eventId, user.id())
                      .map(now -> new Cancelled(now.orElseThrow(), promoted)));
            });
          }));
    }));
  }

  /**
   * A walk-in: signs the member up at the door within the caller's transaction, outside the
   * registration window but under the same capacity rules — a free place or a refusal, never the
   * waitlist. An existing confirmed sign-up is simply returned.
   */
  public Future<Rsvp> signUpAtDoor(SqlConnection conn, Event event, User member, String requestedPool,
      boolean declaresSingle) {
    if (event.type() == EventType.MIXER) {
      // Only the member declares themselves single, on their own phone; what the door says does not count.
      return rsvps.declaredSingle(conn, event.id(), member.id()).compose(declared -> declared
          ? seatAtDoor(conn, event, member, requestedPool, true)
          : Future.failedFuture(RsvpErrors.declarationRequired()));
    }
    return seatAtDoor(conn, event, member, requestedPool, declaresSingle);
  }

  private Future<Rsvp> seatAtDoor(SqlConnection conn, Event event, User member, String requestedPool,
      boolean declaresSingle) {
    return rsvps.find(conn, event.id(), member.id()).compose(existing -> {
      if (existing.isPresent() && Rsvp.CONFIRMED.equals(existing.get().status())) {
        return Future.succeededFuture(existing.get());
      }
      return rules.audienceAdmits(conn, event, member)
          .map(admitted -> rules.checkEligible(event, member, admitted, requestedPool, declaresSingle, true))
          .compose(poolKey -> rsvps.lockPool(conn, event.id(), poolKey).compose(seats -> {
            if (seats.isEmpty() || !seats.get().hasFreeSeat()) {
              return Future.failedFuture(RsvpErrors.noFreeSeat());
            }
            // A waitlisted member seated at the door keeps what they answered when signing up.
            JsonObject answers = existing.map(Rsvp::answers).orElseGet(JsonObject::new);
            // A declined sign-up is replaced too: seating someone at the door is the manager's own decision.
            Future<Boolean> written = existing.isPresent() && !Rsvp.CANCELLED.equals(existing.get().status())
                ? rsvps.cancel(conn, existing.get().id())
                    .compose(v -> rsvps.upsert(conn, event.id(), member.id(), poolKey, true, declaresSingle, answers))
                : rsvps.upsert(conn, event.id(), member.id(), poolKey, true, declaresSingle, answers);
            return written
                .compose(done -> notifications.notifyUser(conn, member.id(), NotificationKind.RSVP_CONFIRMED,
                    event.id(), event.notice()))
                .compose(done -> rsvps.find(conn, event.id(), member.id()))
                .map(now -> now.orElseThrow());
          }));
    });
  }

  /**
   * A member leaves for good (their account is deleted): every seat they hold or wait for at an
   * event that has not ended is released, in the caller's transaction, and the waitlist moves up.
   */
  public Future<Void> releaseSeatsOf(SqlConnection conn, long userId) {
    return rsvps.activeUpcoming(conn, userId).compose(seats -> {
      Future<Void> all = Future.succeededFuture();
      for (RsvpRepository.Seat seat : seats) {
        all = all.compose(v -> rsvps.lockPool(conn, seat.eventId(), seat.poolKey())
            .compose(locked -> rsvps.lockRow(conn, seat.rsvpId()))
            .compose(locked -> rsvps.cancel(conn, seat.rsvpId()))
            .compose(done -> events.find(conn, seat.eventId()))
            .compose(event -> filler.fill(conn, event.orElseThrow(), seat.poolKey()))
            .<Void>mapEmpty());
      }
      return all;
    });
  }

  /** The member's sign-up for this event, if any (the pipelined client: it is shown beside the event). */
  public Future<Optional<Rsvp>> mine(User user, Event event) {
    return rsvps.find(reads, event.id(), user.id());
  }

  /** The member's sign-up read from the primary pool, for a decision that follows (a ticket). */
  public Future<Optional<Rsvp>> current(User user, Event event) {
    return rsvps.find(pool, event.id(), user.id());
  }

  public Future<List<RsvpRepository.MyRsvp>> listMine(User user) {
    return rsvps.listForUser(pool, user.id());
  }

  /** My record in each series I follow or signed up to a date of (attended dates, streak). */
  Future<List<SeriesStreaks.SeriesRecord>> mySeries(User user) {
    return streaks.forUser(pool, user.id(), clock.instant());
  }

  /** Every sign-up of the event, for its managers. */
  public Future<List<RsvpRepository.Attendee>> listForEvent(Event event) {
    return rsvps.listForEvent(pool, event.id());
  }

  /**
   * Seats freed by a larger capacity go to the waitlist, in order (as offers when the event makes
   * them), and the members are told; the caller holds the pool locks.
   */
  public Future<List<Long>> fillFreeSeats(SqlConnection conn, Event event) {
    Future<List<Long>> all = Future.succeededFuture(List.of());
    for (var p : event.pools()) {
      all = all.compose(sofar -> filler.fill(conn, event, p.key()).map(more -> {
        List<Long> joined = new java.util.ArrayList<>(sofar);
        joined.addAll(more);
        return joined;
      }));
    }
    return all;
  }
}
