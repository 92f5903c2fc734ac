package org.queqiao.unions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.users.Role;
import org.queqiao.web.ApiError;
import org.queqiao.web.Json;
import org.queqiao.web.Numbers;

public final class UnionRoutes {
  private final UnionService unions;
  private final Authentication auth;

  public UnionRoutes(UnionService unions, Authentication auth) {
    this.unions = unions;
    this.auth = auth;
  }

  public void mount(Router router) {
    router.get("/api/unions").handler(this::listUnions);
    router.post("/api/admin/unions").handler(auth.requireRole(Role.ADMIN)).handler(this::createUnion);
  }

  private void listUnions(RoutingContext ctx) {
    unions.list()
        .onSuccess(all -> Json.send(ctx, 200, new JsonArray(all.stream().map(Union::toJson).toList())))
        .onFailure(ctx::fail);
  }

  private void createUnion(RoutingContext ctx) {
    JsonObject body = Json.body(ctx);
    String name = body.getValue("name") instanceof String s ? s.strip() : "";
    if (name.isEmpty() || name.length() > 100) {
      throw ApiError.validation(Map.of("name", "field.union.name"));
    }
    Object parent = body.getValue("parentId");
    Long parentId = parent == null ? null : Numbers.wholeNumber(parent, 1, Long.MAX_VALUE).orElseThrow(UnionErrors::unknownParent);
    unions.create(name, parentId)
        .onSuccess(union -> Json.send(ctx, 201, union.toJson()))
        .onFailure(ctx::fail);
  }
}
