package org.queqiao.rosters;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads waiting imports, on whichever instance claims them first (RosterRepository's claim: one
 * runner per import, a union's imports in order, a stopped runner replaced once it stops beating).
 * The file is parsed on a worker; rows go in batches, each batch one transaction that proves the
 * claim, writes the rows (multi-row unnest inserts) and the progress, and tells every instance's
 * streams. The last transaction marks who is no longer on the roster.
 */
public final class RosterRunner {
  private static final Logger LOG = LoggerFactory.getLogger(RosterRunner.class);
  static final int BATCH = 5000;
  /** A runner that has not written for this long is taken to have stopped. */
  static final int STALE_SECONDS = 120;

  private final Vertx vertx;
  private final Pool pool;
  private final RosterRepository rosters;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();

  public RosterRunner(Vertx vertx, Pool pool, RosterRepository rosters) {
    this.vertx = vertx;
    this.pool = pool;
    this.rosters = rosters;
  }

  /** Reads every import this instance can claim; a call while it is busy makes it look once more. */
  public Future<Void> runPending() {
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return Future.succeededFuture();
    }
    again.set(false);
    return next().onComplete(done -> {
      running.set(false);
      if (again.getAndSet(false)) {
        runPending();
      }
    });
  }

  private Future<Void> next() {
    UUID claim = UUID.randomUUID();
    return pool.withTransaction(conn -> rosters.claim(conn, claim, STALE_SECONDS))
        .compose(claimed -> claimed.isEmpty() ? Future.succeededFuture()
            : read(claimed.get(), claim)
                .recover(failure -> {
                  LOG.warn("Roster import {} failed", claimed.get().id(), failure);
                  return failed(claimed.get().id(), claim, "INTERNAL");
                })
                .compose(v -> next()));
  }

  private record Parsed(List<RosterRows.Outcome> outcomes, String problem) {}

  private Future<Void> read(RosterRepository.Claimed claimed, UUID claim) {
    return rosters.subtreeByName(pool, claimed.unionId())
        .compose(unions -> vertx.executeBlocking(() -> {
          try {
            RosterFile.Sheet sheet = RosterFile.read(claimed.file(), Integer.MAX_VALUE);
            ColumnMapping mapping = claimed.mapping() == null ? ColumnMapping.guess(sheet.header()) : claimed.mapping();
            if (sheet.header().isEmpty() || !mapping.problems(sheet.header().size()).isEmpty()) {
              return new Parsed(List.of(), "COLUMNS");
            }
            return new Parsed(new RosterRows(mapping, claimed.unionId(), unions).check(sheet.rows()), null);
          } catch (RosterFile.Unreadable e) {
            return new Parsed(List.of(), "UNREADABLE");
          }
        }, false))
        .compose(parsed -> parsed.problem() != null ? failed(claimed.id(), claim, parsed.problem())
            : rosters.setRows(pool, claimed.id(), claim, parsed.outcomes().size())
                .compose(started -> started.isEmpty() ? Future.succeededFuture()
                    : rosters.notify(pool, progress(claimed.id(), RosterImport.RUNNING, started.get()))
                        .compose(v -> batches(claimed, claim, parsed.outcomes(), 0))));
  }

  private Future<Void> batches(RosterRepository.Claimed claimed, UUID claim, List<RosterRows.Outcome> outcomes, int from) {
    if (from >= outcomes.size()) {
      return finish(claimed, claim, outcomes);
    }
    List<RosterRows.Outcome> batch = outcomes.subList(from, Math.min(outcomes.size(), from + BATCH));
    List<RosterRows.Entry> entries = new ArrayList<>();
    List<RosterRows.Refusal> refusals = new ArrayList<>();
    batch.forEach(o -> {
      if (o.entry() != null) {
        entries.add(o.entry());
      } else {
        refusals.add(o.refusal());
      }
    });
    return pool.withTransaction(conn -> rosters.progress(conn, claimed.id(), claim, batch.size(), entries.size(),
            refusals.size())
        .compose(progress -> progress.isEmpty() ? Future.succeededFuture(false)
            : rosters.upsertEntries(conn, claimed.unionId(), entries)
                .compose(v -> rosters.insertRefusals(conn, claimed.id(), refusals))
                .compose(v -> rosters.notify(conn, progress(claimed.id(), RosterImport.RUNNING, progress.get())))
                .map(true)))
        // Another runner took the import over (this one was taken for stopped): leave it to that one.
        .compose(claimHeld -> claimHeld ? batches(claimed, claim, outcomes, from + BATCH) : Future.succeededFuture());
  }

  /**
   * Each import is the union's whole roster, so whoever it does not list is no longer on it. An
   * import that accepted nobody is refused instead: it would empty the roster.
   */
  private Future<Void> finish(RosterRepository.Claimed claimed, UUID claim, List<RosterRows.Outcome> outcomes) {
    List<String> keys = outcomes.stream().filter(o -> o.entry() != null).map(o -> o.entry().key()).toList();
    if (keys.isEmpty()) {
      return failed(claimed.id(), claim, "NO_ACCEPTED_ROWS");
    }
    return pool.withTransaction(conn -> rosters.finish(conn, claimed.id(), claim).compose(done -> done.isEmpty()
        ? Future.succeededFuture()
        : rosters.dropMissing(conn, claimed.id(), claimed.unionId(), keys)
            .compose(dropped -> rosters.notify(conn, progress(claimed.id(), RosterImport.DONE, done.get())
                .put("dropped", dropped)))));
  }

  private Future<Void> failed(long id, UUID claim, String error) {
    return pool.withTransaction(conn -> rosters.fail(conn, id, claim, error).compose(done -> done.isEmpty()
        ? Future.succeededFuture()
        : rosters.notify(conn, progress(id, RosterImport.FAILED, done.get()).put("error", error))));
  }

  private static JsonObject progress(long id, String status, RosterRepository.Progress p) {
    return RosterImport.progress(id, status, p.rows(), p.done(), p.accepted(), p.refused());
  }

  /** What callers may ignore: a failure to look is logged, and the periodic job looks again. */
  public void kick() {
    runPending().onFailure(e -> LOG.warn("Could not look for roster imports", e));
  }
}
