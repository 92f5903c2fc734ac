package org.queqiao.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.queqiao.web.QrCodes;

/**
 * A video for Chromium's fake camera ({@code --use-file-for-fake-video-capture=…y4m}): a QR code
 * held still in front of the lens. Chromium reads uncompressed YUV4MPEG2 in 4:2:0 only, takes each
 * frame to be exactly {@code FRAME\n} and the three planes, and loops the file.
 */
public final class FakeCamera {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 480;
  private static final int FRAMES = 3;
  private static final int QUIET_ZONE = 4;
  private static final int MAX_MODULE_PX = 10;
  // Studio-range luma, as a real camera would deliver it; grey chroma keeps the picture colourless.
  private static final byte BLACK = 16;
  private static final byte WHITE = (byte) 235;
  private static final byte NO_COLOUR = (byte) 128;

  private FakeCamera() {}

  /** Writes a y4m showing the QR code of {@code text} centred on white; returns its absolute path. */
  public static Path showing(String text, Path file) {
    byte[] luma = qrPicture(QrCodes.modules(text));
    byte[] chroma = new byte[(WIDTH / 2) * (HEIGHT / 2)];
    Arrays.fill(chroma, NO_COLOUR);
    Path target = file.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      try (OutputStream out = Files.newOutputStream(target)) {
        out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F30:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < FRAMES; i++) {
          out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
          out.write(luma);
          out.write(chroma);
          out.write(chroma);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  /** The Y plane: modules as large as fit (at most 10 px), quiet zone included, centred. */
  static byte[] qrPicture(boolean[][] modules) {
    int size = modules.length;
    int withQuietZone = size + 2 * QUIET_ZONE;
    int modulePx = Math.min(MAX_MODULE_PX, Math.min(WIDTH, HEIGHT) / withQuietZone);
    if (modulePx < 3) {
      throw new IllegalArgumentException("a " + size + "-module QR code is too big for a " + WIDTH + "x" + HEIGHT + " picture");
    }
    byte[] y = new byte[WIDTH * HEIGHT];
    Arrays.fill(y, WHITE);
    int left = (WIDTH - size * modulePx) / 2;
    int top = (HEIGHT - size * modulePx) / 2;
    for (int row = 0; row < size; row++) {
      for (int col = 0; col < size; col++) {
        if (!modules[row][col]) {
          continue;
        }
        for (int dy = 0; dy < modulePx; dy++) {
          int start = (top + row * modulePx + dy) * WIDTH + left + col * modulePx;
          Arrays.fill(y, start, start + modulePx, BLACK);
        }
      }
    }
    return y;
  }
}
