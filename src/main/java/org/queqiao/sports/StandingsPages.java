package org.queqiao.sports;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Times;
import org.queqiao.web.Views;

/**
 * The public standings page, the projector page for the venue's screen (both drawn by the server
 * and kept current by standings.js from the live stream), and each team's page.
 */
public final class StandingsPages {
  private final SportsService service;
  private final EventAccess access;
  private final Views views;
  private final Messages messages;
  private final SportsGate gate;

  public StandingsPages(SportsService service, EventAccess access, Views views, Messages messages) {
    this.service = service;
    this.access = access;
    this.views = views;
    this.messages = messages;
    this.gate = new SportsGate(service);
  }

  public void mount(Router router) {
    router.get("/events/:id/standings").handler(access::requireVisible).handler(gate::sportsDay)
        .handler(ctx -> showStandings(ctx, "sports/standings", null));
    router.get("/events/:id/standings/projector").handler(access::requireVisible).handler(gate::sportsDay)
        .handler(ctx -> showStandings(ctx, "sports/standings", "projector"));
    router.get("/events/:id/teams/:team").handler(access::requireVisible).handler(gate::sportsDay)
        .handler(this::showTeam);
  }

  private void showStandings(RoutingContext ctx, String view, String bodyClass) {
    Event event = EventAccess.event(ctx);
    String lang = Lang.of(ctx);
    service.publishedStandings(event).onSuccess(standings -> {
      Map<String, Object> model = new HashMap<>();
      model.put("title", messages.get(lang, "sports.standings.title") + " · " + event.title());
      model.put("event", Map.of("id", event.id(), "title", event.title()));
      if (bodyClass != null) {
        model.put("bodyClass", bodyClass);
        model.put("projector", true);
      }
      model.put("teams", standings.teams().stream().map(t -> Map.<String, Object>of("team", t.team(),
          "label", SportsService.teamLabel(event, t.team()), "points", t.points(), "gold", t.gold(),
          "silver", t.silver(), "bronze", t.bronze(), "rank", t.rank())).toList());
      model.put("games", standings.games().stream().map(g -> gameRow(g, event, lang)).toList());
      model.put("anyResult", standings.games().stream().anyMatch(Standings.GameRow::done));
      model.put("hasGames", !standings.games().isEmpty());
      views.render(ctx, view, model);
    }).onFailure(ctx::fail);
  }

  private Map<String, Object> gameRow(Standings.GameRow g, Event event, String lang) {
    Map<String, Object> row = new HashMap<>();
    row.put("key", g.game().key());
    row.put("name", g.game().name());
    row.put("done", g.done());
    row.put("when", g.game().startsAt() == null ? "" : Times.hourMinute(g.game().startsAt(), event.zone()));
    row.put("place", g.game().place() == null ? "" : g.game().place());
    row.put("results", g.results().stream().map(p -> Map.of("place", p.place(),
        "label", SportsService.teamLabel(event, p.team()), "value", Values.text(p.value()), "points", p.points(),
        "medal", p.medal() == null ? "" : p.medal())).toList());
    return row;
  }

  /**
   * A team's day: its rank, points and medals, each game's result, and who played. Names are shown
   * only to the event's members, staff and managers; everyone else sees the results.
   */
  private void showTeam(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String team = ctx.pathParam("team");
    if (event.pool(team).isEmpty()) {
      ctx.fail(ApiError.notFound());
      return;
    }
    String lang = Lang.of(ctx);
    Optional<User> viewer = CurrentUser.of(ctx).map(CurrentUser::user);
    EventAccess.Grant grant = EventAccess.grant(ctx);
    Future<Boolean> seesNames = grant.manager() || grant.staffRole() != null ? Future.succeededFuture(true)
        : viewer.map(u -> service.attends(event, u)).orElse(Future.succeededFuture(false));
    Future.all(service.publishedStandings(event), service.entries(event), seesNames).onSuccess(all -> {
      Standings standings = all.resultAt(0);
      List<SportsRepository.Entry> entries = all.resultAt(1);
      boolean names = all.resultAt(2);
      Map<String, Object> model = new HashMap<>();
      String label = SportsService.teamLabel(event, team);
      model.put("title", label + " · " + event.title());
      model.put("event", Map.of("id", event.id(), "title", event.title()));
      model.put("label", label);
      standings.teams().stream().filter(t -> t.team().equals(team)).findFirst().ifPresent(t -> model.put("total",
          Map.of("points", t.points(), "gold", t.gold(), "silver", t.silver(), "bronze", t.bronze(), "rank", t.rank())));
      List<Map<String, Object>> games = new ArrayList<>();
      for (Standings.GameRow g : standings.games()) {
        Map<String, Object> row = new HashMap<>();
        row.put("name", g.game().name());
        g.results().stream().filter(p -> p.team().equals(team)).findFirst().ifPresent(p -> {
          row.put("value", Values.text(p.value()));
          row.put("place", p.place());
          row.put("points", p.points());
          row.put("medal", p.medal() == null ? "" : messages.get(lang, "sports.medal." + p.medal()));
        });
        if (names) {
          row.put("players", String.join("、", entries.stream()
              .filter(e -> e.game().equals(g.game().key()) && e.team().equals(team)).map(SportsRepository.Entry::displayName)
              .toList()));
        }
        games.add(row);
      }
      model.put("games", games);
      model.put("names", names);
      model.put("teams", event.pools().stream().map(p -> Map.of("key", p.key(), "label", p.label())).toList());
      views.render(ctx, "sports/team", model);
    }).onFailure(ctx::fail);
  }
}
