package org.queqiao.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;

/**
 * The image a chat shows for an event link without a cover (og:image): 1200×630, the event's
 * title, date and venue on the app's colours. Drawn on demand by a worker thread; chats cache it.
 */
public final class ShareCard {
  private static final int WIDTH = 1200;
  private static final int HEIGHT = 630;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private final EventAccess access;

  public ShareCard(EventAccess access) {
    this.access = access;
  }

  public void mount(Router router) {
    router.get("/events/:id/card.png").handler(access::requireVisible).handler(this::send);
  }

  private void send(RoutingContext ctx) {
    Event event = EventAccess.event(ctx);
    ctx.vertx().executeBlocking(() -> draw(event), false)
        .onSuccess(png -> ctx.response().putHeader("Content-Type", "image/png")
            .putHeader("Cache-Control", "public, max-age=600").end(Buffer.buffer(png)))
        .onFailure(ctx::fail);
  }

  static byte[] draw(Event event) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(new Color(0xB3, 0x26, 0x1E));
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(new Color(0xFF, 0xF8, 0xF0));
      g.fillRoundRect(40, 40, WIDTH - 80, HEIGHT - 80, 32, 32);
      g.setColor(new Color(0x22, 0x22, 0x22));
      // The logical font falls back to the system's CJK fonts for Chinese titles.
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
      drawClipped(g, event.title(), 100, 220, WIDTH - 200);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
      g.drawString(WHEN.format(event.startsAt().atZone(event.zone())), 100, 330);
      if (event.venue() != null) {
        drawClipped(g, event.venue(), 100, 400, WIDTH - 200);
      }
      g.setColor(new Color(0xB3, 0x26, 0x1E));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
      g.drawString("鹊桥 Queqiao", 100, HEIGHT - 100);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void drawClipped(Graphics2D g, String text, int x, int y, int maxWidth) {
    String shown = text;
    while (g.getFontMetrics().stringWidth(shown) > maxWidth && shown.length() > 1) {
      shown = shown.substring(0, shown.length() - 2) + "…";
    }
    g.drawString(shown, x, y);
  }
}
