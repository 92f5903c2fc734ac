package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sealed contact cards, and what key management needs of them and of the disclosure snapshots:
 * which keys sealed them, and re-sealing with the current key.
 */
public final class ContactCardRepository {
  private static final String CARD = "SELECT key_id, nonce, ciphertext FROM contact_cards WHERE user_id = $1";
  private static final String SAVE_CARD = "INSERT INTO contact_cards (user_id, key_id, nonce, ciphertext)"
      + " VALUES ($1, $2, $3, $4) ON CONFLICT (user_id) DO UPDATE SET key_id = EXCLUDED.key_id,"
      + " nonce = EXCLUDED.nonce, ciphertext = EXCLUDED.ciphertext, updated_at = now()";


  // Key management: which keys sealed the cards and snapshots, and re-sealing with the current key.
  private static final String KEY_IDS = "SELECT key_id FROM contact_cards"
      + " UNION SELECT snapshot_key_id FROM disclosures WHERE snapshot_ciphertext IS NOT NULL";
  private static final String UNSTAMPED_CARD = "SELECT user_id, nonce, ciphertext FROM contact_cards"
      + " WHERE key_id IS NULL LIMIT 1";
  private static final String STAMP_CARDS = "UPDATE contact_cards SET key_id = $1 WHERE key_id IS NULL";
  private static final String CARDS_SEALED_WITH = "SELECT user_id, nonce, ciphertext FROM contact_cards"
      + " WHERE key_id = $1 ORDER BY user_id LIMIT $2 FOR UPDATE SKIP LOCKED";
  private static final String RESEAL_CARD = "UPDATE contact_cards SET key_id = $2, nonce = $3, ciphertext = $4"
      + " WHERE user_id = $1";
  private static final String SNAPSHOTS_SEALED_WITH = "SELECT id, owner_id, snapshot_nonce, snapshot_ciphertext"
      + " FROM disclosures WHERE snapshot_key_id = $1 AND snapshot_ciphertext IS NOT NULL ORDER BY id LIMIT $2"
      + " FOR UPDATE SKIP LOCKED";
  private static final String RESEAL_SNAPSHOT = "UPDATE disclosures SET snapshot_key_id = $2, snapshot_nonce = $3,"
      + " snapshot_ciphertext = $4 WHERE id = $1";

  /** A sealed value to re-seal: a card (by owner) or a snapshot (by disclosure id). */
  public record SealedRow(long id, long ownerId, byte[] nonce, byte[] ciphertext) {}

  public Future<Optional<SealedCard>> card(SqlClient client, long userId) {
    return client.preparedQuery(CARD).execute(Tuple.of(userId)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new SealedCard(row.getString("key_id"), row.getBuffer("nonce").getBytes(),
          row.getBuffer("ciphertext").getBytes()));
    });
  }

  public Future<Void> saveCard(SqlClient client, long userId, ContactCipher.Sealed sealed) {
    return client.preparedQuery(SAVE_CARD).execute(Tuple.of(userId, sealed.keyId(), Buffer.buffer(sealed.nonce()),
        Buffer.buffer(sealed.ciphertext()))).mapEmpty();
  }

  /** The key ids of every sealed card and snapshot (null for rows sealed before key ids). */
  public Future<List<String>> keyIds(SqlClient client) {
    return client.query(KEY_IDS).execute().map(rows -> {
      List<String> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getString(0)));
      return ids;
    });
  }

  public Future<Optional<SealedRow>> unstampedCard(SqlClient client) {
    return client.query(UNSTAMPED_CARD).execute().map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      Row row = it.next();
      return Optional.of(new SealedRow(row.getLong("user_id"), row.getLong("user_id"), row.getBuffer("nonce").getBytes(),
          row.getBuffer("ciphertext").getBytes()));
    });
  }

  public Future<Integer> stampCards(SqlClient client, String keyId) {
    return client.preparedQuery(STAMP_CARDS).execute(Tuple.of(keyId)).map(RowSet::rowCount);
  }

  public Future<List<SealedRow>> cardsSealedWith(SqlConnection conn, String keyId, int limit) {
    return conn.preparedQuery(CARDS_SEALED_WITH).execute(Tuple.of(keyId, limit)).map(rows -> {
      List<SealedRow> list = new ArrayList<>();
      rows.forEach(row -> list.add(new SealedRow(row.getLong("user_id"), row.getLong("user_id"),
          row.getBuffer("nonce").getBytes(), row.getBuffer("ciphertext").getBytes())));
      return list;
    });
  }

  public Future<Void> resealCard(SqlClient client, long userId, ContactCipher.Sealed sealed) {
    return client.preparedQuery(RESEAL_CARD).execute(Tuple.of(userId, sealed.keyId(), Buffer.buffer(sealed.nonce()),
        Buffer.buffer(sealed.ciphertext()))).mapEmpty();
  }

  public Future<List<SealedRow>> snapshotsSealedWith(SqlConnection conn, String keyId, int limit) {
    return conn.preparedQuery(SNAPSHOTS_SEALED_WITH).execute(Tuple.of(keyId, limit)).map(rows -> {
      List<SealedRow> list = new ArrayList<>();
      rows.forEach(row -> list.add(new SealedRow(row.getLong("id"), row.getLong("owner_id"),
          row.getBuffer("snapshot_nonce").getBytes(), row.getBuffer("snapshot_ciphertext").getBytes())));
      return list;
    });
  }

  public Future<Void> resealSnapshot(SqlClient client, long disclosureId, ContactCipher.Sealed sealed) {
    return client.preparedQuery(RESEAL_SNAPSHOT).execute(Tuple.of(disclosureId, sealed.keyId(),
        Buffer.buffer(sealed.nonce()), Buffer.buffer(sealed.ciphertext()))).mapEmpty();
  }


  public record SealedCard(String keyId, byte[] nonce, byte[] ciphertext) {}
}
