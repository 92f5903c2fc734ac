package org.queqiao.sports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Times;
import org.queqiao.web.Views;

/**
 * The judge's phone in the field: one game at a time, a big box per team, one big button at the
 * bottom within the thumb's reach; black on white for sunlight. The form carries a submission id
 * made when the page was drawn (a double tap or a resend stores once) and the result version the
 * judge saw (a sheet that differs from one entered meanwhile comes back to compare, not stored).
 */
public final class JudgePages {
  private final SportsService service;
  private final EventAccess access;
  private final Views views;
  private final Messages messages;
  private final SportsGate gate;

  public JudgePages(SportsService service, EventAccess access, Views views, Messages messages) {
    this.service = service;
    this.access = access;
    this.views = views;
    this.messages = messages;
    this.gate = new SportsGate(service);
  }

  public void mount(Router router) {
    router.get("/events/:id/sports/judge").handler(access::requireJudge).handler(gate::sportsDay)
        .handler(this::showGames);
    router.get("/events/:id/sports/judge/:key").handler(access::requireJudge).handler(gate::sportsDay)
        .handler(this::showSheet);
    router.post("/events/:id/sports/judge/:key").handler(access::requireJudge).handler(gate::sportsDay)
        .handler(this::submitSheet);
  }

  private void showGames(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String lang = Lang.of(ctx);
    service.games(event).onSuccess(games -> {
      Map<String, Object> model = new HashMap<>();
      model.put("title", messages.get(lang, "sports.judge.title"));
      model.put("bodyClass", "field-mode");
      model.put("event", Map.of("id", event.id(), "title", event.title()));
      model.put("games", games.stream().map(g -> Map.of("key", g.key(), "name", g.name(), "done", g.resultVersion() > 0,
          "when", g.startsAt() == null ? "" : Times.hourMinute(g.startsAt(), event.zone()),
          "place", g.place() == null ? "" : g.place())).toList());
      model.put("same", "1".equals(ctx.request().getParam("same")));
      model.put("saved", games.stream().filter(g -> g.key().equals(ctx.request().getParam("saved")))
          .map(Game::name).findFirst().orElse(null));
      model.put("notYet", ctx.request().getParam("saved") == null && service.notStarted(event));
      views.render(ctx, "sports/judge", model);
    }).onFailure(ctx::fail);
  }

  private void showSheet(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String key = ctx.pathParam("key");
    service.standings(event).onSuccess(standings -> {
      Optional<Standings.GameRow> row = standings.games().stream().filter(g -> g.game().key().equals(key)).findFirst();
      if (row.isEmpty()) {
        ctx.fail(SportsErrors.gameNotFound());
        return;
      }
      views.render(ctx, "sports/sheet", sheetModel(ctx, event, row.get(), Map.of()));
    }).onFailure(ctx::fail);
  }

  private Map<String, Object> sheetModel(RoutingContext ctx, Event event, Standings.GameRow row, Map<String, String> typed) {
    String lang = Lang.of(ctx);
    Game game = row.game();
    Map<String, Object> model = new HashMap<>();
    model.put("title", game.name());
    model.put("bodyClass", "field-mode");
    model.put("event", Map.of("id", event.id(), "title", event.title()));
    model.put("game", Map.of("key", game.key(), "name", game.name(), "version", game.resultVersion(),
        "scoringHint", messages.get(lang, "sports.scoringHint." + game.scoring().name())));
    model.put("inputMode", game.scoring() == Scoring.PLACE ? "numeric" : "decimal");
    model.put("submissionId", UUID.randomUUID().toString());
    model.put("teams", event.pools().stream().map(p -> {
      String current = row.results().stream().filter(r -> r.team().equals(p.key())).findFirst()
          .map(r -> Values.text(r.value())).orElse("");
      return Map.of("key", p.key(), "label", p.label(), "value", typed.getOrDefault(p.key(), current),
          "current", current);
    }).toList());
    model.put("correcting", game.resultVersion() > 0);
    return model;
  }

  private void submitSheet(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String key = ctx.pathParam("key");
    JsonArray results = new JsonArray();
    Map<String, String> typed = new HashMap<>();
    java.util.List<String> order = new java.util.ArrayList<>();
    event.pools().forEach(p -> {
      String value = ctx.request().getFormAttribute("value." + p.key());
      if (value != null && !value.isBlank()) {
        typed.put(p.key(), value.strip());
        order.add(p.key());
        results.add(new JsonObject().put("team", p.key()).put("value", value.strip()));
      }
    });
    JsonObject body = new JsonObject().put("results", results)
        .put("submissionId", ctx.request().getFormAttribute("submissionId"))
        .put("replaces", ctx.request().getFormAttribute("replaces"));
    service.submitResults(event, CurrentUser.require(ctx).user(), key, body)
        .onSuccess(outcome -> Forms.seeOther(ctx, "/events/" + event.id() + "/sports/judge?saved=" + key
            + (outcome.created() ? "" : "&same=1")))
        .onFailure(failure -> service.standings(event).onSuccess(standings -> {
          Optional<Standings.GameRow> row = standings.games().stream().filter(g -> g.game().key().equals(key)).findFirst();
          if (row.isEmpty() || !(failure instanceof ApiError)) {
            ctx.fail(failure);
            return;
          }
          Map<String, Object> model = sheetModel(ctx, event, row.get(), typed);
          ApiError error = (ApiError) failure;
          model.put("conflict", "RESULT_CONFLICT".equals(error.code()));
          // Field names count the teams that were filled in; the page shows each message by its team's box.
          Map<String, String> teamErrors = new HashMap<>();
          error.fields().forEach((field, message) -> {
            String[] parts = field.split("\\.");
            if (parts.length == 3 && parts[1].matches("\\d{1,3}") && Integer.parseInt(parts[1]) < order.size()) {
              teamErrors.put(order.get(Integer.parseInt(parts[1])), views.message(ctx, message));
            }
          });
          model.put("teamErrors", teamErrors);
          views.renderRefusal(ctx, "sports/sheet", model, error);
        }).onFailure(ctx::fail));
  }
}
