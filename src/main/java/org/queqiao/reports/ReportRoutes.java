package org.queqiao.reports;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.EventAccess;
import org.queqiao.users.Role;
import org.queqiao.web.Json;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.PathParams;

/** The survey answer, an event's report and a union's dashboard as JSON, or as XLSX with {@code format=xlsx}. */
public final class ReportRoutes {
  private final SurveyService surveys;
  private final ReportService reports;
  private final EventAccess access;
  private final Authentication auth;
  private final Messages messages;

  public ReportRoutes(SurveyService surveys, ReportService reports, EventAccess access, Authentication auth,
      Messages messages) {
    this.surveys = surveys;
    this.reports = reports;
    this.access = access;
    this.auth = auth;
    this.messages = messages;
  }

  public void mount(Router router) {
    router.post("/api/events/:id/survey").handler(auth::requireUser).handler(access::requireVisible).handler(this::answerSurvey);
    router.get("/api/events/:id/report").handler(access::requireManager).handler(this::sendEventReport);
    router.get("/api/reports").handler(auth.requireRole(Role.ORGANIZER, Role.ADMIN)).handler(this::sendDashboard);
  }

  private void answerSurvey(RoutingContext ctx) {
    SurveyService.Answer answer = SurveyService.parse(Json.body(ctx));
    surveys.answer(CurrentUser.require(ctx).user(), EventAccess.event(ctx), answer)
        .onSuccess(v -> Json.send(ctx, 201, new io.vertx.core.json.JsonObject().put("answered", true)))
        .onFailure(ctx::fail);
  }

  private void sendEventReport(RoutingContext ctx) {
    boolean xlsx = wantsXlsx(ctx);
    String lang = Lang.of(ctx);
    reports.eventReport(EventAccess.event(ctx)).onSuccess(report -> {
      if (xlsx) {
        sendXlsx(ctx, "event-" + report.event().id() + "-report.xlsx",
            () -> new ReportSheets(messages, lang).event(report));
      } else {
        Json.send(ctx, 200, report.toJson());
      }
    }).onFailure(ctx::fail);
  }

  private void sendDashboard(RoutingContext ctx) {
    boolean xlsx = wantsXlsx(ctx);
    String lang = Lang.of(ctx);
    Long unionId = PathParams.queryLong(ctx, "unionId");
    ReportService.Range range = reports.range(ctx.request().getParam("from"), ctx.request().getParam("to"));
    reports.scope(CurrentUser.require(ctx).user(), unionId)
        .compose(scope -> reports.dashboard(scope, range))
        .onSuccess(dashboard -> {
          if (xlsx) {
            sendXlsx(ctx, ReportSheets.fileName("union-" + (unionId == null ? "all" : unionId) + "-report",
                LocalDate.now(ReportService.ZONE)), () -> new ReportSheets(messages, lang).dashboard(dashboard));
          } else {
            Json.send(ctx, 200, dashboard.toJson());
          }
        })
        .onFailure(ctx::fail);
  }

  private static boolean wantsXlsx(RoutingContext ctx) {
    return "xlsx".equals(ctx.request().getParam("format"));
  }

  /** The workbook is zipped on a worker: compression is CPU work the event loop should not wait on. */
  static void sendXlsx(RoutingContext ctx, String fileName, Supplier<byte[]> workbook) {
    ctx.vertx().executeBlocking(workbook::get, false)
        .compose(bytes -> ctx.response()
            .putHeader("Content-Type", Spreadsheets.CONTENT_TYPE)
            .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
            .putHeader("Cache-Control", "no-store")
            .end(Buffer.buffer(bytes)))
        .onFailure(failure -> {
          if (!ctx.response().headWritten()) {
            ctx.fail(failure);
          }
        });
  }
}
