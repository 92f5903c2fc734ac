package org.queqiao.sports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The demo sports day's eight games, half of them with results, so a newcomer sees standings at
 * once. Written straight into a fresh demo database (the "results from the start" rule is for
 * judges, not for the sample), right after the demo data is loaded.
 */
public final class SportsDemo {
  private record DemoGame(String key, String name, Scoring scoring, Integer teamSize, int female, int male,
      String place, List<Object> results) {}

  private static final List<DemoGame> GAMES = List.of(
      new DemoGame("tug", "拔河", Scoring.PLACE, 10, 4, 0, "东场地", List.of("team1", 2, "team2", 1, "team3", 3, "team4", 3)),
      new DemoGame("rope", "跳大绳", Scoring.SCORE_DESC, 12, 0, 0, "西场地",
          List.of("team1", 86, "team2", 74, "team3", 91, "team4", 60)),
      new DemoGame("kangaroo", "袋鼠跳接力", Scoring.TIME_ASC, 6, 2, 0, "跑道",
          List.of("team1", 58.4, "team2", 61.2, "team3", 57.9, "team4", 63)),
      new DemoGame("legs", "两人三足", Scoring.TIME_ASC, 2, 1, 1, "跑道",
          List.of("team1", 21.5, "team2", 19.8, "team3", 23.1, "team4", 19.8)),
      new DemoGame("ball", "托球跑", Scoring.TIME_ASC, 5, 0, 0, "跑道", List.of()),
      new DemoGame("hoops", "投篮比赛", Scoring.SCORE_DESC, 5, 0, 0, "篮球场", List.of()),
      new DemoGame("shuttle", "踢毽子", Scoring.SCORE_DESC, 3, 0, 0, "西场地", List.of()),
      new DemoGame("obstacle", "趣味障碍跑", Scoring.TIME_ASC, 4, 0, 0, "东场地", List.of()));

  private SportsDemo() {}

  public static Future<Void> seed(Pool pool, SportsRepository repository) {
    return pool.withTransaction(tx -> repository.firstSportsDay(tx).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      SportsRepository.DemoDay day = found.get();
      return repository.lockSettings(tx, day.eventId(), true, 3).compose(locked -> games(tx, repository, day, 0));
    }));
  }

  private static Future<Void> games(SqlClient tx, SportsRepository repository, SportsRepository.DemoDay day, int i) {
    if (i == GAMES.size()) {
      return Future.succeededFuture();
    }
    DemoGame g = GAMES.get(i);
    Game game = new Game(g.key(), g.name(), g.scoring(), g.teamSize(), Game.DEFAULT_POINTS, g.female(), g.male(),
        day.startsAt().plus(Duration.ofMinutes(45L * i)), g.place(), 0);
    JsonArray sheet = new JsonArray();
    for (int r = 0; r < g.results().size(); r += 2) {
      sheet.add(new JsonObject().put("team", g.results().get(r))
          .put("value", Values.json(new BigDecimal(g.results().get(r + 1).toString()))));
    }
    return repository.upsertGame(tx, day.eventId(), game, i)
        .compose(stored -> sheet.isEmpty() ? Future.succeededFuture(true)
            : repository.insertSheet(tx, day.eventId(), g.key(), 1, null, sheet, day.organizerId()))
        .compose(done -> games(tx, repository, day, i + 1));
  }
}
