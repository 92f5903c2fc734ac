package org.queqiao.unions;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.auth.Authentication;
import org.queqiao.users.Role;
import org.queqiao.web.Forms;
import org.queqiao.web.PathParams;
import org.queqiao.web.Views;

/**
 * The admin's page for the union tree: a server-side search by name, a page at a time, browsing
 * down to a union's children, and adding a union under a parent chosen by name.
 */
public final class UnionPages {
  static final int PAGE_SIZE = 50;

  private final UnionService unions;
  private final Authentication auth;
  private final Views views;

  public UnionPages(UnionService unions, Authentication auth, Views views) {
    this.unions = unions;
    this.auth = auth;
    this.views = views;
  }

  public void mount(Router router) {
    router.get("/admin/unions").handler(auth.requireRole(Role.ADMIN)).handler(this::showUnions);
    router.post("/admin/unions").handler(auth.requireRole(Role.ADMIN)).handler(this::submitUnion);
  }

  private void showUnions(RoutingContext ctx) {
    Map<String, Object> form = new HashMap<>();
    model(ctx, form, List.of())
        .onSuccess(model -> views.render(ctx, "unions/admin", model))
        .onFailure(ctx::fail);
  }

  private void submitUnion(RoutingContext ctx) {
    String name = Optional.ofNullable(ctx.request().getFormAttribute("name")).orElse("").strip();
    String parentName = ctx.request().getFormAttribute("parentName");
    Map<String, Object> typed = new HashMap<>();
    typed.put("name", name);
    typed.put("parentName", parentName == null ? "" : parentName);
    unions.choose("parentId", ctx.request().getFormAttribute("parentId"), parentName)
        .onSuccess(choice -> {
          if (!choice.chosen()) {
            refuse(ctx, typed, choice.candidates(), choice.refusal());
          } else if (name.isEmpty() || name.length() > 100) {
            refuse(ctx, typed, List.of(), UnionErrors.badName());
          } else {
            unions.create(name, choice.id())
                .onSuccess(created -> Forms.seeOther(ctx, "/admin/unions?saved=1&q="
                    + URLEncoder.encode(created.name(), StandardCharsets.UTF_8)))
                .onFailure(refused -> refuse(ctx, typed, List.of(), refused));
          }
        })
        .onFailure(ctx::fail);
  }

  private void refuse(RoutingContext ctx, Map<String, Object> typed, List<Union> candidates, Throwable refusal) {
    model(ctx, typed, candidates)
        .onSuccess(model -> views.renderRefusal(ctx, "unions/admin", model, refusal))
        .onFailure(ctx::fail);
  }

  /** The search results for the query string, with the add form as typed. */
  private Future<Map<String, Object>> model(RoutingContext ctx, Map<String, Object> form, List<Union> candidates) {
    String query = Optional.ofNullable(ctx.request().getParam("q")).orElse("").strip();
    Long parentId = PathParams.queryLong(ctx, "parentId");
    Long asked = PathParams.queryLong(ctx, "page");
    int page = asked == null || asked < 1 || asked > 100_000 ? 1 : asked.intValue();
    Future<Optional<Union>> parent = parentId == null ? Future.succeededFuture(Optional.empty()) : unions.find(parentId);
    return parent.compose(within -> unions.search(query.isEmpty() ? null : query, parentId, PAGE_SIZE,
        (page - 1) * PAGE_SIZE).map(found -> {
          Map<String, Object> model = new HashMap<>();
          model.put("title", views.message(ctx, "unions.title"));
          model.put("q", query);
          model.put("total", found.total());
          model.put("unions", found.items().stream().map(listed -> Map.<String, Object>of(
              "id", listed.union().id(),
              "name", listed.union().name(),
              "parentId", listed.union().parentId() == null ? "" : listed.union().parentId(),
              "parentName", listed.parentName() == null ? "" : listed.parentName(),
              "children", listed.children())).toList());
          within.ifPresent(p -> {
            model.put("parent", p.toJson().getMap());
            form.putIfAbsent("parentName", p.name());
          });
          String base = "/admin/unions?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
              + (parentId == null ? "" : "&parentId=" + parentId) + "&page=";
          model.put("page", page);
          model.put("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
          if (page > 1) {
            model.put("prevLink", base + (page - 1));
          }
          if ((long) page * PAGE_SIZE < found.total()) {
            model.put("nextLink", base + (page + 1));
          }
          model.put("saved", "1".equals(ctx.request().getParam("saved")));
          model.put("form", form);
          model.put("parentCandidates", candidates.stream().map(u -> u.toJson().getMap()).toList());
          return model;
        }));
  }
}
