package org.queqiao.notify;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.notify.NotificationSettingsRepository.Choice;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Json;
import org.queqiao.web.Views;

/** Each kind × channel and the SMS daily cap (contract §19), as JSON and as a page. */
public final class NotificationSettingsRoutes {
  private final NotificationService notifications;
  private final Authentication auth;
  private final Views views;

  public NotificationSettingsRoutes(NotificationService notifications, Authentication auth, Views views) {
    this.notifications = notifications;
    this.auth = auth;
    this.views = views;
  }

  public void mount(Router router) {
    router.get("/api/me/notification-settings").handler(auth::requireUser).handler(this::get);
    router.put("/api/me/notification-settings").handler(auth::requireUser).handler(this::put);
    router.get("/me/notification-settings").handler(auth::requireUser).handler(this::showPage);
    router.post("/me/notification-settings").handler(auth::requireUser).handler(this::submitPage);
  }

  private void get(RoutingContext ctx) {
    notifications.settings(CurrentUser.require(ctx).user().id())
        .onSuccess(s -> Json.send(ctx, 200, s.toJson()))
        .onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    Map<String, String> errors = new HashMap<>();
    Map<NotificationKind, Choice> choices = new EnumMap<>(NotificationKind.class);
    Object kinds = body.getValue("kinds");
    if (kinds != null && !(kinds instanceof JsonObject)) {
      errors.put("kinds", "field.notify.settings.kinds");
    } else if (kinds instanceof JsonObject byKind) {
      for (String name : byKind.fieldNames()) {
        NotificationKind kind = kindNamed(name);
        Object value = byKind.getValue(name);
        if (kind == null || !(value instanceof JsonObject channels)) {
          errors.put("kinds." + name, "field.notify.settings.kind");
        } else if (!(channels.getValue("email") instanceof Boolean email)
            || !(channels.getValue("sms") instanceof Boolean sms)) {
          errors.put("kinds." + name, "field.notify.settings.channels");
        } else if (sms && !kind.bySms()) {
          errors.put("kinds." + name + ".sms", "field.notify.settings.noSms");
        } else {
          choices.put(kind, new Choice(email, sms));
        }
      }
    }
    Integer cap = null;
    if (body.containsKey("smsDailyCap")) {
      cap = org.queqiao.web.Numbers.wholeNumber(body.getValue("smsDailyCap"), 0, NotificationSettings.MAX_SMS_DAILY_CAP)
          .map(Long::intValue).orElse(null);
      if (cap == null) {
        errors.put("smsDailyCap", "field.notify.settings.cap");
      }
    }
    if (!errors.isEmpty()) {
      throw ApiError.validation(errors);
    }
    notifications.saveSettings(CurrentUser.require(ctx).user().id(), choices, cap)
        .onSuccess(s -> Json.send(ctx, 200, s.toJson()))
        .onFailure(ctx::fail);
  }

  private static NotificationKind kindNamed(String name) {
    try {
      return NotificationKind.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void showPage(RoutingContext ctx) {
    notifications.settings(CurrentUser.require(ctx).user().id())
        .onSuccess(settings -> {
          List<Map<String, Object>> rows = new ArrayList<>();
          settings.kinds().forEach((kind, c) -> rows.add(Map.of("kind", kind.name(),
              "label", views.message(ctx, "settings.kind." + kind.name()), "email", c.email(), "sms", c.sms(),
              "smsPossible", kind.bySms())));
          Map<String, Object> model = new HashMap<>();
          model.put("title", views.message(ctx, "settings.title"));
          model.put("rows", rows);
          model.put("smsDailyCap", settings.smsDailyCap());
          model.put("maxCap", NotificationSettings.MAX_SMS_DAILY_CAP);
          model.put("saved", ctx.request().getParam("saved") != null);
          views.render(ctx, "notify/settings", model);
        })
        .onFailure(ctx::fail);
  }

  /** The page sends every kind: an unticked box is a channel turned off. */
  private void submitPage(RoutingContext ctx) {
    Map<NotificationKind, Choice> choices = new EnumMap<>(NotificationKind.class);
    for (NotificationKind kind : NotificationKind.values()) {
      choices.put(kind, new Choice(ctx.request().getFormAttribute("email." + kind.name()) != null,
          kind.bySms() && ctx.request().getFormAttribute("sms." + kind.name()) != null));
    }
    Integer cap = org.queqiao.web.Numbers.whole(ctx.request().getFormAttribute("smsDailyCap"), 0,
        NotificationSettings.MAX_SMS_DAILY_CAP).map(Long::intValue).orElse(null);
    notifications.saveSettings(CurrentUser.require(ctx).user().id(), choices, cap)
        .onSuccess(s -> Forms.seeOther(ctx, "/me/notification-settings?saved=1"))
        .onFailure(ctx::fail);
  }
}
