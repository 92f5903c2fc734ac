package org.queqiao.sports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.events.EventRepository;

/** Games, captains, entries and result sheets; stateless, on the client it is given. */
public final class SportsRepository {
  /** The channel on which a committed result sheet is announced to every instance's live standings. */
  public static final String CHANNEL = "queqiao_sports_results";

  private static final String GAME_COLUMNS = "key, name, scoring, team_size, points, min_female, min_male, starts_at,"
      + " place, result_version";
  private static final String GAMES = "SELECT " + GAME_COLUMNS + " FROM sports_games WHERE event_id = $1"
      + " ORDER BY position, key";
  private static final String LOCK_GAME = "SELECT " + GAME_COLUMNS + " FROM sports_games"
      + " WHERE event_id = $1 AND key = $2 FOR UPDATE";
  // Taking this row's lock first serialises every change of one event's set of games.
  private static final String LOCK_SETTINGS = "INSERT INTO sports_settings (event_id, max_games_per_person)"
      + " VALUES ($1, $2) ON CONFLICT (event_id) DO UPDATE SET max_games_per_person"
      + " = CASE WHEN $3 THEN EXCLUDED.max_games_per_person ELSE sports_settings.max_games_per_person END"
      + " RETURNING max_games_per_person";
  private static final String SETTINGS = "SELECT max_games_per_person FROM sports_settings WHERE event_id = $1";
  // A game with results keeps its way of scoring: the stored values mean what they meant.
  private static final String UPSERT_GAME = "INSERT INTO sports_games (event_id, key, name, scoring, team_size, points,"
      + " min_female, min_male, starts_at, place, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
      + " ON CONFLICT (event_id, key) DO UPDATE SET name = EXCLUDED.name, scoring = EXCLUDED.scoring,"
      + " team_size = EXCLUDED.team_size, points = EXCLUDED.points, min_female = EXCLUDED.min_female,"
      + " min_male = EXCLUDED.min_male, starts_at = EXCLUDED.starts_at, place = EXCLUDED.place,"
      + " position = EXCLUDED.position"
      + " WHERE sports_games.result_version = 0 OR sports_games.scoring = EXCLUDED.scoring RETURNING key";
  // Result sheets RESTRICT the delete of their game: results are history, never silently dropped.
  private static final String DELETE_OTHER_GAMES = "DELETE FROM sports_games WHERE event_id = $1 AND NOT (key = ANY($2))";

  private static final String CURRENT_SHEETS = "SELECT s.game_key, s.results FROM sports_result_sheets s"
      + " JOIN sports_games g ON g.event_id = s.event_id AND g.key = s.game_key AND g.result_version = s.version"
      + " WHERE s.event_id = $1";
  private static final String HISTORY = "SELECT s.version, s.submission_id, s.results, s.entered_at, u.display_name"
      + " FROM sports_result_sheets s LEFT JOIN users u ON u.id = s.entered_by"
      + " WHERE s.event_id = $1 AND s.game_key = $2 ORDER BY s.version DESC";
  private static final String BY_SUBMISSION = "SELECT version FROM sports_result_sheets"
      + " WHERE event_id = $1 AND game_key = $2 AND submission_id = $3";
  private static final String SHEET = "SELECT results FROM sports_result_sheets"
      + " WHERE event_id = $1 AND game_key = $2 AND version = $3";
  private static final String INSERT_SHEET = "INSERT INTO sports_result_sheets (event_id, game_key, version,"
      + " submission_id, results, entered_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
  // Moves the game from the version the judge saw to the next; 0 rows when someone was first.
  private static final String BUMP_VERSION = "UPDATE sports_games SET result_version = $3"
      + " WHERE event_id = $1 AND key = $2 AND result_version = $3 - 1";
  private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', $1)";

  private static final String CAPTAINS = "SELECT c.team_key, c.user_id, u.display_name FROM sports_captains c"
      + " JOIN users u ON u.id = c.user_id WHERE c.event_id = $1 ORDER BY c.team_key, u.display_name";
  private static final String CAPTAIN_TEAM = "SELECT team_key FROM sports_captains WHERE event_id = $1 AND user_id = $2";
  private static final String DELETE_CAPTAINS = "DELETE FROM sports_captains WHERE event_id = $1";
  // A captain is a confirmed member of the team they lead.
  private static final String INSERT_CAPTAIN = "INSERT INTO sports_captains (event_id, team_key, user_id)"
      + " SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM rsvps WHERE event_id = $1 AND pool_key = $2"
      + " AND user_id = $3 AND status = 'CONFIRMED') RETURNING user_id";

  private static final String LOCK_TEAM = "SELECT key FROM event_pools WHERE event_id = $1 AND key = $2 FOR UPDATE";
  private static final String TEAM_MEMBERS = "SELECT r.user_id, u.display_name, u.gender, c.rsvp_id IS NOT NULL"
      + " AS checked_in FROM rsvps r JOIN users u ON u.id = r.user_id LEFT JOIN checkins c ON c.rsvp_id = r.id"
      + " WHERE r.event_id = $1 AND r.pool_key = $2 AND r.status = 'CONFIRMED' ORDER BY u.display_name, r.user_id";
  private static final String OTHER_GAMES = "SELECT user_id, count(*) AS n FROM sports_entries"
      + " WHERE event_id = $1 AND user_id = ANY($2) AND game_key <> $3 GROUP BY user_id";
  private static final String DELETE_ENTRIES = "DELETE FROM sports_entries WHERE event_id = $1 AND game_key = $2"
      + " AND team_key = $3";
  private static final String INSERT_ENTRIES = "INSERT INTO sports_entries (event_id, game_key, team_key, user_id,"
      + " entered_by) SELECT $1, $2, $3, unnest($4::bigint[]), $5";
  private static final String ENTRIES = "SELECT e.game_key, e.team_key, e.user_id, u.display_name, u.gender"
      + " FROM sports_entries e JOIN users u ON u.id = e.user_id JOIN sports_games g"
      + " ON g.event_id = e.event_id AND g.key = e.game_key WHERE e.event_id = $1"
      + " ORDER BY g.position, e.team_key, u.display_name, e.user_id";
  private static final String MY_GAMES = "SELECT e.event_id, e.team_key, g.key, g.name FROM sports_entries e"
      + " JOIN sports_games g ON g.event_id = e.event_id AND g.key = e.game_key"
      + " WHERE e.user_id = $1 ORDER BY e.event_id, g.position";
  private static final String FIRST_SPORTS_DAY = "SELECT id, organizer_id, starts_at FROM events"
      + " WHERE type = 'SPORTS_DAY' ORDER BY id LIMIT 1";
  private static final String ATTENDS = "SELECT 1 FROM rsvps WHERE event_id = $1 AND user_id = $2 AND status = 'CONFIRMED'";

  public record Captain(String team, long userId, String displayName) {}

  public record Member(long userId, String displayName, String gender, boolean checkedIn) {}

  public record Entry(String game, String team, long userId, String displayName, String gender) {}

  public record Sheet(int version, String submissionId, List<Standings.Result> results, Instant enteredAt,
      String enteredBy) {}

  public record MyGame(long eventId, String team, String gameKey, String gameName) {}

  public Future<List<Game>> games(SqlClient client, long eventId) {
    return client.preparedQuery(GAMES).execute(Tuple.of(eventId)).map(rows -> {
      List<Game> games = new ArrayList<>();
      rows.forEach(row -> games.add(Game.from(row)));
      return games;
    });
  }

  public Future<Optional<Game>> lockGame(SqlClient tx, long eventId, String key) {
    return tx.preparedQuery(LOCK_GAME).execute(Tuple.of(eventId, key))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Game.from(rows.iterator().next())));
  }

  /** Locks the event's settings row (made if missing); sets the limit when {@code setLimit}. */
  public Future<Integer> lockSettings(SqlClient tx, long eventId, boolean setLimit, Integer limit) {
    return tx.preparedQuery(LOCK_SETTINGS).execute(Tuple.of(eventId, limit == null ? null : limit.shortValue(), setLimit))
        .map(rows -> shortToInt(rows.iterator().next().getShort("max_games_per_person")));
  }

  public Future<Integer> maxGamesPerPerson(SqlClient client, long eventId) {
    return client.preparedQuery(SETTINGS).execute(Tuple.of(eventId))
        .map(rows -> rows.size() == 0 ? null : shortToInt(rows.iterator().next().getShort("max_games_per_person")));
  }

  private static Integer shortToInt(Short value) {
    return value == null ? null : value.intValue();
  }

  /** False when the game has results and would change its way of scoring. */
  public Future<Boolean> upsertGame(SqlClient tx, long eventId, Game game, int position) {
    return tx.preparedQuery(UPSERT_GAME).execute(Tuple.tuple().addLong(eventId).addString(game.key())
            .addString(game.name()).addString(game.scoring().name())
            .addValue(game.teamSize() == null ? null : game.teamSize().shortValue())
            .addArrayOfInteger(game.points().toArray(Integer[]::new))
            .addShort((short) game.minFemale()).addShort((short) game.minMale())
            .addOffsetDateTime(game.startsAt() == null ? null : EventRepository.utc(game.startsAt()))
            .addString(game.place()).addShort((short) position))
        .map(rows -> rows.size() == 1);
  }

  public Future<Void> deleteOtherGames(SqlClient tx, long eventId, List<String> keep) {
    return tx.preparedQuery(DELETE_OTHER_GAMES)
        .execute(Tuple.tuple().addLong(eventId).addArrayOfString(keep.toArray(String[]::new))).mapEmpty();
  }

  /** Each game's current sheet, by game key. */
  public Future<Map<String, List<Standings.Result>>> currentResults(SqlClient client, long eventId) {
    return client.preparedQuery(CURRENT_SHEETS).execute(Tuple.of(eventId)).map(rows -> {
      Map<String, List<Standings.Result>> current = new HashMap<>();
      rows.forEach(row -> current.put(row.getString("game_key"), results(row)));
      return current;
    });
  }

  public Future<List<Standings.Result>> sheet(SqlClient client, long eventId, String game, int version) {
    return client.preparedQuery(SHEET).execute(Tuple.of(eventId, game, version))
        .map(rows -> rows.size() == 0 ? List.of() : results(rows.iterator().next()));
  }

  public Future<List<Sheet>> history(SqlClient client, long eventId, String game) {
    return client.preparedQuery(HISTORY).execute(Tuple.of(eventId, game)).map(rows -> {
      List<Sheet> sheets = new ArrayList<>();
      rows.forEach(row -> sheets.add(new Sheet(row.getInteger("version"), row.getString("submission_id"),
          results(row), row.getOffsetDateTime("entered_at").toInstant(), row.getString("display_name"))));
      return sheets;
    });
  }

  public Future<Optional<Integer>> versionOfSubmission(SqlClient tx, long eventId, String game, String submissionId) {
    return tx.preparedQuery(BY_SUBMISSION).execute(Tuple.of(eventId, game, submissionId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getInteger("version")));
  }

  /** Stores the sheet as the game's next version and announces it on commit; false if another was first. */
  public Future<Boolean> insertSheet(SqlClient tx, long eventId, String game, int version, String submissionId,
      JsonArray results, long enteredBy) {
    return tx.preparedQuery(BUMP_VERSION).execute(Tuple.of(eventId, game, version)).compose(bumped -> {
      if (bumped.rowCount() != 1) {
        return Future.succeededFuture(false);
      }
      return tx.preparedQuery(INSERT_SHEET).execute(Tuple.of(eventId, game, version, submissionId, results, enteredBy))
          .compose(inserted -> tx.preparedQuery(NOTIFY).execute(Tuple.of(new JsonObject().put("eventId", eventId)
              .put("game", game).put("version", version)
              .put("sheetId", inserted.iterator().next().getLong("id")).encode())))
          .map(true);
    });
  }

  private static List<Standings.Result> results(Row row) {
    List<Standings.Result> results = new ArrayList<>();
    Object raw = row.getValue("results");
    if (raw instanceof JsonArray array) {
      array.forEach(r -> {
        JsonObject result = (JsonObject) r;
        results.add(new Standings.Result(result.getString("team"), Values.of(result.getValue("value"))));
      });
    }
    return results;
  }

  public Future<List<Captain>> captains(SqlClient client, long eventId) {
    return client.preparedQuery(CAPTAINS).execute(Tuple.of(eventId)).map(rows -> {
      List<Captain> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Captain(row.getString("team_key"), row.getLong("user_id"),
          row.getString("display_name"))));
      return list;
    });
  }

  public Future<Optional<String>> captainTeam(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(CAPTAIN_TEAM).execute(Tuple.of(eventId, userId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("team_key")));
  }

  public Future<Void> deleteCaptains(SqlClient tx, long eventId) {
    return tx.preparedQuery(DELETE_CAPTAINS).execute(Tuple.of(eventId)).mapEmpty();
  }

  /** False when the person is not a confirmed member of that team. */
  public Future<Boolean> insertCaptain(SqlClient tx, long eventId, String team, long userId) {
    return tx.preparedQuery(INSERT_CAPTAIN).execute(Tuple.of(eventId, team, userId)).map(rows -> rows.size() == 1);
  }

  public Future<Boolean> lockTeam(SqlClient tx, long eventId, String team) {
    return tx.preparedQuery(LOCK_TEAM).execute(Tuple.of(eventId, team)).map(rows -> rows.size() == 1);
  }

  public Future<List<Member>> teamMembers(SqlClient client, long eventId, String team) {
    return client.preparedQuery(TEAM_MEMBERS).execute(Tuple.of(eventId, team)).map(rows -> {
      List<Member> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Member(row.getLong("user_id"), row.getString("display_name"),
          row.getString("gender"), row.getBoolean("checked_in"))));
      return list;
    });
  }

  /** How many other games of the event each of these people already plays. */
  public Future<Map<Long, Integer>> otherGames(SqlClient tx, long eventId, List<Long> userIds, String game) {
    return tx.preparedQuery(OTHER_GAMES).execute(Tuple.of(eventId, userIds.toArray(Long[]::new), game)).map(rows -> {
      Map<Long, Integer> counts = new HashMap<>();
      rows.forEach(row -> counts.put(row.getLong("user_id"), row.getLong("n").intValue()));
      return counts;
    });
  }

  public Future<Void> replaceEntries(SqlClient tx, long eventId, String game, String team, List<Long> userIds,
      long enteredBy) {
    return tx.preparedQuery(DELETE_ENTRIES).execute(Tuple.of(eventId, game, team))
        .compose(deleted -> userIds.isEmpty() ? Future.succeededFuture()
            : tx.preparedQuery(INSERT_ENTRIES).execute(Tuple.of(eventId, game, team, userIds.toArray(Long[]::new),
                enteredBy)).mapEmpty());
  }

  public Future<List<Entry>> entries(SqlClient client, long eventId) {
    return client.preparedQuery(ENTRIES).execute(Tuple.of(eventId)).map(rows -> {
      List<Entry> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Entry(row.getString("game_key"), row.getString("team_key"),
          row.getLong("user_id"), row.getString("display_name"), row.getString("gender"))));
      return list;
    });
  }

  public Future<List<MyGame>> gamesPlayedBy(SqlClient client, long userId) {
    return client.preparedQuery(MY_GAMES).execute(Tuple.of(userId)).map(rows -> {
      List<MyGame> list = new ArrayList<>();
      rows.forEach(row -> list.add(new MyGame(row.getLong("event_id"), row.getString("team_key"),
          row.getString("key"), row.getString("name"))));
      return list;
    });
  }

  /** The demo data's sports day: its id, organiser and start, if there is one. */
  public record DemoDay(long eventId, long organizerId, Instant startsAt) {}

  public Future<Optional<DemoDay>> firstSportsDay(SqlClient client) {
    return client.preparedQuery(FIRST_SPORTS_DAY).execute().map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(rows.iterator().next()).map(r -> new DemoDay(r.getLong("id"), r.getLong("organizer_id"),
            r.getOffsetDateTime("starts_at").toInstant())));
  }

  public Future<Boolean> attends(SqlClient client, long eventId, long userId) {
    return client.preparedQuery(ATTENDS).execute(Tuple.of(eventId, userId)).map(rows -> rows.size() > 0);
  }
}
