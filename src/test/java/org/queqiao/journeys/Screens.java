package org.queqiao.journeys;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import org.queqiao.support.Browser;

/** The two screens the pages are judged on, and what "fits the screen" means. */
final class Screens {
  /** A common phone (iPhone 12–15 class): the size the pages are designed for first. */
  static final int PHONE_WIDTH = 390;
  static final int PHONE_HEIGHT = 844;
  static final int DESKTOP_WIDTH = 1280;
  static final int DESKTOP_HEIGHT = 800;

  private Screens() {}

  static NewContextOptions phone() {
    return new NewContextOptions().setViewportSize(PHONE_WIDTH, PHONE_HEIGHT);
  }

  static void usePhone(Page page) {
    page.setViewportSize(PHONE_WIDTH, PHONE_HEIGHT);
  }

  static void useDesktop(Page page) {
    page.setViewportSize(DESKTOP_WIDTH, DESKTOP_HEIGHT);
  }

  /** True when nothing sticks out sideways: the page never scrolls horizontally. */
  static boolean fitsWidth(Page page) {
    return Boolean.TRUE.equals(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"));
  }

  /** For a failure message: the page's width against the screen's, and the elements reaching past it. */
  static String overflowReport(Page page) {
    return String.valueOf(page.evaluate("() => {"
        + "  const w = window.innerWidth;"
        + "  const wide = [...document.querySelectorAll('body *')]"
        + "    .filter(e => e.getBoundingClientRect().right > w + 0.5)"
        + "    .slice(0, 5)"
        + "    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).trim().replace(/\\s+/g, '.') : '')"
        + "      + ' (right ' + Math.round(e.getBoundingClientRect().right) + ')');"
        + "  return 'scrollWidth ' + document.documentElement.scrollWidth + ' > ' + w + ': ' + wide.join(', ');"
        + "}"));
  }

  /** Full-page screenshots as {@code target/screenshots/<name>-phone.png} and {@code -desktop.png}. */
  static Path phoneShot(Page page, String name) {
    return Browser.screenshot(page, name + "-phone");
  }

  static Path desktopShot(Page page, String name) {
    return Browser.screenshot(page, name + "-desktop");
  }
}
