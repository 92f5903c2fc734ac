package org.queqiao.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Json;
import org.queqiao.web.Lang;
import org.queqiao.web.PathParams;
import org.queqiao.web.Times;
import org.queqiao.web.Views;

/** The inbox, as JSON and as a page; texts in the reader's language. */
public final class NotificationRoutes {
  private static final int PAGE = 50;

  private final NotificationService notifications;
  private final NotificationTexts texts;
  private final Authentication auth;
  private final Views views;

  public NotificationRoutes(NotificationService notifications, NotificationTexts texts, Authentication auth,
      Views views) {
    this.notifications = notifications;
    this.texts = texts;
    this.auth = auth;
    this.views = views;
  }

  public void mount(Router router) {
    router.get("/api/me/notifications").handler(auth::requireUser).handler(this::listNotifications);
    router.post("/api/me/notifications/read").handler(auth::requireUser).handler(this::markRead);
    router.get("/me/notifications").handler(auth::requireUser).handler(this::showInbox);
    router.post("/me/notifications/read").handler(auth::requireUser).handler(this::submitMarkAllRead);
  }

  private JsonObject toJson(Notification n, String lang) {
    NotificationTexts.Text text = texts.render(n.kind(), n.params(), lang);
    JsonObject json = new JsonObject()
        .put("id", n.id())
        .put("kind", n.kind().name())
        .put("title", text.title())
        .put("body", text.body())
        .put("eventId", n.eventId())
        .put("link", n.link())
        .put("at", n.at().toString())
        .put("read", n.read());
    return json;
  }

  private void listNotifications(RoutingContext ctx) {
    long userId = CurrentUser.require(ctx).user().id();
    Long before = PathParams.queryLong(ctx, "before");
    String lang = Lang.of(ctx);
    notifications.inbox(userId, before, PAGE)
        .compose(items -> notifications.unreadCount(userId).map(unread -> new JsonObject()
            .put("items", new JsonArray(items.stream().map(n -> toJson(n, lang)).toList()))
            .put("unread", unread)))
        .onSuccess(body -> Json.send(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void markRead(RoutingContext ctx) {
    long userId = CurrentUser.require(ctx).user().id();
    JsonObject body = Json.body(ctx);
    Future<Void> done;
    if (Boolean.TRUE.equals(body.getValue("all"))) {
      done = notifications.markAllRead(userId);
    } else if (body.getValue("ids") instanceof JsonArray array) {
      List<Long> ids = new ArrayList<>();
      for (Object id : array) {
        ids.add(org.queqiao.web.Numbers.wholeNumber(id, 1, Long.MAX_VALUE)
            .orElseThrow(() -> ApiError.validation(Map.of("ids", "field.notify.ids"))));
      }
      done = notifications.markRead(userId, ids);
    } else {
      throw ApiError.validation(Map.of("ids", "field.notify.ids"));
    }
    done.onSuccess(v -> Json.noContent(ctx)).onFailure(ctx::fail);
  }

  private void showInbox(RoutingContext ctx) {
    long userId = CurrentUser.require(ctx).user().id();
    String lang = Lang.of(ctx);
    notifications.inbox(userId, PathParams.queryLong(ctx, "before"), PAGE)
        .onSuccess(items -> {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (Notification n : items) {
            Map<String, Object> row = new HashMap<>(toJson(n, lang).getMap());
            row.put("when", Times.display(n.at(), Times.DEFAULT_ZONE, lang));
            rows.add(row);
          }
          Map<String, Object> model = new HashMap<>();
          model.put("title", views.message(ctx, "inbox.title"));
          model.put("items", rows);
          model.put("older", items.size() == PAGE ? "/me/notifications?before=" + items.get(items.size() - 1).id() : null);
          views.render(ctx, "notify/inbox", model);
        })
        .onFailure(ctx::fail);
  }

  private void submitMarkAllRead(RoutingContext ctx) {
    notifications.markAllRead(CurrentUser.require(ctx).user().id())
        .onSuccess(v -> Forms.seeOther(ctx, "/me/notifications"))
        .onFailure(ctx::fail);
  }
}
