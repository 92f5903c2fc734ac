package org.queqiao.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Giving and taking roles as the admin does it, over the API. */
public final class Roles {
  private Roles() {}

  /**
   * Replaces the user's roles with these (MEMBER stays; none withdraws every other role); returns
   * the user as the API answers it.
   */
  public static JsonObject set(Api api, String adminToken, long userId, String... roles) {
    Api.Response granted = api.put("/api/admin/users/" + userId + "/roles",
        new JsonObject().put("roles", new JsonArray(java.util.List.of((Object[]) roles))), adminToken);
    if (granted.status() != 200) {
      throw new AssertionError("could not set the roles of user " + userId + " to " + String.join(", ", roles)
          + ": " + granted);
    }
    return granted.json();
  }
}
