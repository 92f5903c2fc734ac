package org.queqiao.rosters;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Uploads;
import org.queqiao.web.Views;

/**
 * The organiser's roster pages: the union's roster (upload, recent imports, disputes, a look-up),
 * the preview that maps the columns, and the import's live progress bar.
 */
public final class RosterPages {
  private static final long FORM_ALLOWANCE = 64 * 1024;

  private final RosterService service;
  private final RosterAccess access;
  private final Authentication auth;
  private final Views views;
  private final Path uploads;

  public RosterPages(RosterService service, RosterAccess access, Authentication auth, Views views, Path uploads) {
    this.service = service;
    this.access = access;
    this.auth = auth;
    this.views = views;
    this.uploads = uploads;
  }

  public void mountBodies(Router router, Handler<RoutingContext> identify) {
    router.post("/organizer/unions/:id/roster").handler(Uploads::holdBody).handler(identify)
        .handler(access::requireUnionOrganiser).handler(Uploads.multipart(RosterService.MAX_BYTES + FORM_ALLOWANCE, uploads))
        .failureHandler(Uploads::releaseBody);
  }

  public void mount(Router router) {
    router.get("/organizer/roster").handler(auth::requireUser).handler(this::showOwnRoster);
    router.get("/organizer/unions/:id/roster").handler(access::requireUnionOrganiser).handler(this::showRoster);
    router.post("/organizer/unions/:id/roster").handler(access::requireUnionOrganiser).handler(this::submitRoster);
    router.get("/organizer/roster-imports/:importId").handler(access::requireImportOrganiser).handler(this::showImport);
    router.post("/organizer/roster-imports/:importId/start").handler(access::requireImportOrganiser)
        .handler(this::startImport);
  }

  /** The organiser's menu entry: their own union's roster; an admin without a union picks one. */
  private void showOwnRoster(RoutingContext ctx) {
    User user = CurrentUser.require(ctx).user();
    if (user.unionId() != null && (user.has(Role.ORGANIZER) || user.has(Role.ADMIN))) {
      Forms.seeOther(ctx, "/organizer/unions/" + user.unionId() + "/roster");
    } else if (user.has(Role.ADMIN)) {
      Forms.seeOther(ctx, "/admin/unions");
    } else {
      ctx.fail(RosterErrors.notUnionOrganiser());
    }
  }

  private void showRoster(RoutingContext ctx) {
    renderRoster(ctx, null);
  }

  private void renderRoster(RoutingContext ctx, Throwable refusal) {
    long unionId = RosterAccess.unionId(ctx);
    String query = ctx.request().getParam("q");
    Future.all(service.counts(unionId), service.recentImports(unionId), service.disputes(unionId),
            query == null || query.isBlank() ? Future.succeededFuture(List.<RosterRepository.Listed>of())
                : service.entries(unionId, query, RosterRoutes.LIST_LIMIT))
        .onSuccess(all -> {
          RosterRepository.Counts counts = all.resultAt(0);
          List<RosterImport> imports = all.resultAt(1);
          Map<String, Object> model = new HashMap<>();
          model.put("title", views.message(ctx, "roster.title"));
          model.put("unionId", unionId);
          model.put("unionName", imports.isEmpty() ? null : imports.get(0).unionName());
          model.put("onRoster", counts.current());
          model.put("noLongerOnRoster", counts.removed());
          model.put("imports", imports.stream().map(i -> importModel(ctx, i)).toList());
          model.put("disputes", all.resultAt(2));
          model.put("q", query == null ? "" : query);
          model.put("searched", query != null && !query.isBlank());
          model.put("entries", all.resultAt(3));
          model.put("retentionDays", RosterService.RETENTION_DAYS);
          model.put("maxMegabytes", RosterService.MAX_BYTES / (1024 * 1024));
          if (refusal == null) {
            views.render(ctx, "rosters/roster", model);
          } else {
            views.renderRefusal(ctx, "rosters/roster", model, refusal);
          }
        })
        .onFailure(ctx::fail);
  }

  private void submitRoster(RoutingContext ctx) {
    FileUpload file = ctx.fileUploads().stream()
        .filter(f -> "file".equals(f.name()) && f.fileName() != null && !f.fileName().isBlank())
        .findFirst().orElse(null);
    if (file == null) {
      renderRoster(ctx, RosterErrors.empty());
      return;
    }
    String name = file.fileName().length() > 200 ? file.fileName().substring(0, 200) : file.fileName();
    ctx.vertx().fileSystem().readFile(file.uploadedFileName())
        .compose(bytes -> service.uploadForPreview(CurrentUser.require(ctx).user(), RosterAccess.unionId(ctx), name,
            bytes.getBytes()))
        .onSuccess(id -> Forms.seeOther(ctx, "/organizer/roster-imports/" + id))
        .onFailure(failure -> {
          if (failure instanceof ApiError refused && refused.status() == 400) {
            renderRoster(ctx, refused);
          } else {
            ctx.fail(failure);
          }
        });
  }

  private void showImport(RoutingContext ctx) {
    RosterImport rosterImport = RosterAccess.rosterImport(ctx);
    if (RosterImport.PREVIEW.equals(rosterImport.status())) {
      renderPreview(ctx, rosterImport, null, null);
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("title", views.message(ctx, "roster.import.title"));
    model.put("import", importModel(ctx, rosterImport));
    views.render(ctx, "rosters/import", model);
  }

  private void renderPreview(RoutingContext ctx, RosterImport rosterImport, ColumnMapping chosen, Throwable refusal) {
    service.preview(rosterImport).onSuccess(preview -> {
      ColumnMapping mapping = chosen == null ? preview.guessed() : chosen;
      List<String> header = preview.sheet().header();
      List<Map<String, Object>> fields = new ArrayList<>();
      for (String field : ColumnMapping.FIELDS) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (int column = 0; column < header.size(); column++) {
          options.add(Map.of("index", column, "label", header.get(column).isEmpty() ? "#" + (column + 1) : header.get(column),
              "selected", mapping.of(field) == column));
        }
        fields.add(Map.of("field", field, "label", views.message(ctx, "roster.field." + field), "options", options,
            "none", mapping.of(field) < 0));
      }
      Map<String, Object> model = new HashMap<>();
      model.put("title", views.message(ctx, "roster.preview.title"));
      model.put("import", importModel(ctx, rosterImport));
      model.put("header", header);
      model.put("rows", preview.sheet().rows());
      model.put("fields", fields);
      if (refusal == null) {
        views.render(ctx, "rosters/preview", model);
      } else {
        views.renderRefusal(ctx, "rosters/preview", model, refusal);
      }
    }).onFailure(failure -> {
      if (failure instanceof ApiError e && "IMPORT_STARTED".equals(e.code())) {
        Forms.seeOther(ctx, "/organizer/roster-imports/" + rosterImport.id());
      } else {
        ctx.fail(failure);
      }
    });
  }

  private void startImport(RoutingContext ctx) {
    RosterImport rosterImport = RosterAccess.rosterImport(ctx);
    ColumnMapping mapping = new ColumnMapping(column(ctx, "name"), column(ctx, "mobile"), column(ctx, "memberNo"),
        column(ctx, "union"));
    service.start(rosterImport, mapping)
        .onSuccess(v -> Forms.seeOther(ctx, "/organizer/roster-imports/" + rosterImport.id()))
        .onFailure(failure -> {
          if (failure instanceof ApiError e && "ROSTER_COLUMNS".equals(e.code())) {
            renderPreview(ctx, rosterImport, mapping, e);
          } else if (failure instanceof ApiError e && "IMPORT_STARTED".equals(e.code())) {
            Forms.seeOther(ctx, "/organizer/roster-imports/" + rosterImport.id());
          } else {
            ctx.fail(failure);
          }
        });
  }

  private static int column(RoutingContext ctx, String field) {
    String value = ctx.request().getFormAttribute(field);
    return value != null && value.matches("\\d{1,3}") ? Integer.parseInt(value) : -1;
  }

  private Map<String, Object> importModel(RoutingContext ctx, RosterImport i) {
    Map<String, Object> m = new HashMap<>(i.toJson().getMap());
    m.put("id", i.id());
    m.put("unionName", i.unionName());
    m.put("percent", i.percent());
    m.put("finished", i.finished());
    m.put("failed", RosterImport.FAILED.equals(i.status()));
    m.put("statusLabel", views.message(ctx, "roster.status." + i.status()));
    m.put("errorLabel", i.error() == null ? null : views.message(ctx, "roster.error." + i.error()));
    m.put("createdAt", i.createdAt() == null ? "" : i.createdAt().toLocalDate().toString());
    return m;
  }
}
