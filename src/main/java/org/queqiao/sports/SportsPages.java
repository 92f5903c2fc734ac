package org.queqiao.sports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.events.ManagerSection;
import org.queqiao.rsvp.MyEventsNotes;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Views;

/**
 * The organisers' sports pages: setting up the games and captains (with its section on the event
 * page) and picking who plays, which captains do for their own team. Plain forms, no script needed.
 */
public final class SportsPages implements ManagerSection, MyEventsNotes {
  private static final int BLANK_ROWS = 3;
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private final SportsService service;
  private final EventAccess access;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;
  private final SportsGate gate;

  public SportsPages(SportsService service, EventAccess access, Authentication auth, Views views, Messages messages) {
    this.service = service;
    this.access = access;
    this.auth = auth;
    this.views = views;
    this.messages = messages;
    this.gate = new SportsGate(service);
  }

  public void mount(Router router) {
    router.get("/organizer/events/:id/games").handler(access::requireManager).handler(gate::sportsDay)
        .handler(this::showSetup);
    router.post("/organizer/events/:id/games").handler(access::requireManager).handler(gate::sportsDay)
        .handler(this::submitGames);
    router.post("/organizer/events/:id/captains").handler(access::requireManager).handler(gate::sportsDay)
        .handler(this::submitCaptains);
    router.get("/events/:id/sports/entries").handler(auth::requireUser).handler(access::requireVisible)
        .handler(gate::sportsDay).handler(gate::requireCaptainOrManager).handler(this::showEntries);
    router.post("/events/:id/sports/games/:key/entries").handler(auth::requireUser).handler(access::requireVisible)
        .handler(gate::sportsDay).handler(gate::requireCaptainOrManager).handler(this::submitEntries);
  }

  @Override
  public Future<Map<String, Object>> model(RoutingContext ctx, Event event) {
    if (!SportsService.isSportsDay(event)) {
      return Future.succeededFuture(Map.of());
    }
    return service.games(event).map(games -> Map.of("sportsDay", Map.of("games", games.size(),
        "done", games.stream().filter(g -> g.resultVersion() > 0).count())));
  }

  /** "My events": the games I played at each sports day. */
  @Override
  public Future<Map<Long, List<String>>> notes(RoutingContext ctx, User me) {
    String lang = Lang.of(ctx);
    return service.gamesPlayedBy(me).map(played -> {
      Map<Long, List<String>> names = new java.util.LinkedHashMap<>();
      played.forEach(g -> names.computeIfAbsent(g.eventId(), id -> new ArrayList<>()).add(g.gameName()));
      Map<Long, List<String>> lines = new HashMap<>();
      names.forEach((id, list) -> lines.put(id, List.of(messages.get(lang, "sports.mine.played", String.join("、", list)))));
      return lines;
    });
  }

  private void showSetup(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.games(event).compose(games -> setupModel(ctx, event, gameRows(games, event), Map.of()))
        .onSuccess(model -> views.render(ctx, "sports/setup", model))
        .onFailure(ctx::fail);
  }

  private Future<Map<String, Object>> setupModel(RoutingContext ctx, Event event, List<Map<String, Object>> rows,
      Map<String, String> typedLimit) {
    String lang = Lang.of(ctx);
    List<Future<List<SportsRepository.Member>>> members = event.pools().stream()
        .map(p -> service.teamMembers(event, p.key())).toList();
    return Future.all(service.maxGamesPerPerson(event), service.captains(event), Future.all(members)).map(all -> {
      Integer limit = all.resultAt(0);
      List<SportsRepository.Captain> captains = all.resultAt(1);
      Map<String, Object> model = new HashMap<>();
      model.put("title", messages.get(lang, "sports.setup.title"));
      model.put("event", Map.of("id", event.id(), "title", event.title()));
      model.put("rows", rows);
      model.put("rowCount", rows.size());
      model.put("maxGamesPerPerson", typedLimit.getOrDefault("maxGamesPerPerson", limit == null ? "" : limit.toString()));
      model.put("scorings", java.util.Arrays.stream(Scoring.values())
          .map(s -> Map.of("value", s.name(), "label", messages.get(lang, "sports.scoring." + s.name()))).toList());
      List<Map<String, Object>> teams = new ArrayList<>();
      for (int i = 0; i < event.pools().size(); i++) {
        String key = event.pools().get(i).key();
        List<SportsRepository.Member> team = ((io.vertx.core.CompositeFuture) all.resultAt(2)).resultAt(i);
        Set<Long> chosen = new HashSet<>();
        captains.stream().filter(c -> c.team().equals(key)).forEach(c -> chosen.add(c.userId()));
        teams.add(Map.of("key", key, "label", event.pools().get(i).label(), "members", team.stream()
            .map(m -> Map.of("id", m.userId(), "name", m.displayName(), "chosen", chosen.contains(m.userId())))
            .toList()));
      }
      model.put("teams", teams);
      model.put("saved", ctx.request().getParam("saved"));
      return model;
    });
  }

  private List<Map<String, Object>> gameRows(List<Game> games, Event event) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Game g : games) {
      Map<String, Object> row = new HashMap<>();
      row.put("key", g.key());
      row.put("name", g.name());
      row.put("scoring", g.scoring().name());
      row.put("teamSize", g.teamSize() == null ? "" : g.teamSize().toString());
      row.put("points", String.join("-", g.points().stream().map(String::valueOf).toList()));
      row.put("female", g.minFemale() == 0 ? "" : Integer.toString(g.minFemale()));
      row.put("male", g.minMale() == 0 ? "" : Integer.toString(g.minMale()));
      row.put("startsAt", g.startsAt() == null ? "" : LOCAL.format(g.startsAt().atZone(event.zone())));
      row.put("place", g.place() == null ? "" : g.place());
      row.put("hasResults", g.resultVersion() > 0);
      rows.add(row);
    }
    for (int i = 0; i < BLANK_ROWS; i++) {
      rows.add(new HashMap<>(Map.of("key", "", "name", "", "scoring", "PLACE", "teamSize", "",
          "points", "7-5-4-3-2-1", "female", "", "male", "", "startsAt", "", "place", "")));
    }
    for (int i = 0; i < rows.size(); i++) {
      rows.get(i).put("index", i);
      rows.get(i).put("number", i + 1);
    }
    return rows;
  }

  /** Rows with a name become games; a new row gets the next free key (g1, g2, …). */
  private void submitGames(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    var form = ctx.request().formAttributes();
    int count = Math.min(GameInput.MAX_GAMES + BLANK_ROWS, parseCount(form.get("rows")));
    List<Map<String, Object>> typed = new ArrayList<>();
    List<Integer> formIndexOf = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < count; i++) {
      keys.add(value(form.get("key." + i)));
    }
    JsonArray games = new JsonArray();
    int next = 1;
    for (int i = 0; i < count; i++) {
      Map<String, Object> row = new HashMap<>();
      for (String f : List.of("key", "name", "scoring", "teamSize", "points", "female", "male", "startsAt", "place")) {
        row.put(f, value(form.get(f + "." + i)));
      }
      row.put("index", i);
      row.put("number", i + 1);
      typed.add(row);
      if (((String) row.get("name")).isBlank() && ((String) row.get("key")).isBlank()) {
        continue;
      }
      String key = (String) row.get("key");
      while (key.isBlank() && keys.contains("g" + next)) {
        next++;
      }
      if (key.isBlank()) {
        key = "g" + next++;
        keys.add(key);
      }
      games.add(new JsonObject().put("key", key).put("name", row.get("name")).put("scoring", row.get("scoring"))
          .put("teamSize", row.get("teamSize")).put("points", points((String) row.get("points")))
          .put("quota", new JsonObject().put("FEMALE", row.get("female")).put("MALE", row.get("male")))
          .put("startsAt", row.get("startsAt")).put("place", row.get("place")));
      formIndexOf.add(i);
    }
    String limit = value(form.get("maxGamesPerPerson"));
    JsonObject body = new JsonObject().put("games", games).put("maxGamesPerPerson", limit.isBlank() ? null : limit);
    Future<List<Game>> saved;
    try {
      saved = service.putGames(event, body);
    } catch (ApiError refused) {
      saved = Future.failedFuture(refused);
    }
    saved.onSuccess(done -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "/games?saved=games"))
        .onFailure(failure -> {
          if (failure instanceof ApiError error) {
            error.fields().forEach((field, key) -> {
              String[] parts = field.split("\\.");
              if (parts.length >= 2 && "games".equals(parts[0]) && parts[1].matches("\\d{1,3}")
                  && Integer.parseInt(parts[1]) < formIndexOf.size()) {
                typed.get(formIndexOf.get(Integer.parseInt(parts[1]))).merge("errors", views.message(ctx, key),
                    (a, b) -> a + " " + b);
              }
            });
          }
          setupModel(ctx, event, typed, Map.of("maxGamesPerPerson", limit))
              .onSuccess(model -> views.renderRefusal(ctx, "sports/setup", model, failure))
              .onFailure(ctx::fail);
        });
  }

  /** "7-5-4-3-2-1" (or commas, spaces) as numbers; anything else goes on as text to be refused. */
  static Object points(String text) {
    if (text.isBlank()) {
      return null;
    }
    String[] parts = text.strip().split("[\\s,，、/-]+");
    JsonArray points = new JsonArray();
    for (String p : parts) {
      if (!p.matches("\\d{1,4}")) {
        return text;
      }
      points.add(Integer.parseInt(p));
    }
    return points;
  }

  private void submitCaptains(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    JsonArray captains = new JsonArray();
    event.pools().forEach(p -> ctx.request().formAttributes().getAll("captain." + p.key()).stream()
        .filter(v -> v.matches("\\d{1,18}"))
        .forEach(v -> captains.add(new JsonObject().put("team", p.key()).put("userId", Long.parseLong(v)))));
    service.putCaptains(event, new JsonObject().put("captains", captains))
        .onSuccess(done -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "/games?saved=captains#captains"))
        .onFailure(ctx::fail);
  }

  private void showEntries(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String team = SportsGate.isCaptain(ctx) ? SportsGate.teamFor(ctx, null)
        : event.pool(ctx.request().getParam("team", "")).map(p -> p.key()).orElse(event.pools().get(0).key());
    String lang = Lang.of(ctx);
    Future.all(service.games(event), service.teamMembers(event, team), service.entries(event)).onSuccess(all -> {
      List<Game> games = all.resultAt(0);
      List<SportsRepository.Member> members = all.resultAt(1);
      List<SportsRepository.Entry> entries = all.resultAt(2);
      boolean captain = SportsGate.isCaptain(ctx);
      Map<String, Object> model = new HashMap<>();
      model.put("title", messages.get(lang, "sports.entries.title"));
      model.put("event", Map.of("id", event.id(), "title", event.title()));
      model.put("team", team);
      model.put("teamLabel", SportsService.teamLabel(event, team));
      model.put("manager", !captain);
      model.put("teams", event.pools().stream().map(p -> Map.of("key", p.key(), "label", p.label(),
          "current", p.key().equals(team))).toList());
      long absent = members.stream().filter(m -> !m.checkedIn()).count();
      model.put("absent", absent);
      model.put("games", games.stream().map(g -> {
        Set<Long> playing = new HashSet<>();
        entries.stream().filter(e -> e.game().equals(g.key()) && e.team().equals(team)).forEach(e -> playing.add(e.userId()));
        Map<String, Object> row = new HashMap<>();
        row.put("key", g.key());
        row.put("name", g.name());
        row.put("limits", EntryTexts.limits(g, lang, messages));
        row.put("closed", captain && g.resultVersion() > 0);
        row.put("count", playing.size());
        row.put("members", members.stream().filter(SportsRepository.Member::checkedIn).map(m -> Map.of(
            "id", m.userId(), "name", m.displayName(), "playing", playing.contains(m.userId()),
            "gender", m.gender() == null ? "" : messages.get(lang, "sports.gender." + m.gender()))).toList());
        row.put("saved", g.key().equals(ctx.request().getParam("saved")));
        if (g.key().equals(ctx.request().getParam("refused"))) {
          row.put("refusal", EntryTexts.refusal(ctx.request().getParam("why", ""), lang, messages));
        }
        return row;
      }).toList());
      views.render(ctx, "sports/entries", model);
    }).onFailure(ctx::fail);
  }

  private void submitEntries(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String key = ctx.pathParam("key");
    String team = SportsGate.teamFor(ctx, ctx.request().getFormAttribute("team"));
    List<Long> ids = ctx.request().formAttributes().getAll("userId").stream().filter(v -> v.matches("\\d{1,18}"))
        .map(Long::parseLong).distinct().toList();
    String back = "/events/" + event.id() + "/sports/entries?team=" + team;
    service.putEntries(event, CurrentUser.require(ctx).user(), EventAccess.grant(ctx).manager(), key, team, ids)
        .onSuccess(done -> Forms.seeOther(ctx, back + "&saved=" + key + "#game-" + key))
        .onFailure(failure -> {
          if (failure instanceof ApiError error && error.status() < 500 && error.status() != 403) {
            List<String> why = error.fields().isEmpty() ? List.of(error.messageKey())
                : error.fields().values().stream().distinct().toList();
            Forms.seeOther(ctx, back + "&refused=" + key + "&why=" + String.join(",", why.stream()
                .filter(EntryTexts.REFUSALS::contains).toList()) + "#game-" + key);
          } else {
            ctx.fail(failure);
          }
        });
  }

  private static int parseCount(String raw) {
    return raw != null && raw.matches("\\d{1,3}") ? Integer.parseInt(raw) : 0;
  }

  private static String value(String raw) {
    return raw == null ? "" : raw.strip();
  }
}
