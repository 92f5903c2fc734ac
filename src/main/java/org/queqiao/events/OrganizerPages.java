package org.queqiao.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private static final int BLANK_TEAM_ROWS = 4;
  private static final int BLANK_QUESTION_ROWS = 2;

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
    form.put("teams", teamRows(List.of()));
    form.put("questions", questionRows(List.of()));
    renderForm(ctx, null, form);
  }

  private void submitNewEvent(RoutingContext ctx) {
    withAudience(ctx, null, body -> service.create(CurrentUser.require(ctx).user(), body)
        .onSuccess(event -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "?saved=1"))
        .onFailure(failure -> refuseForm(ctx, null, failure, List.of())));
  }

  private void showEditForm(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    Map<String, Object> form = formOf(event);
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
    JsonObject body = bodyFromForm(ctx, event);
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
    typed.put("teams", teamRowsFromForm(ctx));
    typed.put("questions", questionRowsFromForm(ctx));
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

  /** The stored event as the form's fields. */
  private static Map<String, Object> formOf(Event event) {
    Map<String, Object> form = new HashMap<>();
    form.put("type", event.type().name());
    form.put("title", event.title());
    form.put("description", event.description());
    form.put("venue", event.venue());
    form.put("startsAt", EventView.localInput(event.startsAt(), event));
    form.put("endsAt", EventView.localInput(event.endsAt(), event));
    form.put("registrationOpensAt", EventView.localInput(event.registrationOpensAt(), event));
    form.put("registrationClosesAt", EventView.localInput(event.registrationClosesAt(), event));
    form.put("audienceUnionId", event.audienceUnionId());
    form.put("minAge", event.minAge());
    form.put("maxAge", event.maxAge());
    form.put("approval", event.approval());
    event.pool(Pool.MAIN).ifPresent(p -> form.put("capacity", p.capacity()));
    event.pool("FEMALE").ifPresent(p -> form.put("femaleCapacity", p.capacity()));
    event.pool("MALE").ifPresent(p -> form.put("maleCapacity", p.capacity()));
    List<Map<String, Object>> teams = new ArrayList<>();
    if (event.type() == EventType.SPORTS_DAY) {
      event.pools().forEach(p -> teams.add(Map.of("key", p.key(), "label", p.label(), "capacity", p.capacity())));
    }
    form.put("teams", teamRows(teams));
    form.put("questions", questionRows(event.questions().stream().map(q -> Map.<String, Object>of(
        "key", q.key(), "label", q.label(), "type", q.type(), "options", String.join("，", q.options()),
        "required", q.required(), "organizerOnly", q.organizerOnly(), "askAtDoor", q.askAtDoor())).toList()));
    return form;
  }

  private static List<Map<String, Object>> questionRows(List<Map<String, Object>> questions) {
    List<Map<String, Object>> rows = new ArrayList<>(questions);
    for (int i = 0; i < BLANK_QUESTION_ROWS; i++) {
      rows.add(Map.of("key", "", "label", "", "type", "TEXT", "options", "", "required", false,
          "organizerOnly", false, "askAtDoor", false));
    }
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = new HashMap<>(rows.get(i));
      row.put("n", i + 1);
      rows.set(i, row);
    }
    return rows;
  }

  /** The question rows as typed; a checkbox sends its row's number, so unticked rows stay aligned. */
  private static List<Map<String, Object>> questionRowsFromForm(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    List<String> keys = form.getAll("questionKey");
    List<String> labels = form.getAll("questionLabel");
    List<String> types = form.getAll("questionType");
    List<String> options = form.getAll("questionOptions");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      String n = Integer.toString(i + 1);
      rows.add(Map.of("key", i < keys.size() ? keys.get(i) : "", "label", labels.get(i),
          "type", i < types.size() ? types.get(i) : "TEXT", "options", i < options.size() ? options.get(i) : "",
          "required", form.getAll("questionRequired").contains(n),
          "organizerOnly", form.getAll("questionOrganizerOnly").contains(n),
          "askAtDoor", form.getAll("questionAskAtDoor").contains(n), "n", i + 1));
    }
    return rows;
  }

  /**
   * The question rows in the API's shape. A question keeps its stored key, so rewording it keeps
   * the answers given to it; a new question gets a fresh key. Options are separated by commas.
   */
  private static JsonArray questionsFromForm(RoutingContext ctx) {
    JsonArray questions = new JsonArray();
    List<Map<String, Object>> rows = questionRowsFromForm(ctx);
    Set<String> used = new HashSet<>();
    rows.forEach(row -> used.add(String.valueOf(row.get("key"))));
    int next = 1;
    for (Map<String, Object> row : rows) {
      String label = String.valueOf(row.get("label")).strip();
      if (label.isEmpty()) {
        continue;
      }
      String key = String.valueOf(row.get("key")).strip();
      if (key.isEmpty()) {
        while (used.contains("q" + next)) {
          next++;
        }
        key = "q" + next;
        used.add(key);
      }
      JsonObject question = new JsonObject().put("key", key).put("label", label).put("type", row.get("type"))
          .put("required", row.get("required")).put("organizerOnly", row.get("organizerOnly"))
          .put("askAtDoor", row.get("askAtDoor"));
      if ("CHOICE".equals(row.get("type")) || "MULTI".equals(row.get("type"))) {
        JsonArray options = new JsonArray();
        for (String option : String.valueOf(row.get("options")).split("[,，、\\n]")) {
          if (!option.isBlank()) {
            options.add(option.strip());
          }
        }
        question.put("options", options);
      }
      questions.add(question);
    }
    return questions;
  }

  private static List<Map<String, Object>> teamRows(List<Map<String, Object>> teams) {
    List<Map<String, Object>> rows = new ArrayList<>(teams);
    for (int i = 0; i < BLANK_TEAM_ROWS; i++) {
      rows.add(Map.of("key", "", "label", "", "capacity", ""));
    }
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = new HashMap<>(rows.get(i));
      row.put("n", i + 1);
      rows.set(i, row);
    }
    return rows;
  }

  private static List<Map<String, Object>> teamRowsFromForm(RoutingContext ctx) {
    List<String> keys = ctx.request().formAttributes().getAll("teamKey");
    List<String> labels = ctx.request().formAttributes().getAll("teamLabel");
    List<String> capacities = ctx.request().formAttributes().getAll("teamCapacity");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      rows.add(Map.of("key", i < keys.size() ? keys.get(i) : "", "label", labels.get(i),
          "capacity", i < capacities.size() ? capacities.get(i) : ""));
    }
    return rows;
  }

  /**
   * The form's fields in the API's shape. Teams keep their stored keys, so renaming or reordering
   * them in the form never moves anyone's sign-up to another team; a new team gets a fresh key.
   */
  private static JsonObject bodyFromForm(RoutingContext ctx, Event existing) {
    JsonObject body = Forms.toJson(ctx, "title", "description", "venue", "startsAt", "endsAt",
        "registrationOpensAt", "registrationClosesAt", "audienceUnionId", "minAge", "maxAge");
    String type = existing != null ? existing.type().name() : ctx.request().getFormAttribute("type");
    body.put("type", type);
    for (String optional : List.of("registrationOpensAt", "registrationClosesAt", "audienceUnionId", "minAge", "maxAge")) {
      if ("".equals(body.getString(optional))) {
        body.putNull(optional);
      }
    }
    if ("MIXER".equals(type)) {
      body.put("pools", new JsonArray()
          .add(new JsonObject().put("key", "FEMALE").put("label", "女")
              .put("capacity", ctx.request().getFormAttribute("femaleCapacity")))
          .add(new JsonObject().put("key", "MALE").put("label", "男")
              .put("capacity", ctx.request().getFormAttribute("maleCapacity"))));
    } else if ("SPORTS_DAY".equals(type)) {
      JsonArray pools = new JsonArray();
      Set<String> used = new HashSet<>();
      List<Map<String, Object>> rows = teamRowsFromForm(ctx);
      rows.forEach(row -> used.add(String.valueOf(row.get("key"))));
      int next = 1;
      for (Map<String, Object> row : rows) {
        String label = String.valueOf(row.get("label")).strip();
        if (label.isEmpty()) {
          continue;
        }
        String key = String.valueOf(row.get("key")).strip();
        if (key.isEmpty()) {
          while (used.contains("team" + next)) {
            next++;
          }
          key = "team" + next;
          used.add(key);
        }
        pools.add(new JsonObject().put("key", key).put("label", label).put("capacity", row.get("capacity")));
      }
      body.put("pools", pools);
    } else {
      body.put("capacity", ctx.request().getFormAttribute("capacity"));
    }
    if (ctx.request().formAttributes().contains("approvalShown")) {
      // A checkbox sends nothing when unticked: the hidden field says the form showed it.
      body.put("approval", "on".equals(ctx.request().getFormAttribute("approval")));
    }
    if (ctx.request().formAttributes().contains("questionLabel")) {
      body.put("questions", questionsFromForm(ctx));
    }
    if (existing != null) {
      body.remove("type");
    }
    return body;
  }
}
