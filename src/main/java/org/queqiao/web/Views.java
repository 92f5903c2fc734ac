package org.queqiao.web;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one render path for pages: the view is rendered, then wrapped in the layout, then sent with
 * the HTML content type; any failure goes to the error handler.
 */
public final class Views {
  private final HandlebarsTemplateEngine engine;
  private final Messages messages;
  private final Assets assets;
  private final PageHeader header;

  /** {@code header} adds what the layout shows of the person asking. */
  public Views(Vertx vertx, Messages messages, Assets assets, PageHeader header) {
    this.engine = HandlebarsTemplateEngine.create(vertx);
    this.messages = messages;
    this.assets = assets;
    this.header = header;
    registerHelpers(engine.unwrap(), messages, assets);
  }

  /**
   * The helpers every template may use: {@code t} (message), {@code asset} (versioned URL), {@code eq},
   * {@code include} (another template, e.g. {@code {{include "events/shared-fields"}}}, with the same context).
   */
  public static void registerHelpers(Handlebars handlebars, Messages messages, Assets assets) {
    // Not Handlebars partials: the engine resolves those against the folder of whichever template it
    // compiled last, so a partial found on one page goes missing on the next. An included template
    // is read from the class path once (like the engine's own first read) and kept compiled.
    Map<String, com.github.jknack.handlebars.Template> included = new java.util.concurrent.ConcurrentHashMap<>();
    handlebars.registerHelper("include", (Helper<String>) (name, options) -> {
      com.github.jknack.handlebars.Template template = included.computeIfAbsent(name, n -> compile(handlebars, n));
      // Safe: the output is a template's own rendering, which escapes every value it shows.
      return new Handlebars.SafeString(template.apply(options.context));
    });
    handlebars.registerHelper("t", (Helper<String>) (key, options) ->
        messages.get(Objects.toString(options.get("lang"), Messages.DEFAULT_LANG), key, options.params));
    handlebars.registerHelper("asset", (Helper<String>) (path, options) -> assets.url(path));
    handlebars.registerHelper("eq", (Helper<Object>) (left, options) ->
        Objects.equals(Objects.toString(left, null), Objects.toString(options.param(0, null), null)));
  }

  private static com.github.jknack.handlebars.Template compile(Handlebars handlebars, String name) {
    if (!name.matches("[a-z]+/[a-z-]+")) {
      throw new IllegalArgumentException("not a template name: " + name);
    }
    String path = "templates/" + name + ".hbs";
    try (java.io.InputStream in = Views.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing template " + path);
      }
      return handlebars.compileInline(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public void render(RoutingContext ctx, String view, Map<String, Object> model) {
    render(ctx, 200, view, model);
  }

  public void render(RoutingContext ctx, int status, String view, Map<String, Object> model) {
    renderHtml(ctx, view, model)
        .onSuccess(html -> ctx.response()
            .setStatusCode(status)
            .putHeader("Content-Type", "text/html; charset=utf-8")
            .putHeader("Cache-Control", "no-store")
            .end(html))
        .onFailure(ctx::fail);
  }

  /**
   * Shows a form again after its submission was refused: the refusal's message above it, each
   * field's message next to that field, with the refusal's status. Other failures go on to the
   * error handler.
   */
  public void renderRefusal(RoutingContext ctx, String view, Map<String, Object> model, Throwable failure) {
    if (!(failure instanceof ApiError error)) {
      ctx.fail(failure);
      return;
    }
    error.retryAfterSeconds().ifPresent(s -> ctx.response().putHeader("Retry-After", Integer.toString(s)));
    Map<String, String> fieldMessages = new HashMap<>();
    error.fields().forEach((field, key) -> fieldMessages.put(field, message(ctx, key)));
    Map<String, Object> data = new HashMap<>(model);
    data.put("errors", fieldMessages);
    data.put("error", message(ctx, error.messageKey(), error.args()));
    render(ctx, error.status(), view, data);
  }

  public Future<Buffer> renderHtml(RoutingContext ctx, String view, Map<String, Object> model) {
    Map<String, Object> data = new HashMap<>(model);
    String lang = Lang.of(ctx);
    data.put("lang", lang);
    data.put("htmlLang", "zh".equals(lang) ? "zh-CN" : "en");
    data.put("otherLang", "zh".equals(lang) ? "en" : "zh");
    data.put("csrf", Csrf.token(ctx));
    data.put("pathEncoded", java.net.URLEncoder.encode(ctx.request().uri(), java.nio.charset.StandardCharsets.UTF_8));
    return header.fill(ctx, data)
        .compose(filled -> engine.render(data, "templates/" + view + ".hbs"))
        .compose(body -> {
          data.put("body", body.toString());
          return engine.render(data, "templates/layout/page.hbs");
        });
  }

  public String message(RoutingContext ctx, String key, Object... args) {
    return messages.get(Lang.of(ctx), key, args);
  }
}
