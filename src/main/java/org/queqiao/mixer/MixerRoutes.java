package org.queqiao.mixer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.EventAccess;
import org.queqiao.users.Role;
import org.queqiao.web.ApiError;
import org.queqiao.web.Json;
import org.queqiao.web.Lang;
import org.queqiao.web.PathParams;
import org.queqiao.web.Times;

/**
 * The mixer JSON API (contract §6, §9): contact card, people, marks, matches, requests,
 * disclosures, consent texts and receipts, the single declaration at the door.
 */
public final class MixerRoutes {
  private final MixerService mixer;
  private final IntroService intros;
  private final EventAccess access;
  private final Authentication auth;

  public MixerRoutes(MixerService mixer, IntroService intros, EventAccess access, Authentication auth) {
    this.mixer = mixer;
    this.intros = intros;
    this.access = access;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get("/api/consent-texts").handler(this::listConsentTexts);
    router.get("/api/me/contact-card").handler(auth::requireUser).handler(this::showCard);
    router.put("/api/me/contact-card").handler(auth::requireUser).handler(this::saveCard);
    router.get("/api/events/:id/mixer/people").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::listPeople);
    router.get("/api/events/:id/mixer/likes").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::listMarks);
    router.put("/api/events/:id/mixer/likes/:badge").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::markBadge);
    router.delete("/api/events/:id/mixer/likes/:badge").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::unmarkBadge);
    router.delete("/api/events/:id/mixer/me").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::leaveMixer);
    router.post("/api/events/:id/mixer/declaration").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::declareSingle);
    router.get("/api/me/matches").handler(auth::requireUser).handler(this::listMatches);
    router.delete("/api/me/matches/:mid").handler(auth::requireUser).handler(this::endMatch);
    router.post("/api/me/matches/:mid/card").handler(auth::requireUser).handler(this::resendCard);
    router.get("/api/me/disclosures").handler(auth::requireUser).handler(this::listDisclosures);
    router.get("/api/me/consents").handler(auth::requireUser).handler(this::listConsents);
    router.post("/api/events/:id/intro-requests").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitIntroRequest);
    router.get("/api/me/intro-requests").handler(auth::requireUser).handler(this::listMyIntroRequests);
    router.post("/api/intro-requests/:rid/accept").handler(auth::requireUser).handler(this::acceptIntroRequest);
    router.post("/api/intro-requests/:rid/decline").handler(auth::requireUser).handler(this::declineIntroRequest);
    router.post("/api/intro-requests/:rid/withdraw").handler(auth::requireUser).handler(this::withdrawIntroRequest);
    var matchmaker = auth.requireRole(Role.MATCHMAKER, Role.ADMIN);
    router.get("/api/matchmaker/intro-requests").handler(matchmaker).handler(this::listQueue);
    router.post("/api/matchmaker/intro-requests/:rid/forward").handler(matchmaker).handler(this::forwardIntroRequest);
    router.post("/api/matchmaker/intro-requests/:rid/reject").handler(matchmaker).handler(this::rejectIntroRequest);
  }

  static int badge(RoutingContext ctx) {
    return PathParams.pathInt(ctx, "badge", MixerErrors::noSuchBadge);
  }

  static long requestId(RoutingContext ctx) {
    return PathParams.pathLong(ctx, "rid", ApiError::notFound);
  }

  static long matchId(RoutingContext ctx) {
    return PathParams.pathLong(ctx, "mid", ApiError::notFound);
  }

  private void listConsentTexts(RoutingContext ctx) {
    Json.send(ctx, 200, mixer.texts().templates(Lang.of(ctx)));
  }

  private void showCard(RoutingContext ctx) {
    mixer.cardState(CurrentUser.require(ctx).user())
        .onSuccess(state -> Json.send(ctx, 200, state.unreadable()
            ? state.card().toJson().put("unreadable", true) : state.card().toJson()))
        .onFailure(ctx::fail);
  }

  private void saveCard(RoutingContext ctx) {
    mixer.saveCard(CurrentUser.require(ctx).user(), Json.body(ctx))
        .onSuccess(card -> Json.send(ctx, 200, card.toJson()))
        .onFailure(ctx::fail);
  }

  private void listPeople(RoutingContext ctx) {
    mixer.people(CurrentUser.require(ctx).user(), EventAccess.event(ctx))
        .onSuccess(people -> Json.send(ctx, 200, new JsonArray(people.stream().map(p -> new JsonObject()
            .put("badge", p.badge()).put("nickname", p.nickname()).put("pool", p.poolKey())).toList())))
        .onFailure(ctx::fail);
  }

  private void listMarks(RoutingContext ctx) {
    mixer.myMarks(CurrentUser.require(ctx).user(), EventAccess.event(ctx))
        .onSuccess(marks -> Json.send(ctx, 200, new JsonArray(marks.stream().map(p -> new JsonObject()
            .put("badge", p.badge()).put("nickname", p.nickname())).toList())))
        .onFailure(ctx::fail);
  }

  private void markBadge(RoutingContext ctx) {
    ConsentTexts.Given given = ConsentTexts.parse(ConsentTexts.Kind.MARK, Json.body(ctx));
    mixer.mark(CurrentUser.require(ctx).user(), EventAccess.event(ctx), badge(ctx), given, Lang.of(ctx))
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void unmarkBadge(RoutingContext ctx) {
    mixer.unmark(CurrentUser.require(ctx).user(), EventAccess.event(ctx), badge(ctx))
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void leaveMixer(RoutingContext ctx) {
    mixer.leave(CurrentUser.require(ctx).user(), EventAccess.event(ctx))
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void declareSingle(RoutingContext ctx) {
    mixer.declareSingle(CurrentUser.require(ctx).user(), EventAccess.event(ctx), Json.body(ctx).getValue("declaresSingle"))
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void listMatches(RoutingContext ctx) {
    mixer.matches(CurrentUser.require(ctx).user())
        .onSuccess(list -> Json.send(ctx, 200, new JsonArray(list.stream().map(MixerService.MatchView::toJson).toList())))
        .onFailure(ctx::fail);
  }

  private void endMatch(RoutingContext ctx) {
    mixer.endMatch(CurrentUser.require(ctx).user(), matchId(ctx))
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void resendCard(RoutingContext ctx) {
    mixer.resendCard(CurrentUser.require(ctx).user(), matchId(ctx))
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void listDisclosures(RoutingContext ctx) {
    mixer.disclosures(CurrentUser.require(ctx).user())
        .onSuccess(list -> Json.send(ctx, 200,
            new JsonArray(list.stream().map(MixerRepository.Disclosure::toJson).toList())))
        .onFailure(ctx::fail);
  }

  private void listConsents(RoutingContext ctx) {
    mixer.consents(CurrentUser.require(ctx).user())
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject()
            .put("items", new JsonArray(list.stream().map(ConsentRepository.Receipt::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void submitIntroRequest(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    Optional<ConsentTexts.Given> given = body.containsKey("consentVersion") || body.containsKey("fields")
        ? Optional.of(ConsentTexts.parse(ConsentTexts.Kind.INTRO_REQUEST, body)) : Optional.empty();
    intros.request(CurrentUser.require(ctx).user(), EventAccess.event(ctx), body.getValue("targetBadge"),
            body.getValue("message"), given, Lang.of(ctx))
        .onSuccess(id -> Json.send(ctx, 201, new JsonObject().put("id", id).put("status", "OPEN")))
        .onFailure(ctx::fail);
  }

  private void listMyIntroRequests(RoutingContext ctx) {
    intros.mine(CurrentUser.require(ctx).user()).map(mine -> new JsonObject()
            .put("outgoing", new JsonArray(mine.outgoing().stream().map(r -> new JsonObject()
                .put("id", r.id()).put("eventId", r.eventId()).put("targetBadge", r.toBadge())
                .put("targetNickname", r.toNickname()).put("message", r.message())
                .put("status", intros.requesterStatus(r))).toList()))
            .put("incoming", new JsonArray(mine.incoming().stream().map(r -> new JsonObject()
                .put("id", r.id()).put("eventId", r.eventId()).put("fromBadge", r.fromBadge())
                .put("fromNickname", r.fromNickname()).put("message", r.message()).put("note", r.matchmakerNote())
                .put("status", r.status())).toList())))
        .onSuccess(json -> Json.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void acceptIntroRequest(RoutingContext ctx) {
    ConsentTexts.Given given = ConsentTexts.parse(ConsentTexts.Kind.INTRO_ACCEPT, Json.body(ctx));
    intros.accept(CurrentUser.require(ctx).user(), requestId(ctx), given, Lang.of(ctx))
        .onSuccess(done -> Json.send(ctx, 200, new JsonObject().put("status", "ACCEPTED")))
        .onFailure(ctx::fail);
  }

  private void declineIntroRequest(RoutingContext ctx) {
    intros.decline(CurrentUser.require(ctx).user(), requestId(ctx))
        .onSuccess(done -> Json.send(ctx, 200, new JsonObject().put("status", "DECLINED")))
        .onFailure(ctx::fail);
  }

  private void withdrawIntroRequest(RoutingContext ctx) {
    intros.withdraw(CurrentUser.require(ctx).user(), requestId(ctx))
        .onSuccess(done -> Json.send(ctx, 200, new JsonObject().put("status", "WITHDRAWN")))
        .onFailure(ctx::fail);
  }

  private void listQueue(RoutingContext ctx) {
    intros.queue(CurrentUser.require(ctx).user(), ctx.request().getParam("status"))
        .onSuccess(list -> Json.send(ctx, 200, new JsonObject().put("items", new JsonArray(list.stream()
            .map(r -> new JsonObject()
                .put("id", r.id()).put("eventId", r.eventId()).put("eventTitle", r.eventTitle())
                .put("fromBadge", r.fromBadge()).put("fromNickname", r.fromNickname())
                .put("targetBadge", r.toBadge()).put("targetNickname", r.toNickname())
                .put("message", r.message()).put("note", r.matchmakerNote())
                .put("status", r.forwardedAt() != null ? IntroRequestRepository.FORWARDED : r.status())
                .put("createdAt", Times.iso(r.createdAt(), Times.DEFAULT_ZONE)))
            .toList()))))
        .onFailure(ctx::fail);
  }

  private void forwardIntroRequest(RoutingContext ctx) {
    Object note = Json.body(ctx).getValue("note");
    intros.forward(CurrentUser.require(ctx).user(), requestId(ctx), note instanceof String s ? s : null)
        .onSuccess(done -> Json.send(ctx, 200, new JsonObject().put("id", requestId(ctx)).put("status", "FORWARDED")))
        .onFailure(ctx::fail);
  }

  private void rejectIntroRequest(RoutingContext ctx) {
    Object reason = Json.body(ctx).getValue("reason");
    intros.reject(CurrentUser.require(ctx).user(), requestId(ctx), reason instanceof String s ? s : null)
        .onSuccess(done -> Json.send(ctx, 200, new JsonObject().put("id", requestId(ctx)).put("status", "CLOSED")))
        .onFailure(ctx::fail);
  }
}
