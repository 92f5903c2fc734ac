package org.queqiao.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A member's channel choices per kind and SMS daily cap (V36); no row means the defaults. */
public final class NotificationSettingsRepository {
  private static final String CHOICES = "SELECT kind, email, sms FROM notification_settings WHERE user_id = $1";
  private static final String CAP = "SELECT sms_daily_cap FROM notification_preferences WHERE user_id = $1";
  private static final String UPSERT_CHOICE = "INSERT INTO notification_settings (user_id, kind, email, sms)"
      + " VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, kind) DO UPDATE SET email = EXCLUDED.email, sms = EXCLUDED.sms";
  private static final String UPSERT_CAP = "INSERT INTO notification_preferences (user_id, sms_daily_cap) VALUES ($1, $2)"
      + " ON CONFLICT (user_id) DO UPDATE SET sms_daily_cap = EXCLUDED.sms_daily_cap";
  /** The default cap, as the column default in V36. */
  public static final int DEFAULT_SMS_DAILY_CAP = 5;

  public record Choice(boolean email, boolean sms) {}

  public Future<Map<NotificationKind, Choice>> choices(SqlClient client, long userId) {
    return client.preparedQuery(CHOICES).execute(Tuple.of(userId)).map(rows -> {
      Map<NotificationKind, Choice> found = new HashMap<>();
      for (Row row : rows) {
        found.put(NotificationKind.valueOf(row.getString("kind")), new Choice(row.getBoolean("email"), row.getBoolean("sms")));
      }
      return found;
    });
  }

  public Future<Integer> smsDailyCap(SqlClient client, long userId) {
    return client.preparedQuery(CAP).execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? DEFAULT_SMS_DAILY_CAP : rows.iterator().next().getInteger("sms_daily_cap"));
  }

  public Future<Void> save(SqlClient tx, long userId, Map<NotificationKind, Choice> choices, Integer smsDailyCap) {
    List<Tuple> batch = new ArrayList<>();
    choices.forEach((kind, c) -> batch.add(Tuple.of(userId, kind.name(), c.email(), c.sms())));
    Future<Void> saved = batch.isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery(UPSERT_CHOICE).executeBatch(batch).mapEmpty();
    return smsDailyCap == null ? saved
        : saved.compose(v -> tx.preparedQuery(UPSERT_CAP).execute(Tuple.of(userId, smsDailyCap)).mapEmpty());
  }
}
