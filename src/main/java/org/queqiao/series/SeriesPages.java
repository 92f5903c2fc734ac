package org.queqiao.series;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.EventAccess;
import org.queqiao.events.EventType;
import org.queqiao.events.EventView;
import org.queqiao.unions.Union;
import org.queqiao.unions.UnionService;
import org.queqiao.users.Role;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Times;
import org.queqiao.web.Views;

/** The series page (dates, follow button) and the organiser's form for a new series. */
public final class SeriesPages {
  private final SeriesService service;
  private final SeriesAccess access;
  private final UnionService unions;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;
  private final Clock clock;

  public SeriesPages(SeriesService service, SeriesAccess access, UnionService unions, Authentication auth, Views views,
      Messages messages, Clock clock) {
    this.service = service;
    this.access = access;
    this.unions = unions;
    this.auth = auth;
    this.views = views;
    this.messages = messages;
    this.clock = clock;
  }

  public void mount(Router router) {
    var organizer = auth.requireRole(Role.ORGANIZER, Role.ADMIN);
    router.get("/series/:id").handler(access::requireVisible).handler(this::showSeries);
    router.post("/series/:id/follow").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitFollow);
    router.post("/series/:id/unfollow").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitUnfollow);
    router.get("/organizer/series/new").handler(organizer).handler(this::showNewForm);
    router.post("/organizer/series").handler(organizer).handler(this::submitNewSeries);
  }

  private void showSeries(RoutingContext ctx) {
    SeriesService.View view = SeriesAccess.view(ctx);
    String lang = Lang.of(ctx);
    Instant now = clock.instant();
    List<Map<String, Object>> upcoming = new ArrayList<>();
    List<Map<String, Object>> past = new ArrayList<>();
    for (EventAccess.Seen date : view.dates()) {
      Map<String, Object> row = EventView.of(date.event(), now, lang, messages);
      row.put("manage", date.grant().manager());
      (now.isBefore(date.event().endsAt()) ? upcoming : past).add(row);
    }
    java.util.Collections.reverse(past);
    Map<String, Object> model = new HashMap<>();
    model.put("title", view.series().title());
    model.put("series", Map.of("id", view.series().id(), "title", view.series().title(),
        "description", view.series().description()));
    model.put("upcoming", upcoming);
    model.put("past", past);
    model.put("manages", view.manages());
    model.put("followers", view.followers());
    model.put("signedIn", view.following() != null);
    model.put("following", Boolean.TRUE.equals(view.following()));
    model.put("created", "1".equals(ctx.request().getParam("created")));
    model.put("loginNext", "/login?next=" + URLEncoder.encode("/series/" + view.series().id(), StandardCharsets.UTF_8));
    views.render(ctx, "series/page", model);
  }

  private void submitFollow(RoutingContext ctx) {
    SeriesService.View view = SeriesAccess.view(ctx);
    service.follow(CurrentUser.require(ctx).user(), view.series())
        .onSuccess(done -> Forms.seeOther(ctx, "/series/" + view.series().id()))
        .onFailure(ctx::fail);
  }

  private void submitUnfollow(RoutingContext ctx) {
    SeriesService.View view = SeriesAccess.view(ctx);
    service.unfollow(CurrentUser.require(ctx).user(), view.series())
        .onSuccess(done -> Forms.seeOther(ctx, "/series/" + view.series().id()))
        .onFailure(ctx::fail);
  }

  private void showNewForm(RoutingContext ctx) {
    LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), Times.DEFAULT_ZONE).plusDays(1);
    views.render(ctx, "series/form", formModel(ctx, SeriesForm.blank(tomorrow), List.of()));
  }

  /** The audience is chosen as on the event form: picked from matches, named exactly, or blank for everyone. */
  private void submitNewSeries(RoutingContext ctx) {
    JsonObject body = SeriesForm.bodyFromForm(ctx);
    unions.choose("audienceUnionId", ctx.request().getFormAttribute("audienceUnionId"),
            ctx.request().getFormAttribute("audienceUnionName"))
        .onSuccess(choice -> {
          if (!choice.chosen()) {
            refuse(ctx, choice.refusal(), choice.candidates());
            return;
          }
          body.put("audienceUnionId", choice.id());
          service.create(CurrentUser.require(ctx).user(), body)
              .onSuccess(created -> Forms.seeOther(ctx, "/series/" + created.series().id() + "?created=1"))
              .onFailure(failure -> refuse(ctx, failure, List.of()));
        })
        .onFailure(ctx::fail);
  }

  /**
   * The form again with what was typed; a date's refusal ({@code dates[i].startsAt}) is shown on
   * the row it was typed in, a rule's ({@code repeat.times}) next to that field.
   */
  private void refuse(RoutingContext ctx, Throwable failure, List<Union> candidates) {
    Map<String, Object> form = SeriesForm.typed(ctx);
    Map<String, Object> model = formModel(ctx, form, candidates);
    if (failure instanceof ApiError error) {
      List<Integer> rowNumbers = SeriesForm.filledRowNumbers(ctx);
      Map<String, String> repeatErrors = new HashMap<>();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> rows = (List<Map<String, Object>>) form.get("dateRows");
      error.fields().forEach((field, key) -> {
        String text = views.message(ctx, key);
        java.util.regex.Matcher date = java.util.regex.Pattern.compile("dates\\[(\\d+)]\\.?(.*)").matcher(field);
        if (field.startsWith("repeat")) {
          repeatErrors.put(field.equals("repeat") ? "rule" : field.substring("repeat.".length()), text);
        } else if (date.matches() && Integer.parseInt(date.group(1)) < rowNumbers.size()) {
          rows.get(rowNumbers.get(Integer.parseInt(date.group(1))) - 1).put("error", text);
        }
      });
      model.put("repeatErrors", repeatErrors);
    }
    views.renderRefusal(ctx, "series/form", model, failure);
  }

  private Map<String, Object> formModel(RoutingContext ctx, Map<String, Object> form, List<Union> candidates) {
    String lang = Lang.of(ctx);
    Map<String, Object> model = new HashMap<>();
    model.put("title", messages.get(lang, "series.newTitle"));
    model.put("form", form);
    model.put("repeatMode", !SeriesForm.LIST.equals(form.get("datesMode")));
    model.put("isNew", true);
    model.put("audienceCandidates", candidates.stream().map(u -> u.toJson().getMap()).toList());
    model.put("types", java.util.Arrays.stream(EventType.values())
        .map(t -> Map.of("value", t.name(), "label", messages.get(lang, "eventType." + t.name()))).toList());
    model.put("everyOptions", java.util.Arrays.stream(Recurrence.Every.values())
        .map(e -> option(e.name(), messages.get(lang, "series.every." + e.name()), form.get("repeatEvery"))).toList());
    model.put("weekOptions", List.of("1", "2", "3", "4", "-1").stream()
        .map(w -> option(w, messages.get(lang, "series.week." + w), form.get("repeatWeek"))).toList());
    model.put("weekdayOptions", java.util.Arrays.stream(DayOfWeek.values())
        .map(d -> option(d.name(), messages.get(lang, "series.weekday." + d.name()), form.get("repeatWeekday"))).toList());
    return model;
  }

  private static Map<String, Object> option(String value, String label, Object chosen) {
    return Map.of("value", value, "label", label, "selected", value.equals(chosen));
  }
}
