package org.queqiao.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The images an event's link travels with. The share card is what a chat shows for an event link
 * without a cover (og:image, 1200×630); the poster is for a notice board (A4 portrait at 150 dpi,
 * 1240×1754) with a QR code of the event's address. Both carry the title, date, venue and host
 * union. Drawn on demand by a worker thread; chats and browsers cache them.
 */
public final class ShareCard {
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 630;
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private final EventAccess access;
  private final EventService events;
  private final URI publicBase;

  public ShareCard(EventAccess access, EventService events, URI publicBase) {
    this.access = access;
    this.events = events;
    this.publicBase = publicBase;
  }

  public void mount(Router router) {
    router.get("/events/:id/card.png").handler(access::requireVisible)
        .handler(ctx -> send(ctx, ShareCard::draw, null));
    router.get("/events/:id/poster.png").handler(access::requireVisible)
        .handler(ctx -> send(ctx, (event, union) -> EventPoster.draw(event, union, address(event)),
            "queqiao-event-" + EventAccess.event(ctx).id() + "-poster.png"));
  }

  /** The event page's absolute address, as the poster's QR code carries it. */
  String address(Event event) {
    return publicBase.toString() + "/events/" + event.id();
  }

  private void send(RoutingContext ctx, BiFunction<Event, Optional<String>, byte[]> drawing, String filename) {
    Event event = EventAccess.event(ctx);
    events.hostUnionName(event)
        .compose(union -> ctx.vertx().executeBlocking(() -> drawing.apply(event, union), false))
        .onSuccess(png -> {
          ctx.response().putHeader("Content-Type", "image/png")
              // A draft is seen by its managers only: no shared cache may keep it.
              .putHeader("Cache-Control", Event.DRAFT.equals(event.status()) ? "private, no-cache" : "public, max-age=600");
          if (filename != null) {
            ctx.response().putHeader("Content-Disposition", "inline; filename=\"" + filename + "\"");
          }
          ctx.response().end(Buffer.buffer(png));
        })
        .onFailure(ctx::fail);
  }

  static byte[] draw(Event event, Optional<String> union) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Drawing.canvas(image);
    try {
      g.setColor(Drawing.RED);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Drawing.PAPER);
      g.fillRoundRect(40, 40, WIDTH - 80, HEIGHT - 80, 32, 32);
      g.setColor(Drawing.INK);
      g.setFont(Drawing.sans(Font.BOLD, 64));
      int y = Drawing.wrap(g, event.title(), 100, 170, WIDTH - 200, 2, 80);
      g.setFont(Drawing.sans(Font.PLAIN, 40));
      g.drawString(WHEN.format(event.startsAt().atZone(event.zone())), 100, y + 20);
      if (event.venue() != null && !event.venue().isBlank()) {
        Drawing.wrap(g, event.venue(), 100, y + 80, WIDTH - 200, 1, 50);
      }
      if (Event.CANCELLED.equals(event.status())) {
        g.setColor(Drawing.RED);
        g.setFont(Drawing.sans(Font.BOLD, 44));
        g.drawString("已取消 · Cancelled", 100, y + 150);
      }
      g.setColor(Drawing.RED);
      g.setFont(Drawing.sans(Font.BOLD, 36));
      Drawing.wrap(g, union.map(u -> u + " · 鹊桥").orElse("鹊桥 Queqiao"), 100, HEIGHT - 100, WIDTH - 200, 1, 40);
    } finally {
      g.dispose();
    }
    return Drawing.png(image);
  }
}
