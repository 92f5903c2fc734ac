package org.queqiao.series;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Series and their followers; stateless, on the client it is given. */
public final class SeriesRepository {
  private static final String INSERT = "INSERT INTO event_series (title, description, organizer_id)"
      + " VALUES ($1, $2, $3) RETURNING id, title, description, organizer_id";
  private static final String FIND = "SELECT id, title, description, organizer_id FROM event_series WHERE id = $1";
  private static final String FOLLOW = "INSERT INTO series_follows (series_id, user_id) VALUES ($1, $2)"
      + " ON CONFLICT (series_id, user_id) DO NOTHING";
  private static final String UNFOLLOW = "DELETE FROM series_follows WHERE series_id = $1 AND user_id = $2";
  private static final String FOLLOWING = "SELECT EXISTS (SELECT 1 FROM series_follows"
      + " WHERE series_id = $1 AND user_id = $2) AS yes";
  private static final String FOLLOWER_COUNT = "SELECT count(*) AS n FROM series_follows WHERE series_id = $1";
  // Deleted accounts keep their row (anonymised) but lose their follows, so they are never here.
  private static final String FOLLOWER_IDS = "SELECT user_id FROM series_follows WHERE series_id = $1";

  public Future<Series> insert(SqlClient tx, String title, String description, long organizerId) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(title, description, organizerId))
        .map(rows -> Series.from(rows.iterator().next()));
  }

  public Future<Optional<Series>> find(SqlClient client, long id) {
    return client.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(Series.from(it.next())) : Optional.empty();
    });
  }

  /** Following twice is one follow. */
  public Future<Void> follow(SqlClient client, long seriesId, long userId) {
    return client.preparedQuery(FOLLOW).execute(Tuple.of(seriesId, userId)).mapEmpty();
  }

  public Future<Void> unfollow(SqlClient client, long seriesId, long userId) {
    return client.preparedQuery(UNFOLLOW).execute(Tuple.of(seriesId, userId)).mapEmpty();
  }

  public Future<Boolean> following(SqlClient client, long seriesId, long userId) {
    return client.preparedQuery(FOLLOWING).execute(Tuple.of(seriesId, userId))
        .map(rows -> rows.iterator().next().getBoolean("yes"));
  }

  public Future<Long> followerCount(SqlClient client, long seriesId) {
    return client.preparedQuery(FOLLOWER_COUNT).execute(Tuple.of(seriesId))
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  public Future<List<Long>> followerIds(SqlClient client, long seriesId) {
    return client.preparedQuery(FOLLOWER_IDS).execute(Tuple.of(seriesId)).map(rows -> {
      List<Long> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getLong("user_id")));
      return ids;
    });
  }
}
