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
import org.queqiao.web.PathParams;
import org.queqiao.web.Numbers;

public final class UnionRoutes {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

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

  /**
   * Without parameters, every union (as before); with {@code q}, {@code parentId}, {@code limit} or
   * {@code offset}, one page of a search, which is what clients should use once unions number in
   * the thousands. The total goes in {@code X-Total-Count}, so the answer stays a bare array.
   */
  private void listUnions(RoutingContext ctx) {
    var params = ctx.request().params();
    if (params.contains("q") || params.contains("parentId") || params.contains("limit") || params.contains("offset")) {
      searchUnions(ctx);
      return;
    }
    unions.list()
        .onSuccess(all -> Json.send(ctx, 200, new JsonArray(all.stream().map(Union::toJson).toList())))
        .onFailure(ctx::fail);
  }

  private void searchUnions(RoutingContext ctx) {
    String query = ctx.request().getParam("q");
    Long parentId = PathParams.queryLong(ctx, "parentId");
    Long limit = PathParams.queryLong(ctx, "limit");
    Long offset = PathParams.queryLong(ctx, "offset");
    if ((limit != null && (limit < 1 || limit > MAX_LIMIT)) || (offset != null && (offset < 0 || offset > Integer.MAX_VALUE))) {
      throw UnionErrors.badLimit();
    }
    if (query != null && query.length() > 100) {
      throw UnionErrors.badQuery();
    }
    unions.search(query, parentId, limit == null ? DEFAULT_LIMIT : limit.intValue(), offset == null ? 0 : offset.intValue())
        .onSuccess(page -> {
          ctx.response().putHeader("X-Total-Count", Long.toString(page.total()));
          Json.send(ctx, 200, new JsonArray(page.items().stream().map(UnionRoutes::toJson).toList()));
        })
        .onFailure(ctx::fail);
  }

  static JsonObject toJson(UnionRepository.Listed listed) {
    return listed.union().toJson().put("parentName", listed.parentName()).put("children", listed.children());
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
