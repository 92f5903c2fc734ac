package org.queqiao.events;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.queqiao.web.ApiError;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Views;

/** The home page: upcoming events, searchable and filtered by type and date. */
public final class EventPages {
  private final EventService events;
  private final Views views;
  private final Messages messages;
  private final Clock clock;

  public EventPages(EventService events, Views views, Messages messages, Clock clock) {
    this.events = events;
    this.views = views;
    this.messages = messages;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/").handler(this::showEventList);
  }

  private void showEventList(RoutingContext ctx) {
    Instant now = clock.instant();
    String lang = Lang.of(ctx);
    EventRepository.Filter filter;
    try {
      filter = EventRoutes.filterFrom(ctx, now);
    } catch (ApiError badFilter) {
      filter = new EventRepository.Filter(now, null, null, null, null, EventRoutes.PAGE_SIZE, 0);
    }
    EventRepository.Filter used = filter;
    events.listPublishedForPage(used)
        .onSuccess(page -> {
          int pageNo = used.offset() / EventRoutes.PAGE_SIZE + 1;
          long pages = Math.max(1, (page.total() + EventRoutes.PAGE_SIZE - 1) / EventRoutes.PAGE_SIZE);
          Map<String, Object> model = new HashMap<>();
          model.put("events", page.items().stream().map(e -> EventView.of(e, now, lang, messages)).toList());
          model.put("total", page.totalCapped() ? String.format(Locale.ROOT, "%,d+", page.total()) : page.total());
          model.put("filtered", used.type() != null || used.from() != null || used.to() != null
              || (used.query() != null && !used.query().isBlank()));
          model.put("q", Optional.ofNullable(ctx.request().getParam("q")).orElse(""));
          model.put("type", Optional.ofNullable(ctx.request().getParam("type")).orElse(""));
          model.put("from", Optional.ofNullable(ctx.request().getParam("from")).orElse(""));
          model.put("to", Optional.ofNullable(ctx.request().getParam("to")).orElse(""));
          model.put("types", typeOptions(lang));
          model.put("welcome", "1".equals(ctx.request().getParam("welcome")));
          model.put("deleted", "1".equals(ctx.request().getParam("deleted")));
          model.put("page", pageNo);
          model.put("pages", pages);
          model.put("prevPage", pageNo > 1 ? pageLink(ctx, pageNo - 1) : null);
          model.put("nextPage", pageNo < pages ? pageLink(ctx, pageNo + 1) : null);
          views.render(ctx, "events/list", model);
        })
        .onFailure(ctx::fail);
  }

  private List<Map<String, String>> typeOptions(String lang) {
    List<Map<String, String>> options = new ArrayList<>();
    for (EventType type : EventType.values()) {
      options.add(Map.of("value", type.name(), "label", messages.get(lang, "eventType." + type.name())));
    }
    return options;
  }

  private static String pageLink(RoutingContext ctx, int page) {
    StringBuilder link = new StringBuilder("/?page=").append(page);
    for (String name : List.of("q", "type", "from", "to")) {
      String value = ctx.request().getParam(name);
      if (value != null && !value.isBlank()) {
        link.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return link.toString();
  }
}
