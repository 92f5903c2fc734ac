package org.queqiao.covers;

import io.vertx.core.Future;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.events.ManagerSection;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Uploads;

/**
 * The cover on the organiser's event page (a {@link ManagerSection}): a plain multipart form that
 * works without JavaScript — choose a file and/or write the alt text — and a remove button. Every
 * outcome goes back to the event page, to the cover section, with what happened.
 */
public final class CoverPages implements ManagerSection {
  /** Room for the form's text fields and multipart framing beside the file itself. */
  private static final int FORM_ALLOWANCE = 64 * 1024;
  /** The outcomes the page can name; anything else in the query is ignored. */
  private static final Set<String> PROBLEMS = Set.of("invalid", "tooManyPixels", "tooLarge", "noFile", "alt", "none");

  private final CoverService service;
  private final EventAccess access;
  private final Messages messages;
  private final Path uploads;

  public CoverPages(CoverService service, EventAccess access, Messages messages, Path uploads) {
    this.service = service;
    this.access = access;
    this.messages = messages;
    this.uploads = uploads;
  }

  /** The form's own body limit, before the app-wide body handler; too large a file comes back to the page. */
  public void mountBodies(Router router, Handler<RoutingContext> identify) {
    router.post("/organizer/events/:id/cover")
        .handler(Uploads::holdBody).handler(identify).handler(access::requireManager)
        .handler(Uploads.multipart(CoverImages.MAX_BYTES + FORM_ALLOWANCE, uploads))
        .failureHandler(this::tooLargeBackToPage);
  }

  public void mount(Router router) {
    router.post("/organizer/events/:id/cover").handler(access::requireManager).handler(this::submitCover);
    router.post("/organizer/events/:id/cover/remove").handler(access::requireManager).handler(this::submitCoverRemoval);
  }

  private void submitCover(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    User me = CurrentUser.require(ctx).user();
    FileUpload file = ctx.fileUploads().stream()
        .filter(f -> "image".equals(f.name()) && f.fileName() != null && !f.fileName().isBlank())
        .findFirst().orElse(null);
    Future<Event> saved;
    try {
      CoverService.AltText alt = CoverService.AltText.parse(ctx.request().getFormAttribute("alt"));
      if (file == null) {
        saved = service.describe(event, me, alt)
            .recover(failure -> Future.failedFuture(failure instanceof ApiError e && e.status() == 404
                ? CoverErrors.noFileChosen() : failure));
      } else if (file.size() > CoverImages.MAX_BYTES) {
        saved = Future.failedFuture(CoverErrors.tooLarge());
      } else {
        saved = ctx.vertx().fileSystem().readFile(file.uploadedFileName())
            .compose(bytes -> service.put(event, me, bytes, alt));
      }
    } catch (ApiError refused) {
      saved = Future.failedFuture(refused);
    }
    saved.onSuccess(done -> back(ctx, event.id(), "coverSaved=1"))
        .onFailure(failure -> {
          String problem = problemOf(failure);
          if (problem == null) {
            ctx.fail(failure);
          } else {
            back(ctx, event.id(), "coverError=" + problem);
          }
        });
  }

  private void submitCoverRemoval(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.remove(event)
        .onSuccess(done -> back(ctx, event.id(), "coverRemoved=1"))
        .onFailure(failure -> {
          if (problemOf(failure) != null) {
            back(ctx, event.id(), "coverRemoved=1");
          } else {
            ctx.fail(failure);
          }
        });
  }

  /** The body handler refused a file over the limit before anyone looked at it: say so on the page. */
  private void tooLargeBackToPage(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (ctx.statusCode() == 413 && id != null && id.matches("\\d{1,18}")) {
      Uploads.dropRestOfBody(ctx);
      back(ctx, Long.parseLong(id), "coverError=tooLarge");
    } else {
      Uploads.releaseBody(ctx);
    }
  }

  /** The page's word for a refusal we expect (the key suffix of its message), or null for any other failure. */
  private static String problemOf(Throwable failure) {
    if (!(failure instanceof ApiError error)) {
      return null;
    }
    if (error.fields().containsKey("alt")) {
      return "alt";
    }
    if (error.fields().containsKey("image")) {
      return "noFile";
    }
    String key = error.messageKey();
    String problem = key.startsWith("error.cover.") ? key.substring("error.cover.".length()) : null;
    return PROBLEMS.contains(problem) ? problem : null;
  }

  private static void back(RoutingContext ctx, long eventId, String outcome) {
    Forms.seeOther(ctx, "/organizer/events/" + eventId + "?" + outcome + "#cover");
  }

  @Override
  public Future<Map<String, Object>> model(RoutingContext ctx, Event event) {
    String lang = Lang.of(ctx);
    Map<String, Object> model = new HashMap<>();
    model.put("coverMaxMb", CoverImages.MAX_BYTES / (1024 * 1024));
    if ("1".equals(ctx.request().getParam("coverSaved"))) {
      model.put("coverNotice", messages.get(lang, "cover.saved"));
    } else if ("1".equals(ctx.request().getParam("coverRemoved"))) {
      model.put("coverNotice", messages.get(lang, "cover.removed"));
    }
    String problem = ctx.request().getParam("coverError");
    if (problem != null && PROBLEMS.contains(problem)) {
      model.put("coverError", messages.get(lang, "cover.problem." + problem,
          CoverImages.MAX_BYTES / (1024 * 1024), CoverImages.MAX_PIXELS / 1_000_000));
    }
    return Future.succeededFuture(model);
  }
}
