package org.queqiao.sports;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Printable certificates (荣誉证书) for the winning teams, one A4 landscape page each, set with
 * OpenPDF in a CJK font from the machine (by default Debian's fonts-noto-cjk; CERTIFICATE_FONT
 * names another). The font is embedded as a subset, so a certificate prints the same anywhere.
 * Blocking: call from a worker.
 */
public final class Certificates {
  private static final Logger LOG = LoggerFactory.getLogger(Certificates.class);
  private static final Color RED = new Color(0xB3, 0x26, 0x1E);
  private final Path fontFile;
  private BaseFont font;

  public Certificates(Path fontFile) {
    this.fontFile = fontFile;
  }

  /** One page of text: the title, the team, what it won, and the closing lines. */
  public record Page(String title, String team, String achievement, String closing, String issuer) {}

  /** A PDF with these pages; 503 CERTIFICATE_FONT_MISSING when the font cannot be read. */
  public synchronized byte[] render(List<Page> pages) {
    BaseFont base = font();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4.rotate(), 72, 72, 90, 72);
    try {
      PdfWriter writer = PdfWriter.getInstance(document, out);
      document.addTitle(pages.isEmpty() ? "" : pages.get(0).title());
      document.open();
      for (int i = 0; i < pages.size(); i++) {
        if (i > 0) {
          document.newPage();
        }
        border(writer.getDirectContent(), document);
        Page page = pages.get(i);
        document.add(centred(page.title(), new Font(base, 48, Font.NORMAL, RED), 30));
        document.add(centred(page.team(), new Font(base, 34, Font.NORMAL, Color.BLACK), 24));
        document.add(centred(page.achievement(), new Font(base, 20, Font.NORMAL, Color.BLACK), 40));
        document.add(centred(page.closing(), new Font(base, 18, Font.NORMAL, Color.DARK_GRAY), 60));
        Paragraph issuer = new Paragraph(page.issuer(), new Font(base, 16, Font.NORMAL, Color.BLACK));
        issuer.setAlignment(Element.ALIGN_RIGHT);
        document.add(issuer);
      }
      document.close();
    } catch (DocumentException e) {
      throw new IllegalStateException("could not write the certificates", e);
    }
    return out.toByteArray();
  }

  private static Paragraph centred(String text, Font font, float spacingAfter) {
    Paragraph p = new Paragraph(text, font);
    p.setAlignment(Element.ALIGN_CENTER);
    p.setSpacingAfter(spacingAfter);
    return p;
  }

  private static void border(PdfContentByte canvas, Document document) {
    canvas.saveState();
    canvas.setColorStroke(RED);
    canvas.setLineWidth(6);
    canvas.rectangle(30, 30, document.getPageSize().getWidth() - 60, document.getPageSize().getHeight() - 60);
    canvas.stroke();
    canvas.setLineWidth(1.5f);
    canvas.rectangle(42, 42, document.getPageSize().getWidth() - 84, document.getPageSize().getHeight() - 84);
    canvas.stroke();
    canvas.restoreState();
  }

  /**
   * Loaded once. A TrueType/OpenType collection (.ttc) holds several faces: the Simplified
   * Chinese one is chosen by name, since the order differs between font packages.
   */
  private BaseFont font() {
    if (font != null) {
      return font;
    }
    if (!Files.isReadable(fontFile)) {
      LOG.warn("Certificates need a CJK font at {} (install fonts-noto-cjk or set CERTIFICATE_FONT)", fontFile);
      throw SportsErrors.fontMissing();
    }
    try {
      String path = fontFile.toString();
      if (path.toLowerCase(Locale.ROOT).endsWith(".ttc")) {
        String[] faces = BaseFont.enumerateTTCNames(path);
        int chosen = 0;
        for (int i = 0; i < faces.length; i++) {
          if (faces[i].toLowerCase(Locale.ROOT).contains("cjksc-") || faces[i].toLowerCase(Locale.ROOT).endsWith("sc")) {
            chosen = i;
            break;
          }
        }
        path = path + "," + chosen;
      }
      font = BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
      return font;
    } catch (DocumentException | IOException e) {
      LOG.warn("Certificates cannot use the font {} (set CERTIFICATE_FONT to a CJK .ttf, .otf or .ttc)", fontFile, e);
      throw SportsErrors.fontMissing();
    }
  }
}
