package org.queqiao.sports;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.db.EventChannels;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.web.Json;
import org.queqiao.web.Messages;

/** The sports-day JSON API (contract §13): games, captains, entries, results, standings and their stream. */
public final class SportsRoutes {
  private static final long HEARTBEAT_MS = 15_000;

  private final SportsService service;
  private final EventAccess access;
  private final Authentication auth;
  private final SportsGate gate;
  private final StandingsFeed feed;
  private final AfterTheDay afterTheDay;

  public SportsRoutes(SportsService service, EventAccess access, Authentication auth, Messages messages,
      Certificates certificates) {
    this.service = service;
    this.access = access;
    this.auth = auth;
    this.gate = new SportsGate(service);
    this.feed = new StandingsFeed(service);
    this.afterTheDay = new AfterTheDay(service, messages, certificates);
  }

  public void mount(Router router) {
    router.get("/api/events/:id/games").handler(access::requireVisible).handler(gate::sportsDay).handler(this::listGames);
    router.put("/api/events/:id/games").handler(access::requireManager).handler(gate::sportsDay).handler(this::putGames);
    router.get("/api/events/:id/captains").handler(access::requireManager).handler(gate::sportsDay)
        .handler(this::listCaptains);
    router.put("/api/events/:id/captains").handler(access::requireManager).handler(gate::sportsDay)
        .handler(this::putCaptains);
    router.put("/api/events/:id/games/:key/entries").handler(auth::requireUser).handler(access::requireVisible)
        .handler(gate::sportsDay).handler(gate::requireCaptainOrManager).handler(this::putEntries);
    router.post("/api/events/:id/games/:key/results").handler(access::requireJudge).handler(gate::sportsDay)
        .handler(this::submitResults);
    router.get("/api/events/:id/games/:key/results").handler(access::requireJudge).handler(gate::sportsDay)
        .handler(this::showResultHistory);
    router.get("/api/events/:id/standings").handler(access::requireVisible).handler(gate::sportsDay)
        .handler(this::showStandings);
    router.get("/api/events/:id/standings/stream").handler(access::requireVisible).handler(gate::sportsDay)
        .handler(this::streamStandings);
    router.get("/api/events/:id/results.csv").handler(access::requireManager).handler(gate::sportsDay)
        .handler(afterTheDay::downloadResults);
    router.get("/api/events/:id/certificates.pdf").handler(access::requireManager).handler(gate::sportsDay)
        .handler(afterTheDay::downloadCertificates);
    router.get("/api/me/games").handler(auth::requireUser).handler(this::listMyGames);
  }

  private void listGames(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.games(event).compose(games -> service.maxGamesPerPerson(event)
            .map(limit -> SportsJson.games(games, limit, event)))
        .onSuccess(json -> Json.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void putGames(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    Object body = ctx.body() == null || ctx.body().length() == 0 ? null : bodyValue(ctx);
    service.putGames(event, body)
        .compose(games -> service.maxGamesPerPerson(event).map(limit -> SportsJson.games(games, limit, event)))
        .onSuccess(json -> Json.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** The contract's body is an array; {@link Json#body} takes objects only. */
  private static Object bodyValue(RoutingContext ctx) {
    try {
      return io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
    } catch (io.vertx.core.json.DecodeException e) {
      return Json.body(ctx);
    }
  }

  private void listCaptains(RoutingContext ctx) {
    service.captains(EventAccess.event(ctx))
        .onSuccess(list -> Json.send(ctx, 200, SportsJson.captains(list)))
        .onFailure(ctx::fail);
  }

  private void putCaptains(RoutingContext ctx) {
    service.putCaptains(EventAccess.event(ctx), Json.body(ctx))
        .onSuccess(list -> Json.send(ctx, 200, SportsJson.captains(list)))
        .onFailure(ctx::fail);
  }

  private void putEntries(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    JsonObject body = Json.body(ctx);
    String team = SportsGate.teamFor(ctx, body.getValue("team") instanceof String s ? s : null);
    String key = ctx.pathParam("key");
    service.putEntries(event, CurrentUser.require(ctx).user(), EventAccess.grant(ctx).manager(), key, team,
            SportsService.userIds(body.getValue("userIds")))
        .onSuccess(entries -> Json.send(ctx, 200, SportsJson.entries(key, team, entries)))
        .onFailure(ctx::fail);
  }

  private void submitResults(RoutingContext ctx) {
    service.submitResults(EventAccess.event(ctx), CurrentUser.require(ctx).user(), ctx.pathParam("key"), Json.body(ctx))
        .onSuccess(outcome -> Json.send(ctx, outcome.created() ? 201 : 200, SportsJson.outcome(outcome)))
        .onFailure(ctx::fail);
  }

  private void showResultHistory(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String key = ctx.pathParam("key");
    service.games(event).compose(games -> {
      Optional<Game> game = games.stream().filter(g -> g.key().equals(key)).findFirst();
      if (game.isEmpty()) {
        throw SportsErrors.gameNotFound();
      }
      return service.history(event, key).map(sheets -> SportsJson.history(game.get(), sheets, event));
    }).onSuccess(json -> Json.send(ctx, 200, json)).onFailure(ctx::fail);
  }

  private void showStandings(RoutingContext ctx) {
    feed.published(EventAccess.event(ctx))
        .onSuccess(json -> Json.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /**
   * Server-sent events: the standings now, then again after every result sheet entered on any
   * instance (PostgreSQL LISTEN/NOTIFY through {@link EventChannels}). Public, as the standings are.
   */
  private void streamStandings(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    var vertx = ctx.vertx();
    // Subscribe before the first read, so no result falls between the two.
    var consumer = EventChannels.subscribe(vertx, SportsRepository.CHANNEL, event.id(), notice ->
        feed.after(event, notice.getLong("sheetId", 0L)).onSuccess(json -> send(response, json)));
    long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> {
      if (!response.closed()) {
        response.write(": keep-alive\n\n");
      }
    });
    Runnable cleanUp = () -> {
      consumer.unregister();
      vertx.cancelTimer(heartbeat);
    };
    response.closeHandler(closed -> cleanUp.run());
    response.endHandler(ended -> cleanUp.run());
    response.write("retry: 2000\n\n");
    feed.now(event).onSuccess(json -> send(response, json)).onFailure(e -> response.reset());
  }

  private static void send(HttpServerResponse response, JsonObject standings) {
    if (!response.closed() && !response.ended()) {
      response.write("event: standings\ndata: " + standings.encode() + "\n\n");
    }
  }

  private void listMyGames(RoutingContext ctx) {
    service.gamesPlayedBy(CurrentUser.require(ctx).user())
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject().put("items", new JsonArray(list.stream()
            .map(g -> new JsonObject().put("eventId", g.eventId()).put("team", g.team()).put("game", g.gameKey())
                .put("name", g.gameName()))
            .toList()))))
        .onFailure(ctx::fail);
  }
}
