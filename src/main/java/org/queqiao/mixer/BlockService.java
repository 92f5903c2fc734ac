package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;
import org.queqiao.events.Event;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;

/**
 * Blocking a person met at a mixer (contract §14). From then on, at every mixer, the two do not
 * see each other and cannot mark or request each other; open marks and requests between them go,
 * silently. To the blocked person it looks exactly like the blocker leaving: the blocker disappears
 * from the people list and from their own marks, a mark or request on that badge gets the 404 of a
 * badge that is not there, and their open request shows CLOSED — the answer a decline, a rejection
 * or a departure gives. Nobody is notified; a matchmaker sees only a request leaving the queue.
 */
public final class BlockService {
  private final Pool pool;
  private final BlockRepository blocks;
  private final MixerRepository mixer;
  private final ConsentRepository consents;
  private final MixerService mixers;

  public BlockService(Pool pool, BlockRepository blocks, MixerRepository mixer, ConsentRepository consents,
      MixerService mixers) {
    this.pool = pool;
    this.blocks = blocks;
    this.mixer = mixer;
    this.consents = consents;
    this.mixers = mixers;
  }

  /** Blocks the badge (also someone who has left: they may come to the next mixer). */
  public Future<Void> block(User user, Event event, int badge) {
    return mixers.presence(user, event).compose(presence -> pool.withTransaction(conn ->
        mixer.byBadgeEvenIfLeft(conn, event.id(), badge).compose(found -> {
          MixerRepository.Attendee other = found.orElseThrow(MixerErrors::noSuchBadge);
          if (other.userId() == user.id()) {
            return Future.failedFuture(ApiError.validation(Map.of("badge", "field.mixer.self")));
          }
          return mixer.lockPeople(conn, user.id(), other.userId())
              .compose(locked -> blocks.insert(conn, user.id(), other.userId(), event.id(), badge))
              .compose(done -> blocks.dropOpenMarks(conn, user.id(), other.userId()))
              .compose(marks -> withdrawAll(conn, marks))
              .compose(done -> blocks.closeOpenRequests(conn, user.id(), other.userId()))
              .compose(requests -> withdrawAll(conn, requests));
        })));
  }

  /** Removes my block of that badge, if there is one; the same answer either way. */
  public Future<Void> unblock(User user, Event event, int badge) {
    return blocks.deleteByBadge(pool, user.id(), event.id(), badge);
  }

  public Future<Void> unblock(User user, long blockId) {
    return blocks.deleteById(pool, user.id(), blockId)
        .compose(done -> done ? Future.<Void>succeededFuture() : Future.failedFuture(ApiError.notFound()));
  }

  public Future<List<BlockRepository.Block>> mine(User user) {
    return blocks.mine(pool, user.id());
  }

  // Only the blocker's own consents: the blocked person's receipts read as they would had the
  // blocker left.
  private Future<Void> withdrawAll(SqlConnection conn, List<Long> consentIds) {
    Future<Void> all = Future.succeededFuture();
    for (Long id : consentIds) {
      all = all.compose(v -> consents.withdraw(conn, id));
    }
    return all;
  }
}
