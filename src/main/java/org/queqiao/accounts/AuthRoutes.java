package org.queqiao.accounts;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Year;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.unions.Union;
import org.queqiao.unions.UnionService;
import org.queqiao.users.ProfileInput;
import org.queqiao.web.ClientAddress;
import org.queqiao.web.Forms;
import org.queqiao.web.Json;
import org.queqiao.web.SameOrigin;
import org.queqiao.web.Views;

/** Register, sign in and sign out, as JSON API and as pages with plain form posts. */
public final class AuthRoutes {
  private final AccountService accounts;
  private final Authentication auth;
  private final UnionService unions;
  private final Views views;
  private final boolean trustForwardedFor;
  private final SameOrigin sameOrigin;

  public AuthRoutes(AccountService accounts, Authentication auth, UnionService unions, Views views, boolean trustForwardedFor,
      SameOrigin sameOrigin) {
    this.accounts = accounts;
    this.auth = auth;
    this.unions = unions;
    this.views = views;
    this.trustForwardedFor = trustForwardedFor;
    this.sameOrigin = sameOrigin;
  }

  public void mount(Router router) {
    router.post("/api/auth/register").handler(sameOrigin::require).handler(this::registerApi);
    router.post("/api/auth/login").handler(sameOrigin::require).handler(this::loginApi);
    router.post("/api/auth/logout").handler(auth::requireUser).handler(this::logoutApi);
    router.post("/api/auth/logout-everywhere").handler(auth::requireUser).handler(this::logoutEverywhereApi);
    router.post("/api/me/password").handler(auth::requireUser).handler(this::changePasswordApi);

    router.get("/login").handler(this::showLogin);
    router.post("/login").handler(sameOrigin::require).handler(this::submitLogin);
    router.get("/register").handler(this::showRegister);
    router.post("/register").handler(sameOrigin::require).handler(this::submitRegister);
    router.post("/logout").handler(auth::requireUser).handler(this::submitLogout);
    router.post("/logout-everywhere").handler(auth::requireUser).handler(this::submitLogoutEverywhere);
  }

  private void registerApi(RoutingContext ctx) {
    accounts.register(Json.body(ctx), ClientAddress.of(ctx, trustForwardedFor))
        .onSuccess(user -> Json.send(ctx, 201, user.toJson()))
        .onFailure(ctx::fail);
  }

  private void loginApi(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    accounts.login(body.getValue("login"), body.getValue("password"), ClientAddress.of(ctx, trustForwardedFor))
        .onSuccess(session -> {
          auth.setSessionCookie(ctx, session.token());
          Json.send(ctx, 200, new JsonObject()
              .put("token", session.token().token())
              .put("expiresAt", session.token().expiresAt().toString())
              .put("user", session.user().toJson()));
        })
        .onFailure(ctx::fail);
  }

  private void logoutApi(RoutingContext ctx) {
    accounts.logout(CurrentUser.require(ctx))
        .onSuccess(done -> {
          auth.clearSessionCookie(ctx);
          Json.noContent(ctx);
        })
        .onFailure(ctx::fail);
  }

  private void logoutEverywhereApi(RoutingContext ctx) {
    accounts.logoutEverywhere(CurrentUser.require(ctx))
        .onSuccess(done -> {
          auth.clearSessionCookie(ctx);
          Json.noContent(ctx);
        })
        .onFailure(ctx::fail);
  }

  private void changePasswordApi(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    accounts.changePassword(CurrentUser.require(ctx), body.getValue("currentPassword"), body.getValue("newPassword"),
            ClientAddress.of(ctx, trustForwardedFor))
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void submitLogoutEverywhere(RoutingContext ctx) {
    accounts.logoutEverywhere(CurrentUser.require(ctx))
        .onSuccess(done -> {
          auth.clearSessionCookie(ctx);
          Forms.seeOther(ctx, "/");
        })
        .onFailure(ctx::fail);
  }

  private void showLogin(RoutingContext ctx) {
    if (CurrentUser.of(ctx).isPresent()) {
      ctx.redirect(Forms.safeNext(ctx.request().getParam("next")));
      return;
    }
    views.render(ctx, "auth/login", Map.of(
        "title", views.message(ctx, "login.title"),
        "next", Forms.safeNext(ctx.request().getParam("next")),
        "form", Map.of()));
  }

  private void submitLogin(RoutingContext ctx) {
    JsonObject form = Forms.toJson(ctx, "login", "password", "next");
    String next = Forms.safeNext(form.getString("next"));
    accounts.login(form.getValue("login"), form.getValue("password"), ClientAddress.of(ctx, trustForwardedFor))
        .onSuccess(session -> {
          auth.setSessionCookie(ctx, session.token());
          Forms.seeOther(ctx, next);
        })
        .onFailure(failure -> views.renderRefusal(ctx, "auth/login", Map.of(
            "title", views.message(ctx, "login.title"),
            "form", Map.of("login", form.getString("login", "")),
            "next", next), failure));
  }

  private void showRegister(RoutingContext ctx) {
    if (CurrentUser.of(ctx).isPresent()) {
      ctx.redirect("/");
      return;
    }
    registerModel(ctx, Map.of(), List.of()).onSuccess(model -> views.render(ctx, "auth/register", model)).onFailure(ctx::fail);
  }

  private void submitRegister(RoutingContext ctx) {
    JsonObject form = Forms.toJson(ctx, "login", "password", "displayName", "nickname", "gender", "birthYear",
        "unionName", "memberNo");
    Map<String, Object> typed = new HashMap<>(form.getMap());
    typed.remove("password");
    unions.choose("unionId", ctx.request().getFormAttribute("unionId"), form.getString("unionName"))
        .onSuccess(choice -> {
          if (!choice.chosen()) {
            registerModel(ctx, typed, choice.candidates())
                .onSuccess(model -> views.renderRefusal(ctx, "auth/register", model, choice.refusal()))
                .onFailure(ctx::fail);
            return;
          }
          JsonObject body = form.copy();
          body.remove("unionName");
          body.put("unionId", choice.id());
          accounts.register(body, ClientAddress.of(ctx, trustForwardedFor))
              .map(accounts::startSession)
              .onSuccess(session -> {
                auth.setSessionCookie(ctx, session.token());
                Forms.seeOther(ctx, "/?welcome=1");
              })
              .onFailure(failure -> registerModel(ctx, typed, List.of())
                  .onSuccess(model -> views.renderRefusal(ctx, "auth/register", model, failure))
                  .onFailure(ctx::fail));
        })
        .onFailure(ctx::fail);
  }

  /** The union is typed by name (thousands of unions make no usable list); see UnionService.choose. */
  private Future<Map<String, Object>> registerModel(RoutingContext ctx, Map<String, Object> typed,
      List<Union> unionCandidates) {
    return Future.succeededFuture(Map.of(
        "title", views.message(ctx, "register.title"),
        "form", typed,
        "unionCandidates", unionCandidates.stream().map(u -> u.toJson().getMap()).toList(),
        "maxBirthYear", Year.now().getValue() - ProfileInput.YOUNGEST_MEMBER_AGE));
  }

  private void submitLogout(RoutingContext ctx) {
    accounts.logout(CurrentUser.require(ctx))
        .onSuccess(done -> {
          auth.clearSessionCookie(ctx);
          Forms.seeOther(ctx, "/");
        })
        .onFailure(ctx::fail);
  }
}
