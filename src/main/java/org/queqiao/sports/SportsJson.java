package org.queqiao.sports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.queqiao.events.Event;
import org.queqiao.web.Times;

/** The sports day's JSON shapes, in one place for the API and the live stream. */
final class SportsJson {
  private SportsJson() {}

  static JsonObject standings(Standings standings, Event event) {
    return standings.toJson(team -> SportsService.teamLabel(event, team), event.zone())
        .put("eventId", event.id()).put("title", event.title());
  }

  static JsonObject games(List<Game> games, Integer maxGamesPerPerson, Event event) {
    return new JsonObject()
        .put("games", new JsonArray(games.stream().map(g -> g.toJson(event.zone())).toList()))
        .put("maxGamesPerPerson", maxGamesPerPerson);
  }

  static JsonObject entries(String game, String team, List<SportsRepository.Entry> entries) {
    return new JsonObject().put("game", game).put("team", team).put("entries", new JsonArray(entries.stream()
        .map(e -> new JsonObject().put("userId", e.userId()).put("displayName", e.displayName())).toList()));
  }

  static JsonObject captains(List<SportsRepository.Captain> captains) {
    return new JsonObject().put("captains", new JsonArray(captains.stream()
        .map(c -> new JsonObject().put("team", c.team()).put("userId", c.userId()).put("displayName", c.displayName()))
        .toList()));
  }

  static JsonObject outcome(SportsService.Outcome outcome) {
    return SportsService.sheetJson(outcome).put("status", outcome.created() ? "CREATED" : "DUPLICATE");
  }

  static JsonObject history(Game game, List<SportsRepository.Sheet> sheets, Event event) {
    JsonArray list = new JsonArray();
    sheets.forEach(s -> {
      JsonArray results = new JsonArray();
      s.results().forEach(r -> results.add(new JsonObject().put("team", r.team()).put("value", Values.json(r.value()))));
      list.add(new JsonObject().put("version", s.version()).put("enteredBy", s.enteredBy())
          .put("enteredAt", Times.iso(s.enteredAt(), event.zone())).put("submissionId", s.submissionId())
          .put("results", results));
    });
    return new JsonObject().put("game", game.toJson(event.zone())).put("history", list);
  }
}
