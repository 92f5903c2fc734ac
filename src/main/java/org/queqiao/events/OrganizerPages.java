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
import org.queqiao.rsvp.Rsvp;
import org.queqiao.rsvp.RsvpRepository;
import org.queqiao.unions.Union;
import org.queqiao.unions.UnionRepository;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Views;

/** The organiser's pages: my events with live counts, the event form, publish, cancel, sign-up list. */
public final class OrganizerPages {
  private static final int BLANK_TEAM_ROWS = 4;

  private final EventRepository events;
  private final EventService service;
  private final RsvpRepository rsvps;
  private final UnionRepository unions;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;
  private final Clock clock;

  public OrganizerPages(EventRepository events, EventService service, RsvpRepository rsvps, UnionRepository unions,
      Authentication auth, Views views, Messages messages, Clock clock) {
    this.events = events;
    this.service = service;
    this.rsvps = rsvps;
    this.unions = unions;
    this.auth = auth;
    this.views = views;
    this.messages = messages;
    this.clock = clock;
  }

  public void mount(Router router) {
    var organizer = auth.requireRole(Role.ORGANIZER, Role.ADMIN);
    router.get("/organizer/events").handler(organizer).handler(this::showMyEvents);
    router.get("/organizer/events/new").handler(organizer).handler(this::showNewForm);
    router.post("/organizer/events").handler(organizer).handler(this::submitNewEvent);
    router.get("/organizer/events/:id").handler(auth::requireUser).handler(this::showEditForm);
    router.post("/organizer/events/:id").handler(auth::requireUser).handler(this::submitEventChanges);
    router.post("/organizer/events/:id/publish").handler(auth::requireUser).handler(this::submitPublish);
    router.post("/organizer/events/:id/cancel").handler(auth::requireUser).handler(this::submitCancel);
    router.get("/organizer/events/:id/rsvps").handler(auth::requireUser).handler(this::showSignUps);
  }

  private void showMyEvents(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    Instant now = clock.instant();
    String lang = Lang.of(ctx);
    events.listManagedBy(me.has(Role.ADMIN) ? null : me.id())
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
    renderForm(ctx, null, form);
  }

  private void submitNewEvent(RoutingContext ctx) {
    JsonObject body = bodyFromForm(ctx, null);
    service.create(CurrentUser.require(ctx).user(), body)
        .onSuccess(event -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "?saved=1"))
        .onFailure(failure -> refuseForm(ctx, null, failure));
  }

  private void showEditForm(RoutingContext ctx) {
    service.managed(CurrentUser.require(ctx).user(), EventRoutes.pathId(ctx))
        .onSuccess(event -> renderForm(ctx, event, formOf(event)))
        .onFailure(ctx::fail);
  }

  private void submitEventChanges(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    long id = EventRoutes.pathId(ctx);
    service.managed(me, id)
        .compose(event -> service.update(me, id, bodyFromForm(ctx, event)))
        .onSuccess(event -> Forms.seeOther(ctx, "/organizer/events/" + id + "?saved=1"))
        .onFailure(failure -> refuseOnEditForm(ctx, me, id, failure));
  }

  private void submitPublish(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    long id = EventRoutes.pathId(ctx);
    service.publish(me, id)
        .onSuccess(event -> Forms.seeOther(ctx, "/organizer/events/" + id + "?published=1"))
        .onFailure(failure -> refuseOnEditForm(ctx, me, id, failure));
  }

  private void submitCancel(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    long id = EventRoutes.pathId(ctx);
    service.cancel(me, id, ctx.request().getFormAttribute("reason"))
        .onSuccess(event -> Forms.seeOther(ctx, "/organizer/events/" + id + "?cancelled=1"))
        .onFailure(failure -> refuseOnEditForm(ctx, me, id, failure));
  }

  private void showSignUps(RoutingContext ctx) {
    long id = EventRoutes.pathId(ctx);
    String lang = Lang.of(ctx);
    Instant now = clock.instant();
    service.managed(CurrentUser.require(ctx).user(), id)
        .compose(event -> rsvps.listForEvent(id).map(list -> {
          Map<String, List<Map<String, Object>>> byStatus = new HashMap<>();
          for (RsvpRepository.Attendee a : list) {
            Map<String, Object> row = new HashMap<>();
            row.put("name", a.displayName());
            row.put("memberNo", a.memberNo());
            row.put("union", a.unionName());
            row.put("pool", event.pool(a.rsvp().poolKey()).map(p -> EventView.poolLabel(event, p, lang, messages))
                .orElse(a.rsvp().poolKey()));
            row.put("position", a.rsvp().waitlistPosition());
            byStatus.computeIfAbsent(a.rsvp().status(), k -> new ArrayList<>()).add(row);
          }
          Map<String, Object> model = new HashMap<>();
          model.put("title", messages.get(lang, "signups.title"));
          model.put("event", EventView.of(event, now, lang, messages));
          model.put("confirmedRows", byStatus.getOrDefault(Rsvp.CONFIRMED, List.of()));
          model.put("waitlistedRows", byStatus.getOrDefault(Rsvp.WAITLISTED, List.of()));
          model.put("cancelledRows", byStatus.getOrDefault(Rsvp.CANCELLED, List.of()));
          model.put("confirmedCount", byStatus.getOrDefault(Rsvp.CONFIRMED, List.of()).size());
          model.put("waitlistedCount", byStatus.getOrDefault(Rsvp.WAITLISTED, List.of()).size());
          model.put("cancelledCount", byStatus.getOrDefault(Rsvp.CANCELLED, List.of()).size());
          return model;
        }))
        .onSuccess(model -> views.render(ctx, "events/signups", model))
        .onFailure(ctx::fail);
  }

  private void refuseOnEditForm(RoutingContext ctx, User me, long id, Throwable failure) {
    service.managed(me, id)
        .onSuccess(event -> refuseForm(ctx, event, failure))
        .onFailure(ctx::fail);
  }

  private void refuseForm(RoutingContext ctx, Event event, Throwable failure) {
    Map<String, Object> typed = new HashMap<>();
    ctx.request().formAttributes().names().forEach(name -> typed.put(name, ctx.request().getFormAttribute(name)));
    typed.put("teams", teamRowsFromForm(ctx));
    formModel(ctx, event, typed)
        .onSuccess(model -> views.renderRefusal(ctx, "events/form", model, failure))
        .onFailure(ctx::fail);
  }

  private void renderForm(RoutingContext ctx, Event event, Map<String, Object> form) {
    formModel(ctx, event, form)
        .onSuccess(model -> views.render(ctx, "events/form", model))
        .onFailure(ctx::fail);
  }

  private Future<Map<String, Object>> formModel(RoutingContext ctx, Event event, Map<String, Object> form) {
    String lang = Lang.of(ctx);
    return unions.list().map(all -> {
      Map<String, Object> model = new HashMap<>();
      model.put("title", messages.get(lang, event == null ? "form.newTitle" : "form.editTitle"));
      model.put("form", form);
      model.put("isNew", event == null);
      model.put("unions", all.stream().map(Union::toJson).toList());
      model.put("types", java.util.Arrays.stream(EventType.values())
          .map(t -> Map.of("value", t.name(), "label", messages.get(lang, "eventType." + t.name()))).toList());
      if (event != null) {
        model.put("event", EventView.of(event, clock.instant(), lang, messages));
      }
      model.put("saved", "1".equals(ctx.request().getParam("saved")));
      model.put("published", "1".equals(ctx.request().getParam("published")));
      return model;
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
    event.pool(Pool.MAIN).ifPresent(p -> form.put("capacity", p.capacity()));
    event.pool("FEMALE").ifPresent(p -> form.put("femaleCapacity", p.capacity()));
    event.pool("MALE").ifPresent(p -> form.put("maleCapacity", p.capacity()));
    List<Map<String, Object>> teams = new ArrayList<>();
    if (event.type() == EventType.SPORTS_DAY) {
      event.pools().forEach(p -> teams.add(Map.of("key", p.key(), "label", p.label(), "capacity", p.capacity())));
    }
    form.put("teams", teamRows(teams));
    return form;
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
    if (existing != null) {
      body.remove("type");
    }
    return body;
  }
}
