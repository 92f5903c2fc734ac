package org.queqiao.web;

import io.nayuki.qrcodegen.QrCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** QR codes drawn on the server (qrcodegen) as SVG, so the page needs no script to show one. */
public final class QrCodes {
  private static final int BORDER = 4;

  private QrCodes() {}

  public static String svg(String text) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int size = qr.size + BORDER * 2;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path d=\"" + path + "\" fill=\"#000\"/></svg>";
  }

  /** For an {@code <img src>}: CSP allows data: images, and the text is escaped by construction. */
  public static String svgDataUri(String text) {
    return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg(text).getBytes(StandardCharsets.UTF_8));
  }

  /** The module matrix, for tests that need to draw a code into a fake camera picture. */
  public static boolean[][] modules(String text) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    boolean[][] modules = new boolean[qr.size][qr.size];
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        modules[y][x] = qr.getModule(x, y);
      }
    }
    return modules;
  }
}
