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
    if (parent != null && !(parent instanceof Integer || parent instanceof Long)) {
      throw UnionErrors.unknownParent();
    }
    unions.create(name, parent == null ? null : ((Number) parent).longValue())
        .onSuccess(union -> Json.send(ctx, 201, union.toJson()))
        .onFailure(ctx::fail);
  }
}
