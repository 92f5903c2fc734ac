package org.queqiao.mixer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
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
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Times;
import org.queqiao.web.Views;

/**
 * The mixer in pages: the attendee's page (people by badge, marks, requests, matches), my
 * introductions, my contact card, my matches, my disclosure log and my
 * consent receipts. Plain forms; every consent form carries exactly the fields its text names.
 */
public final class MixerPages {
  private final MixerService mixer;
  private final IntroService intros;
  private final RoundService rounds;
  private final EventAccess access;
  private final Authentication auth;
  private final Views views;
  private final Messages messages;

  public MixerPages(MixerService mixer, IntroService intros, RoundService rounds, EventAccess access,
      Authentication auth, Views views, Messages messages) {
    this.mixer = mixer;
    this.intros = intros;
    this.rounds = rounds;
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
    router.post("/events/:id/mixer/declaration").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitDeclaration);
    router.get("/me/introductions").handler(auth::requireUser).handler(this::showIntroductions);
    router.post("/me/introductions/:rid/:action").handler(auth::requireUser).handler(this::submitAnswer);
    router.get("/me/contact-card").handler(auth::requireUser).handler(this::showCard);
    router.post("/me/contact-card").handler(auth::requireUser).handler(this::submitCard);
    router.post("/me/contact-card/send").handler(auth::requireUser).handler(this::submitResendToAll);
    router.get("/me/disclosures").handler(auth::requireUser).handler(this::showDisclosures);
    router.get("/me/consents").handler(auth::requireUser).handler(this::showConsents);
    router.get("/me/matches").handler(auth::requireUser).handler(this::showMatches);
    router.post("/me/matches/:mid/:action").handler(auth::requireUser).handler(this::submitMatchAction);
  }

  /** The consent shown on a form and the fields it carries: the fields on my card now. */
  private List<Map<String, String>> fieldInputs(List<String> fields) {
    return fields.stream().map(f -> Map.of("name", f)).toList();
  }

  private void showMixer(RoutingContext ctx) {
    mixerModel(ctx).onSuccess(model -> views.render(ctx, "mixer/mixer", model)).onFailure(ctx::fail);
  }

  private Future<Map<String, Object>> mixerModel(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    Event event = EventAccess.event(ctx);
    long id = event.id();
    String lang = Lang.of(ctx);
    ConsentTexts texts = mixer.texts();
    return mixer.presence(me, event).compose(presence -> Future.all(mixer.people(presence), mixer.myMarks(presence),
            mixer.cardState(me), mixer.matches(me), rounds.myRound(me, event))
        .map(all -> {
          List<MixerRepository.Attendee> people = all.resultAt(0);
          List<MixerRepository.Attendee> marks = all.resultAt(1);
          MixerService.CardState card = all.resultAt(2);
          List<MixerService.MatchView> matches = all.resultAt(3);
          JsonObject round = all.resultAt(4);
          Set<Integer> marked = new HashSet<>();
          marks.forEach(m -> marked.add(m.badge()));
          List<String> myFields = card.card().sharedFields();
          List<Map<String, Object>> rows = new ArrayList<>();
          for (MixerRepository.Attendee p : people) {
            Map<String, Object> row = new HashMap<>();
            String name = mixer.recipient(lang, p);
            row.put("badge", p.badge());
            row.put("nickname", name);
            row.put("marked", marked.contains(p.badge()));
            row.put("consent", texts.shown(ConsentTexts.Kind.MARK, lang, name, myFields).text());
            row.put("requestConsent", texts.shown(ConsentTexts.Kind.INTRO_REQUEST, lang, name, myFields).text());
            rows.add(row);
          }
          Map<String, Object> model = new HashMap<>();
          model.put("title", messages.get(lang, "mixer.title"));
          model.put("eventId", id);
          model.put("eventTitle", presence.event().title());
          model.put("myBadge", presence.me().badge());
          model.put("people", rows);
          model.put("fields", fieldInputs(myFields));
          model.put("markVersion", ConsentTexts.Kind.MARK.version());
          model.put("requestVersion", ConsentTexts.Kind.INTRO_REQUEST.version());
          model.put("cardEmpty", myFields.isEmpty());
          model.put("cardUnreadable", card.unreadable());
          model.put("myFields", texts.fieldNames(lang, myFields));
          model.put("closesAt", Times.display(mixer.matchingClosesAt(presence.event()), presence.event().zone(), lang));
          model.put("matches", matchRows(lang, matches.stream().filter(m -> m.match().eventId() == id).toList()));
          model.put("round", round.getMap());
          model.put("blocked", "1".equals(ctx.request().getParam("blocked")));
          return model;
        }));
  }

  private List<Map<String, Object>> matchRows(String lang, List<MixerService.MatchView> matches) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (MixerService.MatchView m : matches) {
      Map<String, Object> row = new HashMap<>();
      row.put("id", m.match().id());
      row.put("badge", m.match().badge());
      row.put("nickname", m.match().deleted() ? messages.get(lang, "matches.deletedMember") : m.match().nickname());
      row.put("eventId", m.match().eventId());
      row.put("via", String.join(" + ", m.match().via().stream().map(v -> messages.get(lang, "via." + v)).toList()));
      row.put("ended", m.match().endedAt() != null);
      row.put("endedAt", m.match().endedAt() == null ? null : Times.display(m.match().endedAt(), Times.DEFAULT_ZONE, lang));
      row.put("open", m.match().endedAt() == null && !m.match().deleted());
      List<Map<String, String>> contact = new ArrayList<>();
      m.contact().forEach(e -> contact.add(Map.of("label", messages.get(lang, "card.field." + e.getKey()),
          "value", String.valueOf(e.getValue()))));
      row.put("contact", contact);
      rows.add(row);
    }
    return rows;
  }

  /** The consent a page form sent: its text version and the fields it named. */
  private static JsonObject consentFromForm(RoutingContext ctx) {
    JsonObject body = new JsonObject();
    String version = ctx.request().getFormAttribute("consentVersion");
    if (version != null) {
      body.put("consentVersion", version);
      body.put("fields", new JsonArray(new ArrayList<>(ctx.request().formAttributes().getAll("fields"))));
    }
    return body;
  }

  private void submitMark(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    Event event = EventAccess.event(ctx);
    int badge;
    try {
      badge = Integer.parseInt(String.valueOf(ctx.request().getFormAttribute("badge")));
    } catch (NumberFormatException e) {
      badge = -1;
    }
    int target = badge;
    boolean mark = "mark".equals(ctx.request().getFormAttribute("action"));
    Future<Void> done = mark
        ? Future.succeededFuture().compose(v -> mixer.mark(me, event, target,
            ConsentTexts.parse(ConsentTexts.Kind.MARK, consentFromForm(ctx)), Lang.of(ctx)))
        : mixer.unmark(me, event, target);
    done.onSuccess(v -> Forms.seeOther(ctx, "/events/" + event.id() + "/mixer#people"))
        .onFailure(failure -> refuseOnMixer(ctx, failure));
  }

  private void refuseOnMixer(RoutingContext ctx, Throwable failure) {
    mixerModel(ctx)
        .onSuccess(model -> views.renderRefusal(ctx, "mixer/mixer", model, failure))
        .onFailure(ctx::fail);
  }

  private void submitRequest(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    Event event = EventAccess.event(ctx);
    Object target;
    try {
      target = Integer.parseInt(String.valueOf(ctx.request().getFormAttribute("targetBadge")));
    } catch (NumberFormatException e) {
      target = null;
    }
    Object badge = target;
    Future.succeededFuture()
        .compose(v -> intros.request(me, event, badge, ctx.request().getFormAttribute("message"),
            Optional.of(ConsentTexts.parse(ConsentTexts.Kind.INTRO_REQUEST, consentFromForm(ctx))), Lang.of(ctx)))
        .onSuccess(requestId -> Forms.seeOther(ctx, "/me/introductions?sent=1"))
        .onFailure(failure -> refuseOnMixer(ctx, failure));
  }

  private void submitLeave(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    mixer.leave(CurrentUser.require(ctx).user(), event)
        .onSuccess(v -> Forms.seeOther(ctx, "/events/" + event.id() + "?left=1"))
        .onFailure(ctx::fail);
  }

  private void submitDeclaration(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    mixer.declareSingle(CurrentUser.require(ctx).user(), event, ctx.request().getFormAttribute("declaresSingle"))
        .onSuccess(v -> Forms.seeOther(ctx, "/events/" + event.id() + "?declared=1"))
        .onFailure(ctx::fail);
  }

  private void showIntroductions(RoutingContext ctx) {
    introductionsModel(ctx).onSuccess(model -> views.render(ctx, "mixer/introductions", model)).onFailure(ctx::fail);
  }

  private Future<Map<String, Object>> introductionsModel(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    String lang = Lang.of(ctx);
    ConsentTexts texts = mixer.texts();
    return mixer.card(me).compose(card -> intros.mine(me).map(mine -> {
      List<String> myFields = card.sharedFields();
      Map<String, Object> model = new HashMap<>();
      model.put("title", messages.get(lang, "intro.title"));
      model.put("sent", "1".equals(ctx.request().getParam("sent")));
      model.put("fields", fieldInputs(myFields));
      model.put("acceptVersion", ConsentTexts.Kind.INTRO_ACCEPT.version());
      model.put("outgoing", mine.outgoing().stream().map(r -> {
        String status = intros.requesterStatus(r);
        Map<String, Object> row = new HashMap<>();
        row.put("id", r.id());
        row.put("eventTitle", r.eventTitle());
        row.put("badge", r.toBadge());
        row.put("nickname", r.toNickname());
        row.put("message", r.message());
        row.put("statusLabel", messages.get(lang, "introStatus." + status));
        row.put("open", "OPEN".equals(status));
        return row;
      }).toList());
      model.put("incoming", mine.incoming().stream().map(r -> {
        Map<String, Object> row = new HashMap<>();
        String from = r.fromNickname() == null || r.fromNickname().isBlank()
            ? texts.badgeName(lang, r.fromBadge() == null ? 0 : r.fromBadge()) : r.fromNickname();
        row.put("id", r.id());
        row.put("eventTitle", r.eventTitle());
        row.put("badge", r.fromBadge());
        row.put("nickname", r.fromNickname());
        row.put("message", r.message());
        row.put("note", r.matchmakerNote());
        row.put("awaiting", IntroRequestRepository.FORWARDED.equals(r.status()));
        row.put("statusLabel", messages.get(lang, "introIncoming." + r.status()));
        row.put("consent", texts.shown(ConsentTexts.Kind.INTRO_ACCEPT, lang, from, myFields).text());
        return row;
      }).toList());
      return model;
    }));
  }

  private void submitAnswer(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    long id = MixerRoutes.requestId(ctx);
    Future<Void> done = switch (ctx.pathParam("action")) {
      case "accept" -> Future.succeededFuture().compose(v -> intros.accept(me, id,
          ConsentTexts.parse(ConsentTexts.Kind.INTRO_ACCEPT, consentFromForm(ctx)), Lang.of(ctx)));
      case "decline" -> intros.decline(me, id);
      case "withdraw" -> intros.withdraw(me, id);
      default -> Future.failedFuture(ApiError.notFound());
    };
    done.onSuccess(v -> Forms.seeOther(ctx, "/me/introductions"))
        .onFailure(failure -> introductionsModel(ctx)
            .onSuccess(model -> views.renderRefusal(ctx, "mixer/introductions", model, failure))
            .onFailure(ctx::fail));
  }

  private void showCard(RoutingContext ctx) {
    mixer.cardState(CurrentUser.require(ctx).user())
        .onSuccess(state -> views.render(ctx, "mixer/card", Map.of(
            "title", views.message(ctx, "card.title"),
            "form", state.card().toJson().getMap(),
            "unreadable", state.unreadable(),
            "saved", "1".equals(ctx.request().getParam("saved")),
            "resent", "1".equals(ctx.request().getParam("resent")))))
        .onFailure(ctx::fail);
  }

  private void submitCard(RoutingContext ctx) {
    JsonObject body = Forms.toJson(ctx, "phone", "wechat", "email", "note");
    mixer.saveCard(CurrentUser.require(ctx).user(), body)
        .onSuccess(card -> Forms.seeOther(ctx, "/me/contact-card?saved=1"))
        .onFailure(failure -> views.renderRefusal(ctx, "mixer/card",
            Map.of("title", views.message(ctx, "card.title"), "form", body.getMap()), failure));
  }

  private void submitResendToAll(RoutingContext ctx) {
    mixer.resendToAll(CurrentUser.require(ctx).user())
        .onSuccess(v -> Forms.seeOther(ctx, "/me/contact-card?resent=1"))
        .onFailure(failure -> views.renderRefusal(ctx, "mixer/card",
            Map.of("title", views.message(ctx, "card.title"), "form", Map.of()), failure));
  }

  private void showDisclosures(RoutingContext ctx) {
    String lang = Lang.of(ctx);
    mixer.disclosures(CurrentUser.require(ctx).user())
        .onSuccess(list -> views.render(ctx, "mixer/disclosures", Map.of(
            "title", messages.get(lang, "disclosures.title"),
            "items", list.stream().map(d -> Map.of(
                "toNickname", d.recipientDeleted() || d.toNickname() == null
                    ? messages.get(lang, "matches.deletedMember") : d.toNickname(),
                "via", messages.get(lang, "via." + d.via()),
                "fields", "MATCH_ENDED".equals(d.via()) ? "" : mixer.texts().fieldNames(lang, d.fields()),
                "at", Times.display(d.at(), Times.DEFAULT_ZONE, lang),
                "eventId", d.eventId() == null ? "" : d.eventId().toString())).toList())))
        .onFailure(ctx::fail);
  }

  private void showConsents(RoutingContext ctx) {
    String lang = Lang.of(ctx);
    mixer.consents(CurrentUser.require(ctx).user())
        .onSuccess(list -> views.render(ctx, "mixer/consents", Map.of(
            "title", messages.get(lang, "consents.title"),
            "items", list.stream().map(r -> {
              Map<String, Object> row = new HashMap<>();
              row.put("kind", messages.get(lang, "consentKind." + r.kind()));
              row.put("recipient", r.recipientNickname());
              row.put("fields", mixer.texts().fieldNames(lang, r.fields()));
              row.put("text", r.text());
              row.put("sha256", r.textSha256());
              row.put("at", Times.display(r.at(), Times.DEFAULT_ZONE, lang));
              row.put("withdrawnAt", r.withdrawnAt() == null ? null : Times.display(r.withdrawnAt(), Times.DEFAULT_ZONE, lang));
              return row;
            }).toList())))
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

  private void submitMatchAction(RoutingContext ctx) {
    User me = CurrentUser.require(ctx).user();
    long id = MixerRoutes.matchId(ctx);
    Future<Void> done = switch (ctx.pathParam("action")) {
      case "end" -> mixer.endMatch(me, id);
      case "card" -> mixer.resendCard(me, id);
      default -> Future.failedFuture(ApiError.notFound());
    };
    done.onSuccess(v -> Forms.seeOther(ctx, "/me/matches"))
        .onFailure(failure -> mixer.matches(me)
            .onSuccess(list -> views.renderRefusal(ctx, "mixer/matches", Map.of(
                "title", views.message(ctx, "matches.title"), "matches", matchRows(Lang.of(ctx), list)), failure))
            .onFailure(ctx::fail));
  }
}
