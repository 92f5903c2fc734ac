package org.queqiao.lottery;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.queqiao.events.Event;
import org.queqiao.events.EventView;
import org.queqiao.web.Messages;

/**
 * What the event page of a lottery shows about it: when the draw is, the commitment to check it
 * by later, and the viewer's own number and result. Other features put it in their page model.
 */
public final class LotteryBox {
  private final LotteryService service;
  private final Messages messages;

  public LotteryBox(LotteryService service, Messages messages) {
    this.service = service;
    this.messages = messages;
  }

  /** Empty for an event that is not a lottery. */
  public Future<Optional<Map<String, Object>>> model(Event event, Optional<Long> viewerId, String lang) {
    if (!event.lottery()) {
      return Future.succeededFuture(Optional.empty());
    }
    return service.find(event).compose(lottery -> (viewerId.isPresent()
        ? service.mine(event, viewerId.get(), lottery) : Future.succeededFuture(Optional.<Lottery.Mine>empty()))
        .map(mine -> {
          Map<String, Object> box = new HashMap<>();
          box.put("drawAt", EventView.moment(event.effectiveClosesAt(), event, lang));
          box.put("commitment", lottery.commitment());
          box.put("drawn", lottery.drawn());
          box.put("applicants", lottery.drawn() ? lottery.results().size() : lottery.applied());
          mine.ifPresent(m -> {
            box.put("myNumber", m.number());
            box.put("mine", messages.get(lang, "lottery.mine." + m.status(), m.number(),
                m.waitlistPosition() == null ? "" : m.waitlistPosition()));
          });
          return Optional.of(box);
        }));
  }
}
