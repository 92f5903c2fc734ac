package org.queqiao.covers;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventRepository;
import org.queqiao.users.User;

/**
 * Puts, re-labels and removes an event's cover. Decoding and re-encoding run on a worker pool of
 * their own with {@value #DECODERS} threads: they are CPU-bound and each holds a decoded raster
 * of tens of megabytes, so a burst of uploads queues there instead of starving the shared
 * workers (password hashing) or the memory. Each write is one statement, so it is its own
 * transaction.
 */
public final class CoverService {
  public static final int DECODERS = 2;
  static final int MAX_ALT = 300;

  private final Pool pool;
  private final CoverRepository covers;
  private final EventRepository events;
  private final WorkerExecutor decoders;

  public CoverService(Pool pool, CoverRepository covers, EventRepository events, WorkerExecutor decoders) {
    this.pool = pool;
    this.covers = covers;
    this.events = events;
    this.decoders = decoders;
  }

  /** Alt text as sent: {@code given} false leaves the stored one; a blank one means "use the title". */
  public record AltText(boolean given, String value) {
    public static final AltText UNCHANGED = new AltText(false, null);

    /** Null (not sent) is UNCHANGED; 400 when too long. */
    public static AltText parse(String raw) {
      if (raw == null) {
        return UNCHANGED;
      }
      String text = raw.strip();
      if (text.codePointCount(0, text.length()) > MAX_ALT) {
        throw CoverErrors.altInvalid();
      }
      return new AltText(true, text.isEmpty() ? null : text);
    }
  }

  /** Re-encodes the upload and makes it the event's cover; the event as it is then. */
  public Future<Event> put(Event event, User by, Buffer upload, AltText alt) {
    if (upload.length() > CoverImages.MAX_BYTES) {
      return Future.failedFuture(CoverErrors.tooLarge());
    }
    byte[] bytes = upload.getBytes();
    return decoders.executeBlocking(() -> CoverImages.process(bytes), false)
        .recover(failure -> Future.failedFuture(failure instanceof CoverImages.Refused refused
            ? (refused.tooManyPixels ? CoverErrors.tooManyPixels() : CoverErrors.invalidImage())
            : failure))
        .compose(images -> covers.put(pool, event.id(), images, alt.value(), !alt.given(), by.id()))
        .compose(done -> reread(event));
  }

  /** Changes only the alt text; 404 NO_COVER when there is no cover to describe. */
  public Future<Event> describe(Event event, User by, AltText alt) {
    return covers.setAlt(pool, event.id(), alt.value(), by.id())
        .compose(found -> found ? reread(event) : Future.failedFuture(CoverErrors.noCover()));
  }

  /** Removes the cover; 404 NO_COVER when there was none. */
  public Future<Void> remove(Event event) {
    return covers.delete(pool, event.id())
        .compose(found -> found ? Future.<Void>succeededFuture() : Future.failedFuture(CoverErrors.noCover()));
  }

  /** The bytes to serve (the phone size when {@code small}) with their tag, if the event still has a cover. */
  public Future<Optional<CoverRepository.Stored>> image(Event event, boolean small) {
    return covers.image(pool, event.id(), small);
  }

  private Future<Event> reread(Event event) {
    return events.find(pool, event.id()).map(Optional::orElseThrow);
  }
}
