package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Times;
import org.queqiao.web.Views;

/**
 * The mixer in pages: the attendee's page (people by badge, marks, requests, matches), my
 * introductions, the matchmaker's queue, my contact card and my disclosure log. Plain forms.
 */
public final class MixerPages {
  private final MixerService mixer;
  private final IntroService intros;
  private final EventAccess access;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;

  public MixerPages(MixerService mixer, IntroService intros, EventAccess access, Authentication auth, Views views,
      Messages messages) {
    this.mixer = mixer;
    this.intros = intros;
    this.access = access;
    this.auth = auth;
    this.views = views;
    this.messages = messages;
  }

  public void mount(Router router) {
    router.get("/events/:id/mixer").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::showMixer);
    router.post("/events/:id/mixer/marks").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitMark);
    router.post("/events/:id/mixer/requests").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitRequest);
    router.post("/events/:id/mixer/leave").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitLeave);
    router.get("/me/introductions").handler(auth::requireUser).handler(this::showIntroductions);
    router.post("/me/introductions/:rid/:action").handler(auth::requireUser).handler(this::submitAnswer);
    router.get("/me/contact-card").handler(auth::requireUser).handler(this::showCard);
    router.post("/me/contact-card").handler(auth::requireUser).handler(this::submitCard);
    router.get("/me/disclosures").handler(auth::requireUser).handler(this::showDisclosures);
    router.get("/me/matches").handler(auth::requireUser).handler(this::showMatches);
    var matchmaker = auth.requireRole(Role.MATCHMAKER, Role.ADMIN);
    router.get("/matchmaker").handler(matchmaker).handler(this::showQueue);
    router.post("/matchmaker/requests/:rid/:action").handler(matchmaker).handler(this::submitDecision);
  }

  private String fieldNames(String lang, List<String> fields) {
    if (fields.isEmpty()) {
      return messages.get(lang, "card.nothing");
    }
    return fields.stream().map(f -> messages.get(lang, "card.field." + f)).collect(Collectors.joining("、"));
  }

  private void showMixer(RoutingContext ctx) {
    mixerModel(ctx).onSuccess(model -> views.render(ctx, "mixer/mixer", model)).onFailure(ctx::fail);
  }

  private Future<Map<String, Object>> mixerModel(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    Event event = EventAccess.event(ctx);
    long id = event.id();
    String lang = Lang.of(ctx);
    return mixer.presence(me, event).compose(presence -> mixer.people(me, event)
        .compose(people -> mixer.myMarks(me, event).compose(marks -> mixer.card(me).compose(card -> mixer.matches(me)
            .map(matches -> {
              Set<Integer> marked = new HashSet<>();
              marks.forEach(m -> marked.add(m.badge()));
              String myFields = fieldNames(lang, card.sharedFields());
              List<Map<String, Object>> rows = new ArrayList<>();
              for (MixerRepository.Attendee p : people) {
                Map<String, Object> row = new HashMap<>();
                row.put("badge", p.badge());
                row.put("nickname", p.nickname().isEmpty() ? messages.get(lang, "mixer.noNickname", p.badge()) : p.nickname());
                row.put("marked", marked.contains(p.badge()));
                row.put("consent", messages.get(lang, "consent." + MixerService.MARK_CONSENT, row.get("nickname"), myFields));
                rows.add(row);
              }
              Map<String, Object> model = new HashMap<>();
              model.put("title", messages.get(lang, "mixer.title"));
              model.put("eventId", id);
              model.put("eventTitle", presence.event().title());
              model.put("myBadge", presence.me().badge());
              model.put("people", rows);
              model.put("cardEmpty", card.sharedFields().isEmpty());
              model.put("myFields", myFields);
              model.put("requestConsent", messages.get(lang, "consent." + IntroService.REQUEST_CONSENT, myFields));
              model.put("closesAt", Times.display(mixer.matchingClosesAt(presence.event()), presence.event().zone(), lang));
              model.put("matches", matchRows(lang, matches.stream().filter(m -> m.match().eventId() == id).toList()));
              return model;
            })))));
  }

  private List<Map<String, Object>> matchRows(String lang, List<MixerService.MatchView> matches) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (MixerService.MatchView m : matches) {
      Map<String, Object> row = new HashMap<>();
      row.put("badge", m.match().badge());
      row.put("nickname", m.match().nickname());
      row.put("eventId", m.match().eventId());
      row.put("via", messages.get(lang, "via." + m.match().via()));
      List<Map<String, String>> contact = new ArrayList<>();
      m.contact().forEach(e -> contact.add(Map.of("label", messages.get(lang, "card.field." + e.getKey()),
          "value", String.valueOf(e.getValue()))));
      row.put("contact", contact);
      rows.add(row);
    }
    return rows;
  }

  private void submitMark(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    Event event = EventAccess.event(ctx);
    long id = event.id();
    int badge;
    try {
      badge = Integer.parseInt(String.valueOf(ctx.request().getFormAttribute("badge")));
    } catch (NumberFormatException e) {
      badge = -1;
    }
    boolean mark = "mark".equals(ctx.request().getFormAttribute("action"));
    Future<Void> done = mark
        ? mixer.mark(me, event, badge, ctx.request().getFormAttribute("consentVersion"))
        : mixer.unmark(me, event, badge);
    done.onSuccess(v -> Forms.seeOther(ctx, "/events/" + id + "/mixer#people"))
        .onFailure(failure -> mixerModel(ctx)
            .onSuccess(model -> views.renderRefusal(ctx, "mixer/mixer", model, failure))
            .onFailure(ctx::fail));
  }

  private void submitRequest(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    Event event = EventAccess.event(ctx);
    Object badge = ctx.request().getFormAttribute("targetBadge");
    Object target;
    try {
      target = Integer.parseInt(String.valueOf(badge));
    } catch (NumberFormatException e) {
      target = null;
    }
    intros.request(me, event, target, ctx.request().getFormAttribute("message"))
        .onSuccess(requestId -> Forms.seeOther(ctx, "/me/introductions?sent=1"))
        .onFailure(failure -> mixerModel(ctx)
            .onSuccess(model -> views.renderRefusal(ctx, "mixer/mixer", model, failure))
            .onFailure(ctx::fail));
  }

  private void submitLeave(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    mixer.leave(CurrentUser.require(ctx).user(), event)
        .onSuccess(v -> Forms.seeOther(ctx, "/events/" + event.id() + "?left=1"))
        .onFailure(ctx::fail);
  }

  private void showIntroductions(RoutingContext ctx) {
    introductionsModel(ctx).onSuccess(model -> views.render(ctx, "mixer/introductions", model)).onFailure(ctx::fail);
  }

  private Future<Map<String, Object>> introductionsModel(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    String lang = Lang.of(ctx);
    return mixer.card(me).compose(card -> intros.mine(me).map(mine -> {
          var out = mine.outgoing();
          var in = mine.incoming();
          String myFields = fieldNames(lang, card.sharedFields());
          Map<String, Object> model = new HashMap<>();
          model.put("title", messages.get(lang, "intro.title"));
          model.put("sent", "1".equals(ctx.request().getParam("sent")));
          model.put("outgoing", out.stream().map(r -> {
            String status = IntroService.requesterStatus(r.status());
            Map<String, Object> row = new HashMap<>();
            row.put("id", r.id());
            row.put("eventTitle", r.eventTitle());
            row.put("badge", r.toBadge());
            row.put("nickname", r.toNickname());
            row.put("message", r.message());
            row.put("statusLabel", messages.get(lang, "introStatus." + status));
            row.put("open", "PENDING".equals(status) || "FORWARDED".equals(status));
            return row;
          }).toList());
          model.put("incoming", in.stream().map(r -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", r.id());
            row.put("eventTitle", r.eventTitle());
            row.put("badge", r.fromBadge());
            row.put("nickname", r.fromNickname());
            row.put("message", r.message());
            row.put("note", r.matchmakerNote());
            row.put("awaiting", IntroRequestRepository.FORWARDED.equals(r.status()));
            row.put("statusLabel", messages.get(lang, "introIncoming." + r.status()));
            row.put("consent", messages.get(lang, "consent." + IntroService.ANSWER_CONSENT, r.fromNickname(),
                String.valueOf(r.fromBadge()), myFields));
            return row;
          }).toList());
          return model;
        }));
  }

  private void submitAnswer(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    long id = MixerRoutes.requestId(ctx);
    Future<Void> done = switch (ctx.pathParam("action")) {
      case "accept" -> intros.accept(me, id);
      case "decline" -> intros.decline(me, id);
      case "withdraw" -> intros.withdraw(me, id);
      default -> Future.failedFuture(ApiError.notFound());
    };
    done.onSuccess(v -> Forms.seeOther(ctx, "/me/introductions"))
        .onFailure(failure -> introductionsModel(ctx)
            .onSuccess(model -> views.renderRefusal(ctx, "mixer/introductions", model, failure))
            .onFailure(ctx::fail));
  }

  private void showQueue(RoutingContext ctx) {
    queueModel(ctx).onSuccess(model -> views.render(ctx, "mixer/queue", model)).onFailure(ctx::fail);
  }

  private Future<Map<String, Object>> queueModel(RoutingContext ctx) {
    String lang = Lang.of(ctx);
    String status = ctx.request().getParam("status", "PENDING");
    return intros.queue(status).map(list -> {
      Map<String, Object> model = new HashMap<>();
      model.put("title", messages.get(lang, "queue.title"));
      model.put("status", status);
      model.put("tabs", List.of("PENDING", "FORWARDED", "ACCEPTED", "CLOSED").stream()
          .map(s -> Map.of("value", s, "label", messages.get(lang, "queueStatus." + s), "current", s.equals(status)))
          .toList());
      model.put("items", list.stream().map(r -> {
        Map<String, Object> row = new HashMap<>();
        row.put("id", r.id());
        row.put("eventTitle", r.eventTitle());
        row.put("fromBadge", r.fromBadge());
        row.put("fromNickname", r.fromNickname());
        row.put("toBadge", r.toBadge());
        row.put("toNickname", r.toNickname());
        row.put("message", r.message());
        row.put("note", r.matchmakerNote());
        row.put("pending", IntroRequestRepository.PENDING.equals(r.status()));
        row.put("statusLabel", messages.get(lang, "queueStatus." + IntroService.matchmakerStatus(r.status())));
        return row;
      }).toList());
      return model;
    });
  }

  private void submitDecision(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    long id = MixerRoutes.requestId(ctx);
    Future<Void> done = switch (ctx.pathParam("action")) {
      case "forward" -> intros.forward(me, id, ctx.request().getFormAttribute("note"));
      case "reject" -> intros.reject(me, id, ctx.request().getFormAttribute("reason"));
      default -> Future.failedFuture(ApiError.notFound());
    };
    done.onSuccess(v -> Forms.seeOther(ctx, "/matchmaker"))
        .onFailure(failure -> queueModel(ctx)
            .onSuccess(model -> views.renderRefusal(ctx, "mixer/queue", model, failure))
            .onFailure(ctx::fail));
  }

  private void showCard(RoutingContext ctx) {
    mixer.card(CurrentUser.require(ctx).user())
        .onSuccess(card -> views.render(ctx, "mixer/card", Map.of(
            "title", views.message(ctx, "card.title"),
            "form", card.toJson().getMap(),
            "saved", "1".equals(ctx.request().getParam("saved")))))
        .onFailure(ctx::fail);
  }

  private void submitCard(RoutingContext ctx) {
    JsonObject body = Forms.toJson(ctx, "phone", "wechat", "email", "note");
    mixer.saveCard(CurrentUser.require(ctx).user(), body)
        .onSuccess(card -> Forms.seeOther(ctx, "/me/contact-card?saved=1"))
        .onFailure(failure -> views.renderRefusal(ctx, "mixer/card",
            Map.of("title", views.message(ctx, "card.title"), "form", body.getMap()), failure));
  }

  private void showDisclosures(RoutingContext ctx) {
    String lang = Lang.of(ctx);
    mixer.disclosures(CurrentUser.require(ctx).user())
        .onSuccess(list -> views.render(ctx, "mixer/disclosures", Map.of(
            "title", messages.get(lang, "disclosures.title"),
            "items", list.stream().map(d -> Map.of(
                "toNickname", d.toNickname(),
                "via", messages.get(lang, "via." + d.via()),
                "fields", fieldNames(lang, d.fields()),
                "at", Times.display(d.at(), Times.DEFAULT_ZONE, lang),
                "eventId", d.eventId() == null ? "" : d.eventId().toString())).toList())))
        .onFailure(ctx::fail);
  }

  private void showMatches(RoutingContext ctx) {
    String lang = Lang.of(ctx);
    mixer.matches(CurrentUser.require(ctx).user())
        .onSuccess(list -> views.render(ctx, "mixer/matches", Map.of(
            "title", messages.get(lang, "matches.title"),
            "matches", matchRows(lang, list))))
        .onFailure(ctx::fail);
  }
}
