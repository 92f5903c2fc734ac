package org.queqiao.lottery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventErrors;
import org.queqiao.events.EventRepository;
import org.queqiao.notify.NotificationKind;
import org.queqiao.notify.NotificationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The draw (contract §12): once registration has closed, by a manager or by the job, exactly once.
 * One transaction takes every pool lock of the event (key order, as event edits do), then the
 * lottery row's lock (an application takes its pool's lock, then the lottery row, through the V26
 * trigger), reads the applicants, draws, records the draw conditionally, places everyone and tells
 * each applicant. A second draw finds the lottery drawn and changes nothing.
 */
public final class LotteryService {
  private static final Logger LOG = LoggerFactory.getLogger(LotteryService.class);

  private final Pool pool;
  private final SqlClient reads;
  private final EventRepository events;
  private final LotteryRepository lotteries;
  private final NotificationRepository notifications;
  private final Clock clock;

  public LotteryService(Pool pool, SqlClient reads, EventRepository events, LotteryRepository lotteries,
      NotificationRepository notifications, Clock clock) {
    this.pool = pool;
    this.reads = reads;
    this.events = events;
    this.lotteries = lotteries;
    this.notifications = notifications;
    this.clock = clock;
  }

  /** The lottery as published; 404 for an event that is not a lottery. */
  public Future<Lottery> find(Event event) {
    return lotteries.find(pool, event.id()).map(found -> found.filter(l -> event.lottery())
        .orElseThrow(LotteryErrors::notALottery));
  }

  /** The member's application to this lottery, if any: their number, and their result once drawn. */
  public Future<Optional<Lottery.Mine>> mine(Event event, long userId, Lottery lottery) {
    return lotteries.mine(pool, event.id(), userId, lottery.seats());
  }

  /** A manager's draw; {@code drawnBy} is recorded. */
  public Future<Lottery> draw(Event event, long drawnBy) {
    return drawInTransaction(event.id(), drawnBy).compose(this::find);
  }

  /** The job: draws every lottery whose registration has closed; one failing does not stop the others. */
  public Future<Integer> drawDue() {
    return lotteries.due(reads, clock.instant()).compose(ids -> {
      int[] drawn = {0};
      Future<Void> all = Future.succeededFuture();
      for (long id : ids) {
        all = all.compose(v -> drawInTransaction(id, null).<Void>map(done -> {
          drawn[0]++;
          return null;
        }).recover(e -> {
          LOG.warn("The lottery of event {} could not be drawn", id, e);
          return Future.succeededFuture();
        }));
      }
      return all.map(v -> drawn[0]);
    });
  }

  private Future<Event> drawInTransaction(long eventId, Long drawnBy) {
    return pool.withTransaction(conn -> lotteries.lockPools(conn, eventId)
        .compose(seats -> lotteries.lockLottery(conn, eventId).compose(locked -> events.find(conn, eventId)
            .compose(found -> {
              Event event = found.orElseThrow(LotteryErrors::notALottery);
              if (!event.lottery() || locked.isEmpty()) {
                return Future.failedFuture(LotteryErrors.notALottery());
              }
              if (Event.CANCELLED.equals(event.status())) {
                return Future.failedFuture(EventErrors.eventCancelled());
              }
              if (!Event.PUBLISHED.equals(event.status())) {
                return Future.failedFuture(LotteryErrors.eventNotPublished());
              }
              if (locked.get().drawn()) {
                return Future.failedFuture(LotteryErrors.alreadyDrawn());
              }
              if (clock.instant().isBefore(event.effectiveClosesAt())) {
                return Future.failedFuture(LotteryErrors.registrationStillOpen());
              }
              return drawLocked(conn, event, locked.get().secret(), seats, drawnBy).map(event);
            }))));
  }

  private Future<Void> drawLocked(SqlConnection conn, Event event, String secret, Map<String, Integer> seats,
      Long drawnBy) {
    return lotteries.applicants(conn, event.id()).compose(applicants -> {
      Map<Integer, LotteryRepository.Application> byNumber = new HashMap<>();
      applicants.forEach(a -> byNumber.put(a.number(), a));
      Draw.Outcome outcome = Draw.run(secret,
          applicants.stream().map(a -> new Draw.Applicant(a.number(), a.pool())).toList(), seats);
      JsonObject seatsJson = new JsonObject();
      seats.forEach(seatsJson::put);
      return lotteries.recordDraw(conn, event.id(), outcome, seatsJson, drawnBy)
          .compose(recorded -> recorded ? lotteries.place(conn, event.id(), outcome.entries(), byNumber)
              : Future.failedFuture(LotteryErrors.alreadyDrawn()))
          .compose(placed -> tell(conn, event, outcome.entries(), byNumber, seats));
    });
  }

  /** Each applicant hears their own result, in the draw's transaction (and by e-mail from the outbox). */
  private Future<Void> tell(SqlConnection conn, Event event, List<Draw.Entry> entries,
      Map<Integer, LotteryRepository.Application> byNumber, Map<String, Integer> seats) {
    Map<Long, JsonObject> won = new LinkedHashMap<>();
    Map<Long, JsonObject> waiting = new LinkedHashMap<>();
    for (Draw.Entry entry : entries) {
      long userId = byNumber.get(entry.number()).userId();
      if (entry.won()) {
        won.put(userId, event.notice().put("number", entry.number()));
      } else {
        waiting.put(userId, event.notice().put("number", entry.number())
            .put("position", entry.position() - seats.getOrDefault(entry.pool(), 0)));
      }
    }
    return notifications.notifyEach(conn, NotificationKind.LOTTERY_WON, event.id(), won)
        .compose(done -> notifications.notifyEach(conn, NotificationKind.LOTTERY_WAITLISTED, event.id(), waiting));
  }
}
