package org.queqiao.reports;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.users.Role;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.PathParams;
import org.queqiao.web.Times;
import org.queqiao.web.Views;

/**
 * The survey form (one tap from the notification), an event's printable report and a union's
 * dashboard. The charts are drawn on the server ({@link Charts}) with a table of the same figures.
 */
public final class ReportPages {
  private static final int CHILDREN_SHOWN = 50;

  private final SurveyService surveys;
  private final ReportService reports;
  private final EventAccess access;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;

  public ReportPages(SurveyService surveys, ReportService reports, EventAccess access,
      Authentication auth, Views views, Messages messages) {
    this.surveys = surveys;
    this.reports = reports;
    this.access = access;
    this.auth = auth;
    this.views = views;
    this.messages = messages;
  }

  public void mount(Router router) {
    router.get("/events/:id/survey").handler(auth::requireUser).handler(access::requireVisible).handler(this::showSurvey);
    router.post("/events/:id/survey").handler(auth::requireUser).handler(access::requireVisible).handler(this::submitSurvey);
    router.get("/organizer/events/:id/report").handler(access::requireManager).handler(this::showEventReport);
    router.get("/reports").handler(auth.requireRole(Role.ORGANIZER, Role.ADMIN)).handler(this::showDashboard);
  }

  private Map<String, Object> surveyModel(RoutingContext ctx, Event event) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", messages.get(Lang.of(ctx), "survey.title", event.title()));
    model.put("eventId", event.id());
    model.put("eventTitle", event.title());
    model.put("open", surveys.open(event));
    model.put("stars", List.of(5, 4, 3, 2, 1));
    model.put("commentMax", SurveyService.COMMENT_MAX);
    return model;
  }

  private void showSurvey(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    surveys.standing(CurrentUser.require(ctx).user(), event).onSuccess(standing -> {
      Map<String, Object> model = surveyModel(ctx, event);
      model.put("attended", standing.attended());
      model.put("answered", standing.answered() || "1".equals(ctx.request().getParam("thanks")));
      views.render(ctx, "reports/survey", model);
    }).onFailure(ctx::fail);
  }

  private void submitSurvey(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    var form = Forms.toJson(ctx, "rating", "comment");
    String rating = form.getString("rating");
    form.put("rating", rating != null && rating.matches("[1-5]") ? Integer.valueOf(rating) : rating);
    form.put("anonymous", ctx.request().getFormAttribute("anonymous") != null);
    Map<String, Object> model = surveyModel(ctx, event);
    model.put("attended", true);
    model.put("comment", form.getString("comment"));
    try {
      surveys.answer(CurrentUser.require(ctx).user(), event, SurveyService.parse(form))
          .onSuccess(v -> Forms.seeOther(ctx, "/events/" + event.id() + "/survey?thanks=1"))
          .onFailure(failure -> views.renderRefusal(ctx, "reports/survey", model, failure));
    } catch (ApiError refused) {
      views.renderRefusal(ctx, "reports/survey", model, refused);
    }
  }

  private void showEventReport(RoutingContext ctx) {
    String lang = Lang.of(ctx);
    Event event = EventAccess.event(ctx);
    reports.eventReport(event).onSuccess(report -> {
      Map<String, Object> model = new HashMap<>(ReportViews.event(report, messages, lang));
      model.put("title", messages.get(lang, "report.event.title", event.title()));
      model.put("eventId", event.id());
      model.put("eventTitle", event.title());
      model.put("when", Times.display(event.startsAt(), event.zone(), lang));
      model.put("venue", event.venue());
      views.render(ctx, "reports/event", model);
    }).onFailure(ctx::fail);
  }

  private void showDashboard(RoutingContext ctx) {
    String lang = Lang.of(ctx);
    Long unionId = PathParams.queryLong(ctx, "unionId");
    String from = ctx.request().getParam("from");
    String to = ctx.request().getParam("to");
    ReportService.Range range = reports.range(from, to);
    reports.scope(CurrentUser.require(ctx).user(), unionId)
        .compose(scope -> reports.dashboard(scope, range))
        .compose(dashboard -> reports.narrower(dashboard.scope(), CHILDREN_SHOWN + 1)
            .map(children -> {
              Map<String, Object> model = new HashMap<>(ReportViews.dashboard(dashboard, messages, lang));
              model.put("title", messages.get(lang, "report.dashboard.title"));
              model.put("children", children.stream().limit(CHILDREN_SHOWN)
                  .map(c -> Map.<String, Object>of("id", c.id(), "name", c.name())).toList());
              model.put("moreChildren", children.size() > CHILDREN_SHOWN);
              model.put("breadcrumb", breadcrumb(dashboard.scope()));
              String query = "from=" + range.from() + "&to=" + range.to()
                  + (dashboard.scope().unionId() == null ? "" : "&unionId=" + dashboard.scope().unionId());
              model.put("xlsxLink", "/api/reports?" + query + "&format=xlsx");
              model.put("from", range.from().toString());
              model.put("to", range.to().toString());
              model.put("unionId", dashboard.scope().unionId());
              return model;
            }))
        .onSuccess(model -> views.render(ctx, "reports/dashboard", model))
        .onFailure(ctx::fail);
  }

  /** The unions from the highest the asker may see down to the one shown, each a link. */
  private static List<Map<String, Object>> breadcrumb(ReportService.Scope scope) {
    List<Map<String, Object>> crumbs = new ArrayList<>();
    for (DashboardRepository.Named u : scope.lineage()) {
      crumbs.add(0, Map.of("id", u.id(), "name", u.name()));
      if (scope.root() != null && u.id() == scope.root()) {
        break;
      }
    }
    return crumbs;
  }
}
