package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventType;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Numbers;
import org.queqiao.web.Times;

/**
 * Rounds at a speed-dating style mixer (optional: a mixer has rounds once its host starts one).
 * The host starts each round; the checked-in attendees are seated by {@link RoundPairing} (women's
 * pool on one side, the other pool on the other), each phone learns its table, and every screen
 * counts down to the end time stored here. Marks stay as private as ever: a round only seats.
 */
public final class RoundService {
  public static final int DEFAULT_MINUTES = 7;
  private static final String LEFT_POOL = "FEMALE";

  private final Pool pool;
  private final RoundRepository rounds;
  private final MixerService mixer;

  public RoundService(Pool pool, RoundRepository rounds, MixerService mixer) {
    this.pool = pool;
    this.rounds = rounds;
    this.mixer = mixer;
  }

  /** Starts the next round (ending the current one): seats everyone present; returns the host's view. */
  public Future<JsonObject> startNext(User host, Event event, Object minutesValue) {
    if (event.type() != EventType.MIXER) {
      return Future.failedFuture(ApiError.notFound());
    }
    Optional<Long> minutes = minutesValue == null || (minutesValue instanceof String s && s.isBlank())
        ? Optional.of((long) DEFAULT_MINUTES) : Numbers.whole(minutesValue, 1, 60);
    if (minutes.isEmpty()) {
      return Future.failedFuture(ApiError.validation(Map.of("minutes", "field.rounds.minutes")));
    }
    long eventId = event.id();
    return pool.withTransaction(conn -> rounds.lock(conn, eventId)
        .compose(locked -> rounds.lastRound(conn, eventId))
        .compose(last -> rounds.endRound(conn, eventId, last)
            .compose(ended -> Future.all(rounds.present(conn, eventId), rounds.forbidden(conn, eventId),
                rounds.rests(conn, eventId)))
            .compose(all -> {
              Map<String, List<Long>> byPool = all.resultAt(0);
              List<Long> left = byPool.getOrDefault(LEFT_POOL, List.of());
              List<Long> right = new ArrayList<>();
              byPool.forEach((key, ids) -> {
                if (!LEFT_POOL.equals(key)) {
                  right.addAll(ids);
                }
              });
              RoundPairing.Seating seating = RoundPairing.seat(left, right, all.resultAt(1), all.resultAt(2));
              return rounds.insertRound(conn, eventId, last + 1, minutes.get().intValue(), seating);
            }))
        .compose(done -> rounds.current(conn, eventId, host.id())))
        .map(round -> hostView(round, event));
  }

  /** The host's screen: the round, its clock, and how many tables and resters — never who. */
  public Future<JsonObject> hostView(Event event, User host) {
    return rounds.current(pool, event.id(), host.id()).map(round -> hostView(round, event));
  }

  private static JsonObject hostView(Optional<RoundRepository.Round> round, Event event) {
    if (round.isEmpty()) {
      return new JsonObject().put("round", null);
    }
    RoundRepository.Round r = round.get();
    return clock(r, event).put("tables", r.tables()).put("resting", r.resting());
  }

  /** An attendee's phone: the round, its clock and their own table (or that they rest). */
  public Future<JsonObject> myRound(User user, Event event) {
    return mixer.presence(user, event).compose(presence -> rounds.current(pool, event.id(), user.id()))
        .map(round -> {
          if (round.isEmpty()) {
            return new JsonObject().put("round", null).put("status", "NONE");
          }
          RoundRepository.Round r = round.get();
          String status = !r.seated() ? "NOT_SEATED" : r.table() == null ? "RESTING" : "TABLE";
          return clock(r, event).put("status", status).put("table", r.table());
        });
  }

  private static JsonObject clock(RoundRepository.Round r, Event event) {
    return new JsonObject().put("round", r.number())
        .put("startedAt", Times.iso(r.startedAt(), event.zone()))
        .put("endsAt", Times.iso(r.endsAt(), event.zone()))
        .put("now", Times.iso(r.now(), event.zone()))
        .put("running", r.now().isBefore(r.endsAt()));
  }
}
