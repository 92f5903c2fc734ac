package org.queqiao.accounts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Year;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.unions.Union;
import org.queqiao.unions.UnionService;
import org.queqiao.users.ProfileInput;
import org.queqiao.web.ApiError;
import org.queqiao.web.ClientAddress;
import org.queqiao.web.Forms;
import org.queqiao.web.Views;

/** The member's own profile as a page: what mixers and age-limited events need to know. */
public final class ProfilePages {
  private final AccountService accounts;
  private final UnionService unions;
  private final Authentication auth;
  private final Views views;
  private final boolean trustForwardedFor;
  private final Membership membership;

  public ProfilePages(AccountService accounts, UnionService unions, Authentication auth, Views views,
      boolean trustForwardedFor, Membership membership) {
    this.membership = membership;
    this.accounts = accounts;
    this.unions = unions;
    this.auth = auth;
    this.views = views;
    this.trustForwardedFor = trustForwardedFor;
  }

  public void mount(Router router) {
    router.get("/me/profile").handler(auth::requireUser).handler(this::showProfile);
    router.post("/me/profile").handler(auth::requireUser).handler(this::submitProfile);
    router.post("/me/password").handler(auth::requireUser).handler(this::submitPassword);
  }

  /** On success the other sessions are over; this one goes on. */
  private void submitPassword(RoutingContext ctx) {
    accounts.changePassword(CurrentUser.require(ctx), ctx.request().getFormAttribute("currentPassword"),
            ctx.request().getFormAttribute("newPassword"), ClientAddress.of(ctx, trustForwardedFor))
        .onSuccess(done -> Forms.seeOther(ctx, "/me/profile?passwordChanged=1"))
        .onFailure(failure -> render(ctx, new HashMap<>(CurrentUser.require(ctx).user().toJson().getMap()), failure,
            List.of()));
  }

  private void showProfile(RoutingContext ctx) {
    Map<String, Object> form = new HashMap<>(CurrentUser.require(ctx).user().toJson().getMap());
    Long unionId = CurrentUser.require(ctx).user().unionId();
    (unionId == null ? Future.succeededFuture(Optional.<Union>empty()) : unions.find(unionId))
        .compose(union -> membership.verifiedUnions(CurrentUser.require(ctx).user().id()).map(verified -> {
          form.put("unionName", union.map(Union::name).orElse(""));
          form.put("verifiedUnions", List.copyOf(verified.values()));
          return verified;
        }))
        .onSuccess(verified -> render(ctx, form, null, List.of()))
        .onFailure(ctx::fail);
  }

  private void submitProfile(RoutingContext ctx) {
    JsonObject body = Forms.toJson(ctx, "displayName", "nickname", "gender", "birthYear", "unionName", "memberNo",
        "employer");
    // An unticked box sends nothing: the form always carries the field, so absence means false.
    body.put("avoidSameEmployer", "on".equals(ctx.request().getFormAttribute("avoidSameEmployer")));
    String next = Forms.safeNext(ctx.request().getFormAttribute("next"));
    Map<String, Object> typed = new HashMap<>(body.getMap());
    unions.choose("unionId", ctx.request().getFormAttribute("unionId"), body.getString("unionName"))
        .onSuccess(choice -> {
          if (!choice.chosen()) {
            render(ctx, typed, choice.refusal(), choice.candidates());
            return;
          }
          JsonObject fields = body.copy();
          fields.remove("unionName");
          if (body.containsKey("unionName")) {
            fields.put("unionId", choice.id());
          }
          Map<String, String> errors = new LinkedHashMap<>();
          ProfileInput profile = ProfileInput.parse(fields, false, errors);
          if (!errors.isEmpty()) {
            render(ctx, typed, ApiError.validation(errors), List.of());
            return;
          }
          accounts.updateProfile(CurrentUser.require(ctx).user(), profile)
              .onSuccess(user -> Forms.seeOther(ctx, "/".equals(next) ? "/me/profile?saved=1" : next))
              .onFailure(failure -> render(ctx, typed, failure, List.of()));
        })
        .onFailure(ctx::fail);
  }

  private void render(RoutingContext ctx, Map<String, Object> form, Throwable refusal, List<Union> unionCandidates) {
    Map<String, Object> model = new HashMap<>();
    model.put("title", views.message(ctx, "profile.title"));
    model.put("form", form);
    model.put("next", Forms.safeNext(ctx.request().getParam("next")));
    model.put("saved", "1".equals(ctx.request().getParam("saved")));
    model.put("passwordChanged", "1".equals(ctx.request().getParam("passwordChanged")));
    model.put("unionCandidates", unionCandidates.stream().map(u -> u.toJson().getMap()).toList());
    model.put("maxBirthYear", Year.now().getValue() - ProfileInput.YOUNGEST_MEMBER_AGE);
    if (refusal == null) {
      views.render(ctx, "users/profile", model);
    } else {
      views.renderRefusal(ctx, "users/profile", model, refusal);
    }
  }
}
