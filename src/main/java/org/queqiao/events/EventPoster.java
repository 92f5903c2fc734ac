package org.queqiao.events;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.queqiao.web.QrCodes;

/**
 * A poster for a notice board: A4 portrait at 150 dpi (1240×1754, prints sharp at A4 and readable
 * at A3), the host union on a red band, the title, when and where, and a large QR code of the
 * event page's address so a passer-by can scan it and sign up; the address is printed under the
 * code for those who type it. Bilingual captions: the board is read by everyone who passes.
 */
final class EventPoster {
  static final int WIDTH = 1240;
  static final int HEIGHT = 1754;
  /** The QR code's side in pixels, quiet zone included: about 10 cm when printed at A4. */
  static final int QR_SIDE = 600;
  private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("HH:mm");
  private static final int MARGIN = 100;

  private EventPoster() {}

  static byte[] draw(Event event, Optional<String> union, String address) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Drawing.canvas(image);
    try {
      g.setColor(Drawing.PAPER);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Drawing.RED);
      g.fillRect(0, 0, WIDTH, 200);
      g.setColor(Drawing.PAPER);
      g.setFont(Drawing.sans(Font.BOLD, 52));
      Drawing.wrapCentred(g, union.orElse("鹊桥 Queqiao"), WIDTH / 2, 120, WIDTH - 2 * MARGIN, 1, 60);

      // The text flows down from the band (at most 3 + 1 + 1 + 2 lines); the code sits below it.
      g.setColor(Drawing.INK);
      g.setFont(Drawing.sans(Font.BOLD, 76));
      int y = Drawing.wrapCentred(g, event.title(), WIDTH / 2, 320, WIDTH - 2 * MARGIN, 3, 96);
      if (Event.CANCELLED.equals(event.status())) {
        g.setColor(Drawing.RED);
        g.setFont(Drawing.sans(Font.BOLD, 56));
        y = Drawing.wrapCentred(g, "已取消 · Cancelled", WIDTH / 2, y, WIDTH - 2 * MARGIN, 1, 76);
      }
      g.setColor(Drawing.INK);
      g.setFont(Drawing.sans(Font.PLAIN, 44));
      y = Drawing.wrapCentred(g, when(event), WIDTH / 2, y + 10, WIDTH - 2 * MARGIN, 1, 60);
      if (event.venue() != null && !event.venue().isBlank()) {
        y = Drawing.wrapCentred(g, event.venue(), WIDTH / 2, y, WIDTH - 2 * MARGIN, 2, 60);
      }

      int qrTop = Math.max(y, 760);
      drawQr(g, address, (WIDTH - QR_SIDE) / 2, qrTop);
      g.setColor(Drawing.INK);
      g.setFont(Drawing.sans(Font.BOLD, 48));
      int below = Drawing.wrapCentred(g, "微信或手机相机扫码，查看活动并报名", WIDTH / 2, qrTop + QR_SIDE + 70,
          WIDTH - 2 * MARGIN, 1, 50);
      g.setColor(Drawing.MUTED);
      g.setFont(Drawing.sans(Font.PLAIN, 30));
      below = Drawing.wrapCentred(g, "Scan with your phone's camera to see the event and sign up", WIDTH / 2, below,
          WIDTH - 2 * MARGIN, 1, 46);
      g.setFont(Drawing.sans(Font.PLAIN, 28));
      Drawing.wrapCentred(g, address, WIDTH / 2, below, WIDTH - 2 * MARGIN, 1, 40);

      g.setColor(Drawing.RED);
      g.setFont(Drawing.sans(Font.BOLD, 36));
      Drawing.wrapCentred(g, "鹊桥 Queqiao", WIDTH / 2, HEIGHT - 60, WIDTH - 2 * MARGIN, 1, 40);
    } finally {
      g.dispose();
    }
    return Drawing.png(image);
  }

  /** "2026-12-05 19:00–21:00" in the event's own zone; the end's date too when it is another day. */
  static String when(Event event) {
    ZonedDateTime start = event.startsAt().atZone(event.zone());
    ZonedDateTime end = event.endsAt().atZone(event.zone());
    String until = start.toLocalDate().equals(end.toLocalDate()) ? END.format(end) : ShareCard.WHEN.format(end);
    return ShareCard.WHEN.format(start) + "–" + until;
  }

  /** The code in whole pixels per module (sharp when printed), on white with its quiet zone. */
  private static void drawQr(Graphics2D g, String text, int left, int top) {
    boolean[][] modules = QrCodes.modules(text);
    int quiet = 4;
    int scale = QR_SIDE / (modules.length + 2 * quiet);
    int side = scale * (modules.length + 2 * quiet);
    int x0 = left + (QR_SIDE - side) / 2;
    int y0 = top + (QR_SIDE - side) / 2;
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(left, top, QR_SIDE, QR_SIDE);
    g.setColor(java.awt.Color.BLACK);
    for (int row = 0; row < modules.length; row++) {
      for (int col = 0; col < modules.length; col++) {
        if (modules[row][col]) {
          g.fillRect(x0 + (col + quiet) * scale, y0 + (row + quiet) * scale, scale, scale);
        }
      }
    }
  }
}
