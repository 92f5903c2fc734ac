package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * The contact key over time: at start-up every sealed card and snapshot must open with a
 * configured key, and a rotation job re-seals what the previous key sealed (docs/privacy.md, Keys).
 */
public final class ContactKeys {
  private static final int RESEAL_BATCH = 200;

  private final Pool pool;
  private final ContactCardRepository cards;
  private final ContactCipher cipher;

  public ContactKeys(Pool pool, ContactCardRepository cards, ContactCipher cipher) {
    this.pool = pool;
    this.cards = cards;
    this.cipher = cipher;
  }

  /**
   * At start-up: every sealed card and snapshot must be openable with a configured key. Rows from
   * before key ids are stamped with the key that opens them. Refuses (throws) otherwise, so a
   * wrong key never leads to new cards sealed with it while the old ones are lost.
   */
  public Future<Void> verifyKeys() {
    return cards.unstampedCard(pool).compose(legacy -> {
      if (legacy.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      ContactCardRepository.SealedRow row = legacy.get();
      for (String id : keyIdsToTry()) {
        try {
          cipher.open(row.ownerId(), id, row.nonce(), row.ciphertext());
          return cards.stampCards(pool, id).mapEmpty();
        } catch (ContactCipher.Unreadable e) {
          // try the next configured key
        }
      }
      return Future.failedFuture(new IllegalStateException("Contact cards exist that no configured key opens:"
          + " set CONTACT_KEY (and CONTACT_KEY_PREVIOUS) to the keys they were sealed with (docs/privacy.md)"));
    }).compose(stamped -> cards.keyIds(pool)).compose(ids -> {
      List<String> unknown = ids.stream().filter(id -> id != null && !cipher.knows(id)).toList();
      return unknown.isEmpty() ? Future.<Void>succeededFuture()
          : Future.failedFuture(new IllegalStateException("Contact cards were sealed with key(s) " + unknown
              + ", which neither CONTACT_KEY (" + cipher.keyId() + ") nor CONTACT_KEY_PREVIOUS is:"
              + " configure the key they were sealed with (docs/privacy.md)"));
    });
  }

  private List<String> keyIdsToTry() {
    List<String> ids = new ArrayList<>();
    ids.add(cipher.keyId());
    cipher.previousKeyId().ifPresent(ids::add);
    return ids;
  }

  /** The rotation job: re-seals cards and snapshots sealed with the previous key, a batch at a time. */
  public Future<Integer> resealWithCurrentKey() {
    if (cipher.previousKeyId().isEmpty()) {
      return Future.succeededFuture(0);
    }
    String previous = cipher.previousKeyId().get();
    return pool.withTransaction(conn -> cards.cardsSealedWith(conn, previous, RESEAL_BATCH).compose(sealed -> {
      Future<Integer> done = Future.succeededFuture(0);
      for (ContactCardRepository.SealedRow card : sealed) {
        JsonObject open = cipher.open(card.ownerId(), previous, card.nonce(), card.ciphertext());
        done = done.compose(n -> cards.resealCard(conn, card.ownerId(), cipher.seal(card.ownerId(), open)).map(n + 1));
      }
      return done;
    }).compose(n -> cards.snapshotsSealedWith(conn, previous, RESEAL_BATCH).compose(snapshots -> {
      Future<Integer> done = Future.succeededFuture(n);
      for (ContactCardRepository.SealedRow snapshot : snapshots) {
        JsonObject open = cipher.open(snapshot.ownerId(), previous, snapshot.nonce(), snapshot.ciphertext());
        done = done.compose(m -> cards.resealSnapshot(conn, snapshot.id(), cipher.seal(snapshot.ownerId(), open))
            .map(m + 1));
      }
      return done;
    })));
  }
}
