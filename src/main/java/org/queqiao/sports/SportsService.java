package org.queqiao.sports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.queqiao.events.Event;
import org.queqiao.events.EventType;
import org.queqiao.users.User;
import org.queqiao.web.Numbers;

/**
 * The sports-day rules that need a transaction: the set of games (serialised per event by its
 * settings row), captains, entries (under the team's pool lock, so team size, quota and the
 * per-person limit hold against concurrent pickers and sign-up changes) and result sheets (under
 * the game's row lock, moving its result version by exactly one).
 */
public final class SportsService {
  private final Pool pool;
  private final SqlClient reads;
  private final SqlClient lagging;
  private final SportsRepository repository;
  private final Clock clock;

  /**
   * {@code reads}: the primary's pipelined client; {@code lagging}: the replica's (or the same), for
   * what the audience and the reports read ({@link org.queqiao.db.ReadClient}).
   */
  public SportsService(Pool pool, SqlClient reads, SqlClient lagging, SportsRepository repository, Clock clock) {
    this.pool = pool;
    this.reads = reads;
    this.lagging = lagging;
    this.repository = repository;
    this.clock = clock;
  }

  public static boolean isSportsDay(Event event) {
    return event.type() == EventType.SPORTS_DAY;
  }

  public List<String> teams(Event event) {
    return event.pools().stream().map(org.queqiao.events.Pool::key).toList();
  }

  public static String teamLabel(Event event, String team) {
    return event.pool(team).map(org.queqiao.events.Pool::label).orElse(team);
  }

  public Future<List<Game>> games(Event event) {
    return repository.games(pool, event.id());
  }

  public Future<Integer> maxGamesPerPerson(Event event) {
    return repository.maxGamesPerPerson(pool, event.id());
  }

  /** Replaces the day's games; a game with results may change all but its scoring, and stays. */
  public Future<List<Game>> putGames(Event event, Object body) {
    GameInput input = GameInput.parse(body, event);
    return pool.withTransaction(tx -> repository.lockSettings(tx, event.id(), input.limitGiven(),
            input.maxGamesPerPerson())
        .compose(locked -> upsertAll(tx, event, input.games(), 0))
        .compose(done -> repository.deleteOtherGames(tx, event.id(), input.games().stream().map(Game::key).toList()))
        .compose(done -> repository.games(tx, event.id())))
        .recover(failure -> failure instanceof PgException pg && "23503".equals(pg.getSqlState())
            ? Future.failedFuture(SportsErrors.gameHasResults(""))
            : Future.failedFuture(failure));
  }

  private Future<Void> upsertAll(SqlClient tx, Event event, List<Game> games, int from) {
    if (from == games.size()) {
      return Future.succeededFuture();
    }
    Game game = games.get(from);
    return repository.upsertGame(tx, event.id(), game, from).compose(stored -> stored
        ? upsertAll(tx, event, games, from + 1)
        : Future.failedFuture(SportsErrors.gameHasResults(game.key())));
  }

  public Future<List<SportsRepository.Captain>> captains(Event event) {
    return repository.captains(pool, event.id());
  }

  /** Replaces the captains: {@code {"captains":[{"team","userId"}]}}, each a confirmed member of that team. */
  public Future<List<SportsRepository.Captain>> putCaptains(Event event, JsonObject body) {
    if (!(body.getValue("captains") instanceof JsonArray array) || array.size() > 200) {
      throw SportsErrors.invalid(Map.of("captains", "field.sports.captains"));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    List<SportsRepository.Captain> wanted = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject c = array.getValue(i) instanceof JsonObject o ? o : new JsonObject();
      String team = c.getValue("team") instanceof String s ? s : "";
      Optional<Long> user = Numbers.wholeNumber(c.getValue("userId"), 1, Long.MAX_VALUE);
      if (event.pool(team).isEmpty()) {
        errors.put("captains." + i + ".team", "field.sports.team");
      }
      if (user.isEmpty()) {
        errors.put("captains." + i + ".userId", "field.sports.captainNotInTeam");
      }
      wanted.add(new SportsRepository.Captain(team, user.orElse(0L), null));
    }
    if (!errors.isEmpty()) {
      throw SportsErrors.invalid(errors);
    }
    return pool.withTransaction(tx -> repository.lockSettings(tx, event.id(), false, null)
        .compose(locked -> repository.deleteCaptains(tx, event.id()))
        .compose(deleted -> insertCaptains(tx, event, wanted, 0)))
        .compose(done -> captains(event));
  }

  private Future<Void> insertCaptains(SqlClient tx, Event event, List<SportsRepository.Captain> wanted, int from) {
    if (from == wanted.size()) {
      return Future.succeededFuture();
    }
    SportsRepository.Captain c = wanted.get(from);
    return repository.insertCaptain(tx, event.id(), c.team(), c.userId()).compose(ok -> ok
        ? insertCaptains(tx, event, wanted, from + 1)
        : Future.failedFuture(SportsErrors.invalid(Map.of("captains." + from + ".userId", "field.sports.captainNotInTeam"))));
  }

  public Future<Optional<String>> captainTeam(Event event, User user) {
    return repository.captainTeam(reads, event.id(), user.id());
  }

  public Future<List<SportsRepository.Member>> teamMembers(Event event, String team) {
    return repository.teamMembers(pool, event.id(), team);
  }

  public Future<List<SportsRepository.Entry>> entries(Event event) {
    return repository.entries(pool, event.id());
  }

  /**
   * Who plays {@code gameKey} for {@code team} (the whole list, replacing the last): checked-in
   * members of that team, at most the team size, meeting the gender quota, none over the per-person
   * limit. Captains may change an entry until the game has a result; managers at any time.
   */
  public Future<List<SportsRepository.Entry>> putEntries(Event event, User by, boolean manager, String gameKey,
      String team, List<Long> userIds) {
    return pool.withTransaction(tx -> repository.lockTeam(tx, event.id(), team).compose(teamFound -> {
      if (!teamFound) {
        return Future.failedFuture(SportsErrors.teamRequired());
      }
      return repository.lockGame(tx, event.id(), gameKey);
    }).compose(game -> {
      if (game.isEmpty()) {
        return Future.failedFuture(SportsErrors.gameNotFound());
      }
      if (!manager && game.get().resultVersion() > 0) {
        return Future.failedFuture(SportsErrors.entriesClosed());
      }
      return Future.all(repository.teamMembers(tx, event.id(), team), repository.maxGamesPerPerson(tx, event.id()),
              repository.otherGames(tx, event.id(), userIds, gameKey))
          .compose(all -> {
            checkEntry(game.get(), userIds, all.resultAt(0), all.resultAt(1), all.resultAt(2));
            return repository.replaceEntries(tx, event.id(), gameKey, team, userIds, by.id());
          });
    })).compose(done -> entries(event))
        .map(all -> all.stream().filter(e -> e.game().equals(gameKey) && e.team().equals(team)).toList());
  }

  /** Throws 400 naming each person who may not play and each limit the entry breaks. */
  static void checkEntry(Game game, List<Long> userIds, List<SportsRepository.Member> members, Integer maxGames,
      Map<Long, Integer> otherGames) {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<Long, SportsRepository.Member> byId = new java.util.HashMap<>();
    members.forEach(m -> byId.put(m.userId(), m));
    int female = 0;
    int male = 0;
    for (int i = 0; i < userIds.size(); i++) {
      SportsRepository.Member m = byId.get(userIds.get(i));
      if (m == null || !m.checkedIn()) {
        errors.put("userIds." + i, "field.sports.notCheckedIn");
        continue;
      }
      female += "FEMALE".equals(m.gender()) ? 1 : 0;
      male += "MALE".equals(m.gender()) ? 1 : 0;
      if (maxGames != null && otherGames.getOrDefault(m.userId(), 0) >= maxGames) {
        errors.put("userIds." + i, "field.sports.overGameLimit");
      }
    }
    if (game.teamSize() != null && userIds.size() > game.teamSize()) {
      errors.put("userIds", "field.sports.overTeamSize");
    } else if (!userIds.isEmpty() && (female < game.minFemale() || male < game.minMale())) {
      errors.put("userIds", "field.sports.quotaUnmet");
    }
    if (!errors.isEmpty()) {
      throw SportsErrors.invalid(errors);
    }
  }

  /** Parses {@code userIds}: distinct whole numbers, at most 500. */
  static List<Long> userIds(Object raw) {
    if (!(raw instanceof JsonArray array) || array.size() > 500) {
      throw SportsErrors.invalid(Map.of("userIds", "field.sports.userIds"));
    }
    List<Long> ids = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (Object value : array) {
      Optional<Long> id = Numbers.wholeNumber(value, 1, Long.MAX_VALUE);
      if (id.isEmpty() || !seen.add(id.get())) {
        throw SportsErrors.invalid(Map.of("userIds", "field.sports.userIds"));
      }
      ids.add(id.get());
    }
    return ids;
  }

  /** What became of a result sheet: stored as a new version, or recognised as one already stored. */
  public record Outcome(boolean created, Game game, int version, List<Standings.Placed> results) {}

  /**
   * Enters a game's results. The same sheet sent again — the same {@code submissionId}, or the
   * same values as the current sheet — changes nothing. A different sheet is stored only if it
   * names the version it corrects ({@code replaces}); else 409 with the current sheet.
   */
  public Future<Outcome> submitResults(Event event, User judge, String gameKey, JsonObject body) {
    if (Event.CANCELLED.equals(event.status())) {
      return Future.failedFuture(SportsErrors.eventCancelled());
    }
    if (clock.instant().isBefore(event.startsAt())) {
      return Future.failedFuture(SportsErrors.resultsNotOpen());
    }
    return pool.withTransaction(tx -> repository.lockGame(tx, event.id(), gameKey).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(SportsErrors.gameNotFound());
      }
      Game game = found.get();
      ResultInput input = ResultInput.parse(body, game, event);
      Future<Optional<Integer>> replay = input.submissionId() == null ? Future.succeededFuture(Optional.empty())
          : repository.versionOfSubmission(tx, event.id(), gameKey, input.submissionId());
      return Future.all(replay, repository.sheet(tx, event.id(), gameKey, game.resultVersion())).compose(both -> {
        Optional<Integer> seen = both.resultAt(0);
        List<Standings.Result> current = both.resultAt(1);
        Outcome unchanged = new Outcome(false, game, game.resultVersion(), Standings.place(game, current));
        if (seen.isPresent() || game.resultVersion() > 0 && same(current, input.results())) {
          return Future.succeededFuture(unchanged);
        }
        if (input.replaces() != game.resultVersion()) {
          return Future.failedFuture(SportsErrors.resultConflict(sheetJson(unchanged)));
        }
        int next = game.resultVersion() + 1;
        return repository.insertSheet(tx, event.id(), gameKey, next, input.submissionId(), input.toJson(), judge.id())
            .compose(stored -> stored
                ? Future.succeededFuture(new Outcome(true, game, next, Standings.place(game, input.results())))
                : Future.failedFuture(SportsErrors.resultConflict(sheetJson(unchanged))));
      });
    }));
  }

  static boolean same(List<Standings.Result> a, List<Standings.Result> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Standings.Result x : a) {
      if (b.stream().noneMatch(y -> y.team().equals(x.team()) && y.value().compareTo(x.value()) == 0)) {
        return false;
      }
    }
    return true;
  }

  static JsonObject sheetJson(Outcome outcome) {
    JsonArray results = new JsonArray();
    outcome.results().forEach(p -> results.add(new JsonObject().put("team", p.team())
        .put("value", Values.json(p.value())).put("place", p.place()).put("points", p.points())));
    return new JsonObject().put("game", outcome.game().key()).put("version", outcome.version()).put("results", results);
  }

  /** Before the start no result is taken (contract §13). */
  public boolean notStarted(Event event) {
    return clock.instant().isBefore(event.startsAt());
  }

  public Future<List<SportsRepository.Sheet>> history(Event event, String gameKey) {
    return repository.history(pool, event.id(), gameKey);
  }

  /** The standings now, from the primary: a live stream reads them right after a commit. */
  public Future<Standings> standings(Event event) {
    return standings(pool, event);
  }

  /**
   * The standings as the audience and the reports see them, from the replica when there is one:
   * they may be a moment behind, and the live stream brings the page up to date.
   */
  public Future<Standings> publishedStandings(Event event) {
    return standings(lagging, event);
  }

  private Future<Standings> standings(SqlClient client, Event event) {
    return Future.all(repository.games(client, event.id()), repository.currentResults(client, event.id()))
        .map(all -> Standings.of(teams(event), all.resultAt(0), all.resultAt(1)));
  }

  public Future<List<SportsRepository.MyGame>> gamesPlayedBy(User user) {
    return repository.gamesPlayedBy(reads, user.id());
  }

  /** Whether this person has a confirmed place at the event (and may see who played for whom). */
  public Future<Boolean> attends(Event event, User user) {
    return repository.attends(reads, event.id(), user.id());
  }
}
