package org.queqiao.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.unions.Union;
import org.queqiao.unions.UnionService;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.web.PathParams;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Views;

/** The organiser's pages: my events with live counts, the event form, publish, cancel, staff. */
public final class OrganizerPages {

  private final EventService service;
  private final EventAccess access;
  private final UnionService unions;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;
  private final Clock clock;
  private final List<ManagerSection> sections = new java.util.concurrent.CopyOnWriteArrayList<>();

  public OrganizerPages(EventService service, EventAccess access, UnionService unions, Authentication auth, Views views,
      Messages messages, Clock clock) {
    this.service = service;
    this.access = access;
    this.unions = unions;
    this.auth = auth;
    this.views = views;
    this.messages = messages;
    this.clock = clock;
  }

  /** Adds a section of another feature to the event page (before {@link #mount}). */
  public OrganizerPages with(ManagerSection section) {
    sections.add(section);
    return this;
  }

  public void mount(Router router) {
    var organizer = auth.requireRole(Role.ORGANIZER, Role.ADMIN);
    router.get("/organizer/events").handler(organizer).handler(this::showMyEvents);
    router.get("/organizer/events/new").handler(organizer).handler(this::showNewForm);
    router.post("/organizer/events").handler(organizer).handler(this::submitNewEvent);
    router.get("/organizer/events/:id").handler(access::requireManager).handler(this::showEditForm);
    router.post("/organizer/events/:id").handler(access::requireManager).handler(this::submitEventChanges);
    router.post("/organizer/events/:id/publish").handler(access::requireManager).handler(this::submitPublish);
    router.post("/organizer/events/:id/cancel").handler(access::requireManager).handler(this::submitCancel);
    router.get("/organizer/events/:id/staff").handler(access::requireManager).handler(this::showStaff);
    router.post("/organizer/events/:id/staff").handler(access::requireManager).handler(this::submitStaff);
    router.post("/organizer/events/:id/staff/:userId/remove").handler(access::requireManager)
        .handler(this::submitStaffRemoval);
  }

  private void showMyEvents(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    Instant now = clock.instant();
    String lang = Lang.of(ctx);
    service.listManagedBy(me)
        .onSuccess(list -> views.render(ctx, "events/manage", Map.of(
            "title", messages.get(lang, "manage.title"),
            "events", list.stream().map(e -> EventView.of(e, now, lang, messages)).toList(),
            "admin", me.has(Role.ADMIN))))
        .onFailure(ctx::fail);
  }

  private void showNewForm(RoutingContext ctx) {
    Map<String, Object> form = new HashMap<>();
    form.put("type", "READING_SALON");
    form.put("teams", EventForm.teamRows(List.of()));
    form.put("questions", EventForm.questionRows(List.of()));
    renderForm(ctx, null, form);
  }

  private void submitNewEvent(RoutingContext ctx) {
    withAudience(ctx, null, body -> service.create(CurrentUser.require(ctx).user(), body)
        .onSuccess(event -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "?saved=1"))
        .onFailure(failure -> refuseForm(ctx, null, failure, List.of())));
  }

  private void showEditForm(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    Map<String, Object> form = EventForm.formOf(event);
    (event.audienceUnionId() == null ? Future.succeededFuture(java.util.Optional.<Union>empty())
        : unions.find(event.audienceUnionId()))
        .onSuccess(audience -> {
          form.put("audienceUnionName", audience.map(Union::name).orElse(""));
          renderForm(ctx, event, form);
        })
        .onFailure(ctx::fail);
  }

  private void submitEventChanges(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    withAudience(ctx, event, body -> service.update(event, CurrentUser.require(ctx).user(), body)
        .onSuccess(updated -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "?saved=1"))
        .onFailure(failure -> refuseForm(ctx, event, failure, List.of())));
  }

  /**
   * The audience is typed by name (thousands of unions make no usable list): picked from offered
   * matches, or named exactly, or blank for everyone; otherwise the form comes back with matches.
   */
  private void withAudience(RoutingContext ctx, Event event, java.util.function.Consumer<JsonObject> then) {
    JsonObject body = EventForm.bodyFromForm(ctx, event);
    unions.choose("audienceUnionId", ctx.request().getFormAttribute("audienceUnionId"),
            ctx.request().getFormAttribute("audienceUnionName"))
        .onSuccess(choice -> {
          if (!choice.chosen()) {
            refuseForm(ctx, event, choice.refusal(), choice.candidates());
            return;
          }
          body.put("audienceUnionId", choice.id());
          then.accept(body);
        })
        .onFailure(ctx::fail);
  }

  private void submitPublish(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.publish(event)
        .onSuccess(published -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "?published=1"))
        .onFailure(failure -> refuseForm(ctx, event, failure, List.of()));
  }

  private void submitCancel(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.cancel(event, ctx.request().getFormAttribute("reason"))
        .onSuccess(cancelled -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "?cancelled=1"))
        .onFailure(failure -> refuseForm(ctx, event, failure, List.of()));
  }

  private void showStaff(RoutingContext ctx) {
    staffModel(ctx).onSuccess(model -> views.render(ctx, "events/staff", model)).onFailure(ctx::fail);
  }

  private Future<Map<String, Object>> staffModel(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String lang = Lang.of(ctx);
    return service.staff(event).map(list -> {
      Map<String, Object> model = new HashMap<>();
      model.put("title", messages.get(lang, "staff.title"));
      model.put("event", EventView.of(event, clock.instant(), lang, messages));
      model.put("staff", list.stream().map(s -> Map.<String, Object>of(
          "userId", s.userId(),
          "name", s.displayName(),
          "login", s.login(),
          "roleLabel", messages.get(lang, "staffRole." + s.role()))).toList());
      model.put("roles", java.util.stream.Stream.of("DOOR", "CO_ORGANIZER", "JUDGE", "MATCHMAKER")
          .map(r -> Map.of("value", r, "label", messages.get(lang, "staffRole." + r))).toList());
      model.put("saved", "1".equals(ctx.request().getParam("saved")));
      model.put("form", Map.of("login", "", "role", "DOOR"));
      return model;
    });
  }

  private void submitStaff(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String login = ctx.request().getFormAttribute("login");
    String role = ctx.request().getFormAttribute("role");
    service.putStaffByLogin(event, CurrentUser.require(ctx).user(), login == null ? "" : login, role)
        .onSuccess(added -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "/staff?saved=1"))
        .onFailure(failure -> staffModel(ctx)
            .onSuccess(model -> {
              model.put("form", Map.of("login", login == null ? "" : login, "role", role == null ? "DOOR" : role));
              views.renderRefusal(ctx, "events/staff", model, failure);
            })
            .onFailure(ctx::fail));
  }

  private void submitStaffRemoval(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    long userId = PathParams.pathLong(ctx, "userId", EventErrors::userNotFound);
    service.removeStaff(event, userId)
        .onSuccess(done -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "/staff"))
        .onFailure(ctx::fail);
  }

  private void refuseForm(RoutingContext ctx, Event event, Throwable failure, List<Union> audienceCandidates) {
    Map<String, Object> typed = new HashMap<>();
    ctx.request().formAttributes().names().forEach(name -> typed.put(name, ctx.request().getFormAttribute(name)));
    typed.put("teams", EventForm.teamRowsFromForm(ctx));
    typed.put("questions", EventForm.questionRowsFromForm(ctx));
    typed.put("lottery", Event.LOTTERY.equals(ctx.request().getFormAttribute("allocation")));
    formModel(ctx, event, typed, audienceCandidates)
        .onSuccess(model -> views.renderRefusal(ctx, "events/form", model, failure))
        .onFailure(ctx::fail);
  }

  private void renderForm(RoutingContext ctx, Event event, Map<String, Object> form) {
    formModel(ctx, event, form, List.of())
        .onSuccess(model -> views.render(ctx, "events/form", model))
        .onFailure(ctx::fail);
  }

  private Future<Map<String, Object>> formModel(RoutingContext ctx, Event event, Map<String, Object> form,
      List<Union> audienceCandidates) {
    String lang = Lang.of(ctx);
    return Future.succeededFuture(audienceCandidates).map(candidates -> {
      Map<String, Object> model = new HashMap<>();
      model.put("title", messages.get(lang, event == null ? "form.newTitle" : "form.editTitle"));
      model.put("form", form);
      model.put("isNew", event == null);
      model.put("audienceCandidates", candidates.stream().map(u -> u.toJson().getMap()).toList());
      model.put("types", java.util.Arrays.stream(EventType.values())
          .map(t -> Map.of("value", t.name(), "label", messages.get(lang, "eventType." + t.name()))).toList());
      if (event != null) {
        model.put("event", EventView.of(event, clock.instant(), lang, messages));
      }
      model.put("saved", "1".equals(ctx.request().getParam("saved")));
      model.put("published", "1".equals(ctx.request().getParam("published")));
      return model;
    }).compose(model -> {
      Future<Map<String, Object>> all = Future.succeededFuture(model);
      if (event != null) {
        for (ManagerSection section : sections) {
          all = all.compose(sofar -> section.model(ctx, event).map(extra -> {
            sofar.putAll(extra);
            return sofar;
          }));
        }
      }
      return all;
    });
  }
}
