package org.queqiao.events;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * What the share card and the poster have in common: the app's colours, a canvas, text that wraps
 * between characters (Chinese has no spaces) and ends with "…" where it does not fit, PNG bytes.
 * The logical sans-serif font falls back to the system's CJK fonts (Noto CJK) for Chinese.
 */
final class Drawing {
  static final Color RED = new Color(0xB3, 0x26, 0x1E);
  static final Color PAPER = new Color(0xFF, 0xF8, 0xF0);
  static final Color INK = new Color(0x22, 0x22, 0x22);
  static final Color MUTED = new Color(0x55, 0x55, 0x55);

  private static final String NO_LINE_START = "，。、；：！？）》」』】〉…,.;:!?)";

  private Drawing() {}

  static Graphics2D canvas(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    return g;
  }

  static Font sans(int style, int size) {
    return new Font(Font.SANS_SERIF, style, size);
  }

  /**
   * Draws {@code text} from baseline {@code y} in at most {@code maxLines} lines of {@code maxWidth},
   * breaking after a space where one is near, else between any two characters; the last line ends
   * with "…" when text is left over. Returns the baseline below the last line drawn.
   */
  static int wrap(Graphics2D g, String text, int x, int y, int maxWidth, int maxLines, int lineHeight) {
    List<String> lines = lines(g.getFontMetrics(), text.strip(), maxWidth, maxLines);
    for (String line : lines) {
      g.drawString(line, x, y);
      y += lineHeight;
    }
    return y;
  }

  /** As {@link #wrap}, each line centred on {@code centreX}. */
  static int wrapCentred(Graphics2D g, String text, int centreX, int y, int maxWidth, int maxLines, int lineHeight) {
    FontMetrics metrics = g.getFontMetrics();
    for (String line : lines(metrics, text.strip(), maxWidth, maxLines)) {
      g.drawString(line, centreX - metrics.stringWidth(line) / 2, y);
      y += lineHeight;
    }
    return y;
  }

  static List<String> lines(FontMetrics metrics, String text, int maxWidth, int maxLines) {
    List<String> lines = new ArrayList<>();
    String rest = text;
    while (!rest.isEmpty() && lines.size() < maxLines) {
      int fit = fitting(metrics, rest, maxWidth);
      if (fit < rest.length() && lines.size() == maxLines - 1) {
        lines.add(ellipsis(metrics, rest, maxWidth));
        return lines;
      }
      int cut = fit;
      // Closing punctuation never starts a line (the Chinese rule): it stays with the character before.
      while (cut < rest.length() && cut > 1 && NO_LINE_START.indexOf(rest.charAt(cut)) >= 0) {
        cut--;
      }
      int space = rest.lastIndexOf(' ', fit);
      if (fit < rest.length() && space > fit * 2 / 3) {
        cut = space; // a Latin word is not split when a space is near the end of the line
      }
      lines.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    return lines;
  }

  /** How many characters of {@code text} (whole code points, at least one) fit in {@code maxWidth}. */
  private static int fitting(FontMetrics metrics, String text, int maxWidth) {
    int end = 0;
    while (end < text.length()) {
      int next = text.offsetByCodePoints(end, 1);
      if (end > 0 && metrics.stringWidth(text.substring(0, next)) > maxWidth) {
        break;
      }
      end = next;
    }
    return end;
  }

  private static String ellipsis(FontMetrics metrics, String text, int maxWidth) {
    int end = fitting(metrics, text, maxWidth - metrics.stringWidth("…"));
    return text.substring(0, end).strip() + "…";
  }

  static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
