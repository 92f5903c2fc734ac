package org.queqiao.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text on the share card and poster: Chinese wraps between characters, by the rules readers expect. */
class DrawingTest {
  private static FontMetrics metrics() {
    Graphics2D g = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB).createGraphics();
    g.setFont(Drawing.sans(Font.BOLD, 40));
    return g.getFontMetrics();
  }

  @Test
  void everyCharacterIsKeptInOrderWhenTheLinesSuffice() {
    FontMetrics m = metrics();
    String title = "公告栏海报：读《平凡的世界》，一起聊聊孙少平的选择";
    int width = m.stringWidth("公告栏海报：读《");
    List<String> lines = Drawing.lines(m, title, width, 10);
    assertTrue(lines.size() > 2, lines.toString());
    assertEquals(title, String.join("", lines));
    lines.forEach(line -> assertTrue(m.stringWidth(line) <= width, "fits: " + line));
  }

  @Test
  void closingPunctuationNeverStartsALine() {
    FontMetrics m = metrics();
    // Eight characters fit; the ninth is a closing bracket, which goes down with the character before it.
    String text = "读平凡的世界一起聊》，孙少平";
    for (int width = m.stringWidth("读平凡"); width <= m.stringWidth(text); width += 7) {
      for (String line : Drawing.lines(m, text, width, 20)) {
        assertFalse("》，".indexOf(line.charAt(0)) >= 0, "a line starts with " + line + " at width " + width);
      }
    }
  }

  @Test
  void whatDoesNotFitEndsInAnEllipsisOnTheLastLine() {
    FontMetrics m = metrics();
    List<String> lines = Drawing.lines(m, "一二三四五六七八九十一二三四五六七八九十", m.stringWidth("一二三四五"), 2);
    assertEquals(2, lines.size());
    assertTrue(lines.get(1).endsWith("…"), lines.toString());
    assertTrue(m.stringWidth(lines.get(1)) <= m.stringWidth("一二三四五"), lines.get(1));
  }

  @Test
  void latinWordsBreakAtSpacesWhereOneIsNear() {
    FontMetrics m = metrics();
    List<String> lines = Drawing.lines(m, "Scan with your phone to sign up", m.stringWidth("Scan with your ph"), 5);
    assertEquals("Scan with your", lines.get(0));
  }
}
