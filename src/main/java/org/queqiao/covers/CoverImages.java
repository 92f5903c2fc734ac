package org.queqiao.covers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Turns an uploaded poster into the two JPEGs that are served: the large one (long side at most
 * {@value #LARGE} px) and the phone one (at most {@value #SMALL} px wide). Nothing of the upload
 * but its pixels survives: the JPEGs are encoded afresh without metadata (no EXIF, so no GPS
 * position or camera serial), after the EXIF orientation has been applied to the pixels.
 *
 * <p>The format is read from the bytes, never from a client's Content-Type, and only the JPEG,
 * PNG and WebP readers are ever asked to decode. The dimensions are read from the header first and
 * an image over {@value #MAX_PIXELS} pixels is refused before any pixel is decoded (a few hundred
 * bytes of PNG can claim gigabytes of pixels). Big images are decoded subsampled, so the decoded
 * raster stays near twice the largest size served. A decoder's warning (a truncated JPEG decodes
 * with a grey bottom and a warning) is a refusal, like its exceptions.
 *
 * <p>Blocking and CPU-bound: callers run it on a worker, never on an event loop.
 */
final class CoverImages {
  static final int MAX_BYTES = 5 * 1024 * 1024;
  static final long MAX_PIXELS = 40_000_000L;
  static final int LARGE = 1600;
  static final int SMALL = 640;
  private static final float QUALITY = 0.85f;

  enum Format {
    JPEG("jpeg"), PNG("png"), WEBP("webp");

    final String readerName;

    Format(String readerName) {
      this.readerName = readerName;
    }
  }

  record Encoded(byte[] bytes, int width, int height) {}

  /** The two images and a tag that changes whenever either does. */
  record Processed(Encoded large, Encoded small, String etag) {}

  /** Why an upload was refused. */
  static final class Refused extends Exception {
    final boolean tooManyPixels;

    Refused(String why, boolean tooManyPixels) {
      super(why, null, false, false);
      this.tooManyPixels = tooManyPixels;
    }
  }

  private CoverImages() {}

  static Processed process(byte[] upload) throws Refused {
    Format format = sniff(upload).orElseThrow(() -> new Refused("not a JPEG, PNG or WebP", false));
    BufferedImage pixels = decode(upload, format);
    BufferedImage large = fit(pixels, LARGE, LARGE);
    BufferedImage small = fit(large, SMALL, Integer.MAX_VALUE);
    Encoded largeJpeg = jpeg(large);
    Encoded smallJpeg = small == large ? largeJpeg : jpeg(small);
    return new Processed(largeJpeg, smallJpeg, etag(largeJpeg.bytes(), smallJpeg.bytes()));
  }

  /** The format as the leading bytes (the "magic number") say, whatever the client claimed. */
  static Optional<Format> sniff(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return Optional.of(Format.JPEG);
    }
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
        && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
      return Optional.of(Format.PNG);
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
        && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      return Optional.of(Format.WEBP);
    }
    return Optional.empty();
  }

  private static BufferedImage decode(byte[] upload, Format format) throws Refused {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName);
    if (!readers.hasNext()) {
      throw new IllegalStateException("no ImageIO reader for " + format + " on the class path");
    }
    ImageReader reader = readers.next();
    List<String> warnings = new ArrayList<>();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
      reader.setInput(in, true, format != Format.JPEG);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
        throw new Refused(width + "×" + height + " is over the pixel limit", true);
      }
      Orientation orientation = format == Format.JPEG ? orientation(reader) : null;
      ImageReadParam param = reader.getDefaultReadParam();
      int step = Math.max(1, Math.max(width, height) / (2 * LARGE));
      if (step > 1) {
        param.setSourceSubsampling(step, step, 0, 0);
      }
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      BufferedImage decoded = reader.read(0, param);
      if (!warnings.isEmpty()) {
        throw new Refused("the decoder warned: " + warnings.get(0), false);
      }
      BufferedImage upright = orientation == null || orientation == Orientation.TOP_LEFT
          ? decoded : ExifFilterUtils.getFilterForOrientation(orientation).apply(decoded);
      return opaqueRgb(upright);
    } catch (IOException | RuntimeException e) {
      // Decoders answer crafted input with any exception they like; all of them mean "not an image".
      throw new Refused("could not decode: " + e, false);
    } finally {
      reader.dispose();
    }
  }

  /** The EXIF orientation of a JPEG; an unreadable EXIF block leaves the pixels as they are. */
  private static Orientation orientation(ImageReader reader) {
    try {
      return ExifUtils.getExifOrientation(reader, 0);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** JPEG has no transparency: transparent parts become white rather than black. */
  private static BufferedImage opaqueRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }

  /** Scaled down (never up) to fit the box, keeping the aspect ratio. */
  private static BufferedImage fit(BufferedImage image, int maxWidth, int maxHeight) {
    int width = image.getWidth();
    int height = image.getHeight();
    if (width <= maxWidth && height <= maxHeight) {
      return image;
    }
    double scale = Math.min((double) maxWidth / width, (double) maxHeight / height);
    int w = Math.max(1, (int) Math.round(width * scale));
    int h = Math.max(1, (int) Math.round(height * scale));
    try {
      return Thumbnails.of(image).forceSize(w, h).imageType(BufferedImage.TYPE_INT_RGB).asBufferedImage();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh baseline JPEG with no metadata of the upload (only the encoder's JFIF header). */
  private static Encoded jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return new Encoded(bytes.toByteArray(), image.getWidth(), image.getHeight());
  }

  private static String etag(byte[] large, byte[] small) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(large);
      sha.update(small);
      return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
