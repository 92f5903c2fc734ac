package org.queqiao.accounts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.users.ProfileInput;
import org.queqiao.users.Role;
import org.queqiao.users.User;
import org.queqiao.web.ApiError;
import org.queqiao.web.Json;
import org.queqiao.web.PathParams;

/** The member's own profile, and the admin's view of users and their roles. */
public final class ProfileRoutes {
  private final AccountService accounts;
  private final Authentication auth;
  private final Membership membership;

  public ProfileRoutes(AccountService accounts, Authentication auth, Membership membership) {
    this.accounts = accounts;
    this.auth = auth;
    this.membership = membership;
  }

  public void mount(Router router) {
    router.get("/api/me").handler(auth::requireUser).handler(this::showMe);
    router.patch("/api/me").handler(auth::requireUser).handler(this::updateMe);
    router.get("/api/admin/users").handler(auth.requireRole(Role.ADMIN)).handler(this::searchUsers);
    router.put("/api/admin/users/:id/roles").handler(auth.requireRole(Role.ADMIN)).handler(this::replaceRoles);
  }

  private void showMe(RoutingContext ctx) {
    sendMe(ctx, CurrentUser.require(ctx).user());
  }

  /** The user with the unions whose rosters verify them (contract §17), read after any change they made. */
  private void sendMe(RoutingContext ctx, User user) {
    membership.verifiedUnions(user.id())
        .onSuccess(unions -> Json.send(ctx, 200, user.toJson()
            .put("verifiedUnionIds", new JsonArray(List.copyOf(unions.keySet())))))
        .onFailure(ctx::fail);
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
    accounts.updateProfile(CurrentUser.require(ctx).user(), profile)
        .onSuccess(user -> sendMe(ctx, user))
        .onFailure(ctx::fail);
  }

  private void searchUsers(RoutingContext ctx) {
    accounts.search(ctx.request().getParam("q", ""), 50)
        .onSuccess(found -> Json.send(ctx, 200, new JsonObject()
            .put("items", new JsonArray(found.stream().map(User::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void replaceRoles(RoutingContext ctx) {
    long id = PathParams.id(ctx);
    JsonArray requested = Json.body(ctx).getValue("roles") instanceof JsonArray a ? a : null;
    if (requested == null) {
      throw ApiError.validation(Map.of("roles", "field.roles.invalid"));
    }
    EnumSet<Role> roles = EnumSet.of(Role.MEMBER);
    for (Object value : requested) {
      roles.add(Role.parse(value).orElseThrow(() -> ApiError.validation(Map.of("roles", "field.roles.invalid"))));
    }
    accounts.replaceRoles(CurrentUser.require(ctx).user(), id, roles)
        .map(user -> user.orElseThrow(ApiError::notFound))
        .onSuccess(user -> Json.send(ctx, 200, user.toJson()))
        .onFailure(ctx::fail);
  }
}
