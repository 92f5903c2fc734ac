import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.db.ReadClient;
import org.queqiao.events.EventRepository;
import org.queqiao.events.EventType;
import org.queqiao.events.EventView;
import org.queqiao.web.Assets;
import org.queqiao.web.Messages;
import org.queqiao.web.Views;

/**
 * The baseline for the home page and GET /api/events: the app's own list query (EventRepository)
 * and its own templates (events/list.hbs inside layout/page.hbs) on a bare Vert.x HTTP server — no
 * router, no security headers, no session, no CSRF, no unread count. Benchmark code, not the app.
 *
 * Usage: java -cp target/queqiao.jar:CLASSES BareServer HTTP_PORT PG_PORT INSTANCES POOL_SIZE [pool-only]
 * With {@code pool-only} the list is read through the pool instead of the pipelined read client,
 * as the app did before db/ReadClient existed: the difference is the read client's gain.
 */
public final class BareServer extends VerticleBase {
  private static final int PAGE_SIZE = 20;

  private final EventRepository events;
  private final SqlClient reads;
  private final Messages messages;
  private final Assets assets;
  private final int port;
  private HandlebarsTemplateEngine engine;

  BareServer(EventRepository events, SqlClient reads, Messages messages, Assets assets, int port) {
    this.events = events;
    this.reads = reads;
    this.messages = messages;
    this.assets = assets;
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int pgPort = Integer.parseInt(args[1]);
    int instances = Integer.parseInt(args[2]);
    int poolSize = Integer.parseInt(args[3]);
    Vertx vertx = Vertx.vertx();
    // The same connection settings, pool and pipelined read client as the app (Application.start).
    PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(pgPort).setDatabase("postgres")
        .setUser("postgres").setPassword(System.getenv().getOrDefault("PGPASSWORD", "")).setCachePreparedStatements(true).setPipeliningLimit(256);
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize))
        .connectingTo(options)
        .using(vertx)
        .build();
    boolean poolOnly = args.length > 4 && args[4].equals("pool-only");
    EventRepository events = new EventRepository();
    SqlClient reads = poolOnly ? pool : ReadClient.primary(vertx, options, poolSize);
    Messages messages = Messages.load();
    Assets assets = new Assets();
    vertx.deployVerticle(() -> new BareServer(events, reads, messages, assets, port),
        new DeploymentOptions().setInstances(instances)).await();
    System.out.println("bare server listening on " + port);
  }

  @Override
  public Future<?> start() {
    engine = HandlebarsTemplateEngine.create(vertx);
    Views.registerHelpers(engine.unwrap(), messages, assets);
    return vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1");
  }

  private void handle(HttpServerRequest request) {
    Instant now = Instant.now();
    EventRepository.Filter filter = new EventRepository.Filter(now, null, null, null, null, PAGE_SIZE, 0);
    switch (request.path()) {
      case "/api/events" -> events.listPublished(reads, filter)
          .onSuccess(page -> request.response().putHeader("Content-Type", "application/json; charset=utf-8")
              .end(new JsonObject()
                  .put("items", new JsonArray(page.items().stream().map(e -> e.toJson(now)).toList()))
                  .put("page", 1).put("pageSize", PAGE_SIZE).put("total", page.total()).toBuffer()))
          .onFailure(err -> fail(request, err));
      // The app's home page counts up to EventService.PAGE_COUNT_CAP ("1,000+"); so does the baseline.
      case "/" -> events.listPublished(reads, filter, org.queqiao.events.EventService.PAGE_COUNT_CAP)
          .compose(page -> {
            Map<String, Object> data = new HashMap<>();
            long pages = Math.max(1, (page.total() + PAGE_SIZE - 1) / PAGE_SIZE);
            data.put("events", page.items().stream().map(e -> EventView.of(e, now, "zh", messages)).toList());
            data.put("total", page.total());
            data.put("filtered", false);
            data.put("q", "");
            data.put("type", "");
            data.put("from", "");
            data.put("to", "");
            data.put("types", typeOptions());
            data.put("welcome", false);
            data.put("page", 1);
            data.put("pages", pages);
            data.put("nextPage", pages > 1 ? "/?page=2" : null);
            data.put("lang", "zh");
            data.put("htmlLang", "zh-CN");
            data.put("otherLang", "en");
            data.put("csrf", "bare-server-has-no-csrf-token-but-the-same-length");
            data.put("pathEncoded", "%2F");
            // The same header as a signed-in member's, without looking anyone up.
            data.put("me", new JsonObject().put("id", 2).put("displayName", "会员1").put("roles", new JsonArray()));
            data.put("unread", 0L);
            return engine.render(data, "templates/events/list.hbs").compose(body -> {
              data.put("body", body.toString());
              return engine.render(data, "templates/layout/page.hbs");
            });
          })
          .onSuccess(html -> request.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html))
          .onFailure(err -> fail(request, err));
      default -> request.response().setStatusCode(404).end();
    }
  }

  private List<Map<String, String>> typeOptions() {
    List<Map<String, String>> options = new ArrayList<>();
    for (EventType type : EventType.values()) {
      options.add(Map.of("value", type.name(), "label", messages.get("zh", "eventType." + type.name())));
    }
    return options;
  }

  private static void fail(HttpServerRequest request, Throwable err) {
    err.printStackTrace();
    request.response().setStatusCode(500).end();
  }
}
