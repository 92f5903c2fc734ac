package org.queqiao.users;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.web.ApiError;
import org.queqiao.web.Json;

/** The member's own profile, and the admin's view of users and their roles. */
public final class UserRoutes {
  private final UserRepository users;
  private final Authentication auth;

  public UserRoutes(UserRepository users, Authentication auth) {
    this.users = users;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get("/api/me").handler(auth::requireUser).handler(this::showMe);
    router.patch("/api/me").handler(auth::requireUser).handler(this::updateMe);
    router.get("/api/admin/users").handler(auth.requireRole(Role.ADMIN)).handler(this::searchUsers);
    router.put("/api/admin/users/:id/roles").handler(auth.requireRole(Role.ADMIN)).handler(this::replaceRoles);
  }

  private void showMe(RoutingContext ctx) {
    Json.send(ctx, 200, CurrentUser.require(ctx).user().toJson());
  }

  private void updateMe(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    Map<String, String> errors = new LinkedHashMap<>();
    for (String readOnly : new String[] {"id", "login", "roles"}) {
      if (body.containsKey(readOnly)) {
        errors.put(readOnly, "field.readOnly");
      }
    }
    ProfileInput profile = ProfileInput.parse(body, false, errors);
    if (!errors.isEmpty()) {
      throw ApiError.validation(errors);
    }
    users.updateProfile(CurrentUser.require(ctx).user().id(), profile)
        .onSuccess(user -> Json.send(ctx, 200, user.orElseThrow().toJson()))
        .onFailure(ctx::fail);
  }

  private void searchUsers(RoutingContext ctx) {
    users.search(ctx.request().getParam("q", ""), 50)
        .onSuccess(found -> Json.send(ctx, 200, new JsonObject()
            .put("items", new JsonArray(found.stream().map(User::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void replaceRoles(RoutingContext ctx) {
    long id = pathId(ctx);
    JsonArray requested = Json.body(ctx).getValue("roles") instanceof JsonArray a ? a : null;
    if (requested == null) {
      throw ApiError.validation(Map.of("roles", "field.roles.invalid"));
    }
    EnumSet<Role> roles = EnumSet.of(Role.MEMBER);
    for (Object value : requested) {
      roles.add(Role.parse(value).orElseThrow(() -> ApiError.validation(Map.of("roles", "field.roles.invalid"))));
    }
    CurrentUser me = CurrentUser.require(ctx);
    if (me.user().id() == id && !roles.contains(Role.ADMIN)) {
      throw new ApiError(409, "CANNOT_DEMOTE_SELF", "error.cannotDemoteSelf");
    }
    users.replaceRoles(id, roles)
        .onSuccess(user -> user.ifPresentOrElse(
            found -> Json.send(ctx, 200, found.toJson()),
            () -> ctx.fail(ApiError.notFound())))
        .onFailure(ctx::fail);
  }

  static long pathId(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw ApiError.notFound();
    }
  }
}
