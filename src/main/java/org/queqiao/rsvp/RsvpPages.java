package org.queqiao.rsvp;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.events.EventState;
import org.queqiao.events.EventType;
import org.queqiao.events.EventView;
import org.queqiao.events.ShareTags;
import org.queqiao.events.Question;
import org.queqiao.lottery.LotteryBox;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Numbers;
import org.queqiao.web.PathParams;
import org.queqiao.web.Times;
import org.queqiao.web.Views;

/**
 * Signing up, as pages: an event with the one obvious action for this viewer, the sign-up and
 * cancel forms, and the managers' sign-up list ("my events" is {@link MyEventsPages}).
 */
public final class RsvpPages {
  private final RsvpService service;
  private final EventAccess access;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;
  private final Clock clock;
  private final LotteryBox lottery;

  private final ShareTags share;

  public RsvpPages(RsvpService service, EventAccess access, Authentication auth, Views views, Messages messages,
      Clock clock, LotteryBox lottery, ShareTags share) {
    this.lottery = lottery;
    this.share = share;
    this.service = service;
    this.access = access;
    this.auth = auth;
    this.views = views;
    this.messages = messages;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/events/:id").handler(access::requireVisible).handler(this::showEvent);
    router.post("/events/:id/rsvp").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitSignUp);
    router.post("/events/:id/rsvp/cancel").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitCancel);
    router.get("/organizer/events/:id/rsvps").handler(access::requireManager).handler(this::showSignUps);
    router.post("/organizer/events/:id/rsvps/approve").handler(access::requireManager).handler(this::submitApproveSelected);
    router.post("/organizer/events/:id/rsvps/:rsvpId/approve").handler(access::requireManager)
        .handler(ctx -> decide(ctx, true));
    router.post("/organizer/events/:id/rsvps/:rsvpId/decline").handler(access::requireManager)
        .handler(ctx -> decide(ctx, false));
  }

  private void showEvent(RoutingContext ctx) {
    eventModel(ctx).onSuccess(model -> views.render(ctx, "rsvp/event", model)).onFailure(ctx::fail);
  }

  /** Everything the event page shows, including the one obvious action for this viewer. */
  private Future<Map<String, Object>> eventModel(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    EventAccess.Grant grant = EventAccess.grant(ctx);
    Optional<User> viewer = CurrentUser.of(ctx).map(CurrentUser::user);
    Instant now = clock.instant();
    String lang = Lang.of(ctx);
    Future<Optional<Rsvp>> mine = viewer.isPresent()
        ? service.mine(viewer.get(), event)
        : Future.succeededFuture(Optional.empty());
    Future<Optional<Map<String, Object>>> lotteryBox = lottery.model(event, viewer.map(User::id), lang);
    Map<String, Object> view = EventView.of(event, now, lang, messages);
    Future<Map<String, Object>> og = share.of(event, view);
    return lotteryBox.compose(box -> og.compose(tags -> mine.map(rsvp -> {
      Map<String, Object> model = new HashMap<>();
      box.ifPresent(b -> model.put("lottery", b));
      model.put("event", view);
      model.put("title", event.title());
      model.put("og", tags);
      EventState state = event.state(now);
      Optional<Rsvp> active = rsvp.filter(Rsvp::active);
      active.ifPresent(r -> {
        model.put("myStatus", r.status());
        model.put("myConfirmed", Rsvp.CONFIRMED.equals(r.status()));
        model.put("myPending", Rsvp.PENDING_APPROVAL.equals(r.status()));
        model.put("myApplied", Rsvp.APPLIED.equals(r.status()));
        model.put("myPosition", r.waitlistPosition());
        model.put("myPool", event.pool(r.poolKey()).map(p -> EventView.poolLabel(event, p, lang, messages)).orElse(""));
        model.put("canCancel", now.isBefore(event.startsAt()));
      });
      model.put("signedIn", viewer.isPresent());
      boolean declined = rsvp.filter(r -> Rsvp.DECLINED.equals(r.status())).isPresent();
      model.put("myDeclined", declined);
      model.put("needsApproval", event.approval());
      model.put("canSignUp", active.isEmpty() && !declined && state.acceptsSignUps());
      model.put("full", state == EventState.FULL);
      model.put("choosePool", event.type() != EventType.MIXER && event.pools().size() > 1);
      model.put("closedReason", active.isEmpty() && !state.acceptsSignUps()
          ? messages.get(lang, "event.closed." + state.name(), view.get("opensAt")) : null);
      model.put("declareAtDoor", viewer.isPresent() && active.isEmpty() && event.type() == EventType.MIXER
          && (state == EventState.ONGOING || state == EventState.CLOSED || state == EventState.FULL));
      model.put("declared", "1".equals(ctx.request().getParam("declared")));
      model.put("manage", grant.manager());
      model.put("doorStaff", grant.checksIn());
      model.put("questions", questionFields(ctx, event, Map.of()));
      model.putAll(SeatView.of(event, rsvp, now, lang, messages));
      if (rsvp.isPresent() && event.seatRules().maxRecentNoShows() != null) {
        model.put("heldBackNote", messages.get(lang, "seats.heldBack", event.seatRules().maxRecentNoShows()));
      }
      model.put("claimed", "1".equals(ctx.request().getParam("claimed")));
      model.put("reconfirmed", "1".equals(ctx.request().getParam("reconfirmed")));
      model.put("loginNext", "/login?next=" + URLEncoder.encode("/events/" + event.id(), StandardCharsets.UTF_8));
      return model;
    })));
  }

  /**
   * The event's questions as sign-up form fields ({@code answer.<key>}), with what was typed when
   * a sign-up comes back refused, and each answer's own message next to it.
   */
  private List<Map<String, Object>> questionFields(RoutingContext ctx, Event event, Map<String, String> errors) {
    String lang = Lang.of(ctx);
    List<Map<String, Object>> fields = new ArrayList<>();
    int n = 0;
    for (Question q : event.questions()) {
      List<String> typed = ctx.request().formAttributes().getAll("answer." + q.key());
      Map<String, Object> field = new HashMap<>();
      field.put("n", ++n);
      field.put("name", "answer." + q.key());
      field.put("label", q.label());
      field.put("required", q.required());
      field.put("type" + q.type(), true);
      field.put("value", typed.isEmpty() ? "" : typed.get(0));
      field.put("options", q.options().stream().map(option -> Map.of("value", option, "checked", typed.contains(option)))
          .toList());
      String error = errors.get("answers." + q.key());
      if (error != null) {
        field.put("error", messages.get(lang, error));
      }
      fields.add(field);
    }
    return fields;
  }

  /** The form's answers in the API's shape: several values for MULTI, digits stay text (the API reads both). */
  private static io.vertx.core.json.JsonObject answersFromForm(RoutingContext ctx, Event event) {
    io.vertx.core.json.JsonObject answers = new io.vertx.core.json.JsonObject();
    for (Question q : event.questions()) {
      List<String> values = ctx.request().formAttributes().getAll("answer." + q.key());
      if ("MULTI".equals(q.type())) {
        answers.put(q.key(), new io.vertx.core.json.JsonArray(new ArrayList<>(values)));
      } else if (!values.isEmpty()) {
        answers.put(q.key(), values.get(0));
      }
    }
    return answers;
  }

  private void submitSignUp(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String pool = ctx.request().getFormAttribute("pool");
    boolean single = "on".equals(ctx.request().getFormAttribute("declaresSingle"))
        || "true".equals(ctx.request().getFormAttribute("declaresSingle"));
    service.signUp(CurrentUser.require(ctx).user(), event, pool, single, answersFromForm(ctx, event))
        .onSuccess(outcome -> Forms.seeOther(ctx, "/events/" + event.id() + "?signed=" + outcome.rsvp().status()))
        .onFailure(failure -> refuse(ctx, failure));
  }

  private void submitCancel(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.cancel(CurrentUser.require(ctx).user(), event)
        .onSuccess(cancelled -> Forms.seeOther(ctx, "/events/" + event.id() + "?cancelled=1"))
        .onFailure(failure -> refuse(ctx, failure));
  }

  private void refuse(RoutingContext ctx, Throwable failure) {
    if (!(failure instanceof ApiError error) || error.status() == 404) {
      ctx.fail(failure);
      return;
    }
    eventModel(ctx)
        .onSuccess(model -> {
          model.put("questions", questionFields(ctx, EventAccess.event(ctx), error.fields()));
          if ("PROFILE_INCOMPLETE".equals(error.code())) {
            model.put("profileLink", "/me/profile?next=" + URLEncoder.encode("/events/" + EventAccess.event(ctx).id(),
                StandardCharsets.UTF_8));
          }
          views.renderRefusal(ctx, "rsvp/event", model, failure);
        })
        .onFailure(ctx::fail);
  }

  /**
   * Every answer with its question's label, in the questions' order; answers to questions removed
   * since are kept and shown under their key.
   */
  static List<Map<String, Object>> answerRows(Event event, io.vertx.core.json.JsonObject answers) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Set<String> shown = new HashSet<>();
    for (Question q : event.questions()) {
      if (answers.getValue(q.key()) != null) {
        rows.add(Map.of("label", q.label(), "value", answerText(answers.getValue(q.key()))));
        shown.add(q.key());
      }
    }
    for (String key : answers.fieldNames()) {
      if (!shown.contains(key)) {
        rows.add(Map.of("label", key, "value", answerText(answers.getValue(key))));
      }
    }
    return rows;
  }

  private static String answerText(Object answer) {
    return answer instanceof io.vertx.core.json.JsonArray many
        ? String.join("、", many.stream().map(String::valueOf).toList()) : String.valueOf(answer);
  }

  private void showSignUps(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String lang = Lang.of(ctx);
    Instant now = clock.instant();
    service.listForEvent(event)
        .map(list -> {
          Map<String, List<Map<String, Object>>> byStatus = new HashMap<>();
          for (RsvpRepository.Attendee a : list) {
            Map<String, Object> row = new HashMap<>();
            row.put("rsvpId", a.rsvp().id());
            row.put("name", a.displayName());
            row.put("memberNo", a.memberNo());
            row.put("union", a.unionName());
            row.put("pool", event.pool(a.rsvp().poolKey()).map(p -> EventView.poolLabel(event, p, lang, messages))
                .orElse(a.rsvp().poolKey()));
            row.put("position", a.rsvp().waitlistPosition());
            row.put("answers", answerRows(event, a.rsvp().answers()));
            row.put("statusLabel", messages.get(lang, "rsvpStatus." + a.rsvp().status()));
            if (a.rsvp().terms().offerExpiresAt() != null) {
              row.put("offerDeadline", Times.display(a.rsvp().terms().offerExpiresAt(), event.zone(), lang));
            }
            // A lapsed offer or released seat holds nothing, like a cancellation, and is listed with them.
            String status = Rsvp.OFFER_EXPIRED.equals(a.rsvp().status()) || Rsvp.RELEASED.equals(a.rsvp().status())
                ? Rsvp.CANCELLED : a.rsvp().status();
            byStatus.computeIfAbsent(status, k -> new ArrayList<>()).add(row);
          }
          Map<String, Object> model = new HashMap<>();
          model.put("title", messages.get(lang, "signups.title"));
          model.put("event", EventView.of(event, now, lang, messages));
          model.put("hasQuestions", !event.questions().isEmpty()
              || list.stream().anyMatch(a -> !a.rsvp().answers().isEmpty()));
          model.put("approval", event.approval());
          model.put("lottery", event.lottery());
          for (String status : List.of(Rsvp.CONFIRMED, Rsvp.OFFERED, Rsvp.WAITLISTED, Rsvp.PENDING_APPROVAL, Rsvp.APPLIED,
              Rsvp.DECLINED, Rsvp.CANCELLED)) {
            String name = status.equals(Rsvp.PENDING_APPROVAL) ? "pending" : status.toLowerCase();
            List<Map<String, Object>> rows = byStatus.getOrDefault(status, List.of());
            model.put(name + "Rows", rows);
            model.put(name + "Count", rows.size());
          }
          return model;
        })
        .map(model -> {
          String done = ctx.request().getParam("approved");
          if (done != null) {
            model.put("approvedNotice", messages.get(lang, "signups.approvedNotice", done));
          }
          return model;
        })
        .onSuccess(model -> views.render(ctx, "rsvp/signups", model))
        .onFailure(ctx::fail);
  }

  /** One pending sign-up approved or declined from the list; a refusal (409) is shown as the error page. */
  private void decide(RoutingContext ctx, boolean approve) {
    Event event = EventAccess.event(ctx);
    long rsvpId = PathParams.pathLong(ctx, "rsvpId", RsvpErrors::rsvpNotFound);
    (approve ? service.approve(event, rsvpId) : service.decline(event, rsvpId))
        .onSuccess(rsvp -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "/rsvps"))
        .onFailure(ctx::fail);
  }

  /**
   * "Approve selected": each ticked sign-up in turn, each in its own transaction under the pool
   * lock; one that is no longer pending (approved meanwhile) is skipped.
   */
  private void submitApproveSelected(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    List<Long> ids = new ArrayList<>();
    for (String value : ctx.request().formAttributes().getAll("rsvpId")) {
      Numbers.whole(value, 1, Long.MAX_VALUE).ifPresent(ids::add);
    }
    int[] approved = {0};
    Future<Void> all = Future.succeededFuture();
    for (long id : ids.stream().distinct().limit(1000).toList()) {
      all = all.compose(v -> service.approve(event, id)
          .map(rsvp -> { approved[0]++; return (Void) null; })
          .recover(failure -> failure instanceof ApiError error && error.status() == 409
              ? Future.succeededFuture() : Future.failedFuture(failure)));
    }
    all.onSuccess(v -> Forms.seeOther(ctx, "/organizer/events/" + event.id() + "/rsvps?approved=" + approved[0]))
        .onFailure(ctx::fail);
  }
}
