package org.queqiao.rosters;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.users.User;

/**
 * Rosters as organisers and members use them: uploading (straight to an import, or to a preview
 * whose columns the organiser confirms), progress, the refused rows; a member's own rows, the unions
 * they are verified in, and disputing a wrong match. Reading happens in {@link RosterRunner}.
 */
public final class RosterService {
  /** How many rows the preview page shows. */
  public static final int PREVIEW_ROWS = 5;
  /** Rows dropped by a newer roster, and the refused rows of an import, are deleted after this many days. */
  public static final int RETENTION_DAYS = 30;
  public static final int MAX_BYTES = 32 * 1024 * 1024;

  private final Vertx vertx;
  private final Pool pool;
  private final SqlClient reads;
  private final RosterRepository rosters;
  private final RosterRunner runner;

  public RosterService(Vertx vertx, Pool pool, SqlClient reads, RosterRepository rosters, RosterRunner runner) {
    this.vertx = vertx;
    this.pool = pool;
    this.reads = reads;
    this.rosters = rosters;
    this.runner = runner;
  }

  /** The header and first rows of a file, with the mapping guessed from the header. */
  public record Preview(RosterFile.Sheet sheet, ColumnMapping guessed) {}

  /** API upload: the columns are recognised by their header, and the import starts at once. */
  public Future<Long> upload(User uploader, long unionId, String fileName, byte[] file) {
    return preview(file).compose(preview -> {
      Map<String, String> problems = preview.guessed().problems(preview.sheet().header().size());
      if (!problems.isEmpty()) {
        return Future.failedFuture(RosterErrors.columns(problems));
      }
      return rosters.insertImport(pool, unionId, uploader.id(), fileName, file, RosterImport.RUNNING, preview.guessed());
    }).onSuccess(id -> runner.kick());
  }

  /** Page upload: kept as a preview until the organiser confirms the columns. */
  public Future<Long> uploadForPreview(User uploader, long unionId, String fileName, byte[] file) {
    return preview(file).compose(preview -> rosters.insertImport(pool, unionId, uploader.id(), fileName, file,
        RosterImport.PREVIEW, null));
  }

  public Future<Preview> preview(RosterImport rosterImport) {
    return rosters.file(pool, rosterImport.id())
        .compose(file -> file.isEmpty() ? Future.failedFuture(RosterErrors.alreadyStarted()) : preview(file.get()));
  }

  /** Starts a previewed import with the organiser's columns. */
  public Future<Void> start(RosterImport rosterImport, ColumnMapping mapping) {
    return preview(rosterImport).compose(preview -> {
      Map<String, String> problems = mapping.problems(preview.sheet().header().size());
      if (!problems.isEmpty()) {
        return Future.failedFuture(RosterErrors.columns(problems));
      }
      return rosters.start(pool, rosterImport.id(), mapping);
    }).compose(started -> started ? Future.<Void>succeededFuture() : Future.failedFuture(RosterErrors.alreadyStarted()))
        .onSuccess(v -> runner.kick());
  }

  private Future<Preview> preview(byte[] file) {
    if (file.length == 0) {
      return Future.failedFuture(RosterErrors.empty());
    }
    return vertx.executeBlocking(() -> {
      try {
        return RosterFile.read(file, PREVIEW_ROWS);
      } catch (RosterFile.Unreadable e) {
        throw RosterErrors.unreadable();
      }
    }, false).compose(sheet -> sheet.header().isEmpty() ? Future.failedFuture(RosterErrors.empty())
        : Future.succeededFuture(new Preview(sheet, ColumnMapping.guess(sheet.header()))));
  }

  /** Read from the primary: the page that just started an import must see it. */
  public Future<Optional<RosterImport>> find(long importId) {
    return rosters.findImport(pool, importId);
  }

  public Future<List<RosterImport>> recentImports(long unionId) {
    return rosters.recentImports(pool, unionId);
  }

  public Future<List<RosterRows.Refusal>> refusals(long importId) {
    return rosters.refusals(pool, importId);
  }

  public Future<List<RosterRepository.Listed>> entries(long unionId, String query, int limit) {
    return rosters.entries(reads, unionId, query == null || query.isBlank() ? null : query.strip(), limit);
  }

  public Future<RosterRepository.Counts> counts(long unionId) {
    return rosters.counts(reads, unionId);
  }

  public Future<List<RosterRepository.Dispute>> disputes(long unionId) {
    return rosters.disputes(reads, unionId);
  }

  /** The member's own roster rows: all that members ever see of a roster. From the primary, as it follows their edits. */
  public Future<List<RosterRepository.EntryView>> myRows(User user) {
    return rosters.myRows(pool, user.id());
  }

  public Future<List<RosterRepository.VerifiedUnion>> verifiedUnions(long userId) {
    return rosters.verifiedUnions(pool, userId);
  }

  /** For the sign-up check, on the sign-up's own transaction. */
  public Future<Boolean> verifiedWithin(SqlClient client, long userId, Long unionId) {
    return rosters.verifiedWithin(client, userId, unionId);
  }

  /** The member says this matching row is not them: it stops verifying them, and organisers see why. */
  public Future<Boolean> dispute(User user, long entryId, Object reason) {
    String text = reason instanceof String s ? s.strip() : null;
    if (text != null && text.length() > 500) {
      return Future.failedFuture(RosterErrors.reasonTooLong());
    }
    return rosters.dispute(pool, user.id(), entryId, text == null || text.isEmpty() ? null : text)
        .compose(found -> found.isEmpty() ? Future.failedFuture(RosterErrors.notYourRow())
            : Future.succeededFuture(found.get()));
  }

  /** The retention job: rows dropped and refusals older than {@link #RETENTION_DAYS}, and stale previews. */
  public Future<Void> purgeExpired() {
    return rosters.purge(pool, RETENTION_DAYS);
  }

  public Future<Void> runPending() {
    return runner.runPending();
  }
}
