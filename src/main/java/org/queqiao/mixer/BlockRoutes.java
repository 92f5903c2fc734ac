package org.queqiao.mixer;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.queqiao.auth.Authentication;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.EventAccess;
import org.queqiao.web.ApiError;
import org.queqiao.web.Forms;
import org.queqiao.web.Json;
import org.queqiao.web.Lang;
import org.queqiao.web.PathParams;
import org.queqiao.web.Times;
import org.queqiao.web.Views;

/** Blocks (contract §14), as JSON and as pages: block a badge, list my blocks, undo one. */
public final class BlockRoutes {
  private final BlockService blocks;
  private final EventAccess access;
  private final Authentication auth;
  private final Views views;

  public BlockRoutes(BlockService blocks, EventAccess access, Authentication auth, Views views) {
    this.blocks = blocks;
    this.access = access;
    this.auth = auth;
    this.views = views;
  }

  public void mount(Router router) {
    router.put("/api/events/:id/mixer/blocks/:badge").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::blockBadge);
    router.delete("/api/events/:id/mixer/blocks/:badge").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::unblockBadge);
    router.get("/api/me/blocks").handler(auth::requireUser).handler(this::listBlocks);
    router.delete("/api/me/blocks/:bid").handler(auth::requireUser).handler(this::removeBlock);
    router.post("/events/:id/mixer/blocks").handler(auth::requireUser).handler(access::requireVisible)
        .handler(this::submitBlock);
    router.get("/me/blocks").handler(auth::requireUser).handler(this::showBlocks);
    router.post("/me/blocks/:bid/remove").handler(auth::requireUser).handler(this::submitRemoveBlock);
  }

  private static long blockId(RoutingContext ctx) {
    return PathParams.pathLong(ctx, "bid", ApiError::notFound);
  }

  private void blockBadge(RoutingContext ctx) {
    blocks.block(CurrentUser.require(ctx).user(), EventAccess.event(ctx), MixerRoutes.badge(ctx))
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void unblockBadge(RoutingContext ctx) {
    blocks.unblock(CurrentUser.require(ctx).user(), EventAccess.event(ctx), MixerRoutes.badge(ctx))
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void listBlocks(RoutingContext ctx) {
    blocks.mine(CurrentUser.require(ctx).user())
        .onSuccess(list -> Json.send(ctx, 200, new JsonArray(list.stream().map(BlockRepository.Block::toJson).toList())))
        .onFailure(ctx::fail);
  }

  private void removeBlock(RoutingContext ctx) {
    blocks.unblock(CurrentUser.require(ctx).user(), blockId(ctx))
        .onSuccess(done -> Json.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void submitBlock(RoutingContext ctx) {
    var event = EventAccess.event(ctx);
    int badge = org.queqiao.web.Numbers.whole(ctx.request().getFormAttribute("badge"), 1, Integer.MAX_VALUE)
        .map(Long::intValue).orElse(0);
    (badge == 0 ? io.vertx.core.Future.<Void>failedFuture(MixerErrors.noSuchBadge())
        : blocks.block(CurrentUser.require(ctx).user(), event, badge))
        .onSuccess(done -> Forms.seeOther(ctx, "/events/" + event.id() + "/mixer?blocked=1#people"))
        .onFailure(ctx::fail);
  }

  private void showBlocks(RoutingContext ctx) {
    String lang = Lang.of(ctx);
    blocks.mine(CurrentUser.require(ctx).user())
        .onSuccess(list -> views.render(ctx, "mixer/blocks", Map.of(
            "title", views.message(ctx, "blocks.title"),
            "removed", "1".equals(ctx.request().getParam("removed")),
            "items", list.stream().map(b -> {
              Map<String, Object> row = new HashMap<>();
              row.put("id", b.id());
              row.put("nickname", b.deleted() ? views.message(ctx, "matches.deletedMember") : b.nickname());
              row.put("badge", b.badge());
              row.put("eventTitle", b.eventTitle());
              row.put("at", Times.display(b.at(), Times.DEFAULT_ZONE, lang));
              return row;
            }).toList())))
        .onFailure(ctx::fail);
  }

  private void submitRemoveBlock(RoutingContext ctx) {
    blocks.unblock(CurrentUser.require(ctx).user(), blockId(ctx))
        .onSuccess(done -> Forms.seeOther(ctx, "/me/blocks?removed=1"))
        .onFailure(ctx::fail);
  }
}
