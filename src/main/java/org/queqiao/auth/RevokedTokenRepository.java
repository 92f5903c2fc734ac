package org.queqiao.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

public final class RevokedTokenRepository {
  private static final String REVOKE =
      "INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING";
  // A revoked token that has expired is refused for its expiry alone; its row can go.
  private static final String PURGE_EXPIRED = "DELETE FROM revoked_tokens WHERE expires_at < now() - interval '5 minutes'";

  public Future<Void> revoke(SqlClient client, UUID tokenId, Instant expiresAt) {
    return client.preparedQuery(REVOKE).execute(Tuple.of(tokenId, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))).mapEmpty();
  }

  public Future<Integer> purgeExpired(SqlClient client) {
    return client.query(PURGE_EXPIRED).execute().map(rows -> rows.rowCount());
  }
}
