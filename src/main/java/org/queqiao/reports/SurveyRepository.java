package org.queqiao.reports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Survey answers and the markers that say who has answered (V30). The two are written together
 * and never read together: no query here joins them, and an anonymous answer has no user at all.
 */
public final class SurveyRepository {
  private static final String STANDING = "SELECT"
      + " EXISTS (SELECT 1 FROM checkins WHERE event_id = $1 AND user_id = $2) AS attended,"
      + " EXISTS (SELECT 1 FROM survey_answered WHERE event_id = $1 AND user_id = $2) AS answered";
  // The marker's primary key is the rule "one answer per attendee": a second answer inserts nothing.
  private static final String MARK = "INSERT INTO survey_answered (event_id, user_id) VALUES ($1, $2)"
      + " ON CONFLICT DO NOTHING";
  private static final String ANSWER = "INSERT INTO survey_answers (event_id, user_id, rating, comment)"
      + " VALUES ($1, $2, $3, $4)";
  // Comments best first then by text, so their order says nothing about when or by whom.
  private static final String SUMMARY = "SELECT count(*) AS answers, avg(rating)::float8 AS average,"
      + " coalesce(json_agg(json_build_object('rating', a.rating, 'text', a.comment, 'displayName', u.display_name)"
      + "   ORDER BY a.rating DESC, a.comment) FILTER (WHERE a.comment IS NOT NULL), '[]'::json) AS comments,"
      + " array_agg(a.rating) AS ratings"
      + " FROM survey_answers a LEFT JOIN users u ON u.id = a.user_id AND u.deleted_at IS NULL WHERE a.event_id = $1";

  /** Whether the member was checked in at the event, and whether they have answered its survey. */
  public record Standing(boolean attended, boolean answered) {}

  public Future<Standing> standing(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(STANDING).execute(Tuple.of(eventId, userId)).map(rows -> {
      Row row = rows.iterator().next();
      return new Standing(row.getBoolean("attended"), row.getBoolean("answered"));
    });
  }

  /** False when the member had already answered (nothing written). */
  public Future<Boolean> markAnswered(SqlClient tx, long eventId, long userId) {
    return tx.preparedQuery(MARK).execute(Tuple.of(eventId, userId)).map(rows -> rows.rowCount() == 1);
  }

  /** {@code userId} null for an anonymous answer. */
  public Future<Void> insertAnswer(SqlClient tx, long eventId, Long userId, int rating, String comment) {
    return tx.preparedQuery(ANSWER).execute(Tuple.of(eventId, userId, rating, comment)).mapEmpty();
  }

  /** An event's answers: how many, their average, each rating's count, and the comments. */
  public record Summary(long answers, Double averageRating, long[] ratingCounts, List<Comment> comments) {
    public JsonObject toJson() {
      JsonArray list = new JsonArray();
      comments.forEach(c -> list.add(c.toJson()));
      return new JsonObject().put("answers", answers).put("averageRating", averageRating).put("comments", list);
    }
  }

  /** A comment; the author's name only when they chose to sign it. */
  public record Comment(int rating, String text, String displayName) {
    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("rating", rating).put("text", text);
      return displayName == null ? json : json.put("displayName", displayName);
    }
  }

  public Future<Summary> summary(SqlClient client, long eventId) {
    return client.preparedQuery(SUMMARY).execute(Tuple.of(eventId)).map(rows -> {
      Row row = rows.iterator().next();
      long[] counts = new long[5];
      Object ratings = row.getValue("ratings");
      if (ratings instanceof Short[] values) {
        for (Short r : values) {
          counts[r - 1]++;
        }
      }
      List<Comment> comments = new ArrayList<>();
      Object json = row.getValue("comments");
      JsonArray array = json instanceof JsonArray a ? a : new JsonArray(String.valueOf(json));
      for (int i = 0; i < array.size(); i++) {
        JsonObject c = array.getJsonObject(i);
        comments.add(new Comment(c.getInteger("rating"), c.getString("text"), c.getString("displayName")));
      }
      Double average = row.getDouble("average");
      return new Summary(row.getLong("answers"), average == null ? null : Math.round(average * 100) / 100.0, counts,
          comments);
    });
  }
}
