package org.queqiao.lottery;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.queqiao.auth.CurrentUser;
import org.queqiao.events.Event;
import org.queqiao.events.EventAccess;
import org.queqiao.events.EventView;
import org.queqiao.web.Forms;
import org.queqiao.web.Lang;
import org.queqiao.web.Messages;
import org.queqiao.web.Views;

/** The public draw page: the seed, the masked results, how to check them; and the manager's draw button. */
public final class LotteryPages {
  private final LotteryService service;
  private final EventAccess access;
  private final Views views;
  private final Messages messages;
  private final Clock clock;

  public LotteryPages(LotteryService service, EventAccess access, Views views, Messages messages, Clock clock) {
    this.service = service;
    this.access = access;
    this.views = views;
    this.messages = messages;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/events/:id/draw").handler(access::requireVisible).handler(this::showDraw);
    router.post("/events/:id/draw").handler(access::requireManager).handler(this::submitDraw);
  }

  private void showDraw(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    String lang = Lang.of(ctx);
    Optional<Long> viewer = CurrentUser.of(ctx).map(c -> c.user().id());
    service.find(event).compose(lottery -> (viewer.isPresent()
        ? service.mine(event, viewer.get(), lottery) : io.vertx.core.Future.succeededFuture(Optional.<Lottery.Mine>empty()))
        .map(mine -> {
          Map<String, Object> model = new HashMap<>();
          model.put("title", messages.get(lang, "lottery.title", event.title()));
          model.put("event", EventView.of(event, clock.instant(), lang, messages));
          model.put("lottery", lottery.toJson(event).getMap());
          model.put("drawAt", EventView.moment(event.effectiveClosesAt(), event, lang));
          model.put("drawnAt", lottery.drawnAt() == null ? null : EventView.moment(lottery.drawnAt(), event, lang));
          model.put("seats", seatRows(event, lottery, lang));
          model.put("results", resultRows(event, lottery, lang));
          model.put("noApplicants", lottery.drawn() && lottery.results().isEmpty());
          model.put("canDraw", EventAccess.grant(ctx).manager() && !lottery.drawn()
              && Event.PUBLISHED.equals(event.status()) && !clock.instant().isBefore(event.effectiveClosesAt()));
          model.put("justDrawn", "1".equals(ctx.request().getParam("drawn")));
          mine.ifPresent(m -> model.put("mine", messages.get(lang,
              "lottery.mine." + m.status(), m.number(), m.waitlistPosition() == null ? "" : m.waitlistPosition())));
          return model;
        }))
        .onSuccess(model -> views.render(ctx, "lottery/draw", model))
        .onFailure(ctx::fail);
  }

  private void submitDraw(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    service.draw(event, CurrentUser.require(ctx).user().id())
        .onSuccess(lottery -> Forms.seeOther(ctx, "/events/" + event.id() + "/draw?drawn=1"))
        .onFailure(ctx::fail);
  }

  private List<Map<String, Object>> seatRows(Event event, Lottery lottery, String lang) {
    List<Map<String, Object>> rows = new ArrayList<>();
    if (lottery.seats() != null) {
      event.pools().forEach(p -> rows.add(Map.of("key", p.key(), "label", EventView.poolLabel(event, p, lang, messages),
          "seats", lottery.seats().getInteger(p.key(), 0))));
    }
    return rows;
  }

  private List<Map<String, Object>> resultRows(Event event, Lottery lottery, String lang) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Lottery.Result r : lottery.results()) {
      Map<String, Object> row = new HashMap<>();
      row.put("rank", r.rank());
      row.put("number", r.number());
      row.put("maskedName", r.maskedName());
      row.put("pool", event.pool(r.pool()).map(p -> EventView.poolLabel(event, p, lang, messages)).orElse(r.pool()));
      row.put("position", r.position());
      row.put("won", Draw.CONFIRMED.equals(r.status()));
      row.put("statusLabel", messages.get(lang, "lottery.status." + r.status()));
      rows.add(row);
    }
    return rows;
  }
}
