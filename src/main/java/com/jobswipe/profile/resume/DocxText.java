package com.jobswipe.profile.resume;

import com.jobswipe.profile.resume.ResumeRejected.Reason;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.IRunElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFHyperlink;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlObject;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * DOCX text. The zip's central directory was checked already ({@link ZipDirectory}); here every entry is
 * inflated into a counting sink first, then POI opens the file and the body is walked: paragraphs (list items get a
 * bullet), tables, content controls, text boxes, links.
 */
final class DocxText {

  /** POI's own grace size: tiny entries compress well by nature and are not checked for ratio. */
  static final long RATIO_GRACE_BYTES = 100 * 1024L;
  static final double MIN_INFLATE_RATIO = 0.01;
  private static final String W = "declare namespace w='http://schemas.openxmlformats.org/wordprocessingml/2006/main' ";

  static Extraction read(byte[] file, ZipDirectory zip, ResumeLimits limits, Deadline deadline) throws Exception {
    if (zip.entries() > limits.maxDocxEntries()
        || zip.declaredUncompressedBytes() > limits.maxDocxUncompressedBytes()
        || zip.compressionRatioTooHigh()) {
      throw new ResumeRejected(Reason.ZIP_BOMB);
    }
    inflateAll(file, limits, deadline);
    deadline.check();
    OPCPackage pkg;
    try {
      pkg = OPCPackage.open(new ByteArrayInputStream(file));
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("Zip bomb")) {
        throw new ResumeRejected(Reason.ZIP_BOMB, e);
      }
      throw e;
    }
    try (XWPFDocument document = new XWPFDocument(pkg)) {
      DocxText text = new DocxText(document, deadline, limits.maxTextChars() * 2 + 1024);
      for (XWPFHeader header : document.getHeaderList()) {
        text.body(header.getBodyElements());
      }
      // Text boxes are sidebars in most templates: read them like a header, before the body they float beside.
      text.textBoxes();
      text.body(document.getBodyElements());
      for (XWPFFooter footer : document.getFooterList()) {
        text.body(footer.getBodyElements());
      }
      return new Extraction(text.out.toString(), List.copyOf(text.links));
    }
  }

  /**
   * Inflates every entry into a counting sink, reading the zip the way POI will (commons-compress, local headers
   * in order), because the central directory we checked can lie about sizes.
   */
  private static void inflateAll(byte[] file, ResumeLimits limits, Deadline deadline) {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int entries = 0;
    try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(file),
        StandardCharsets.UTF_8.name(), false, true)) {
      while (in.getNextEntry() != null) {
        if (++entries > limits.maxDocxEntries()) {
          throw new ResumeRejected(Reason.ZIP_BOMB);
        }
        long entryBytes = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
          entryBytes += read;
          total += read;
          if (total > limits.maxDocxUncompressedBytes()) {
            throw new ResumeRejected(Reason.ZIP_BOMB);
          }
          if (entryBytes > RATIO_GRACE_BYTES && in.getCompressedCount() < entryBytes * MIN_INFLATE_RATIO) {
            throw new ResumeRejected(Reason.ZIP_BOMB);
          }
        }
        deadline.check();
      }
    } catch (IOException e) {
      throw new ResumeRejected(Reason.MALFORMED, e);
    }
  }

  private final XWPFDocument document;
  private final Deadline deadline;
  private final BoundedText out;
  private final Set<String> links = new LinkedHashSet<>();

  private DocxText(XWPFDocument document, Deadline deadline, int maxChars) {
    this.document = document;
    this.deadline = deadline;
    this.out = new BoundedText(maxChars);
  }

  void body(List<IBodyElement> elements) throws IOException {
    for (IBodyElement element : elements) {
      if (out.full()) {
        return;
      }
      deadline.check();
      if (element instanceof XWPFParagraph paragraph) {
        paragraph(paragraph);
      } else if (element instanceof XWPFTable table) {
        table(table);
      } else if (element instanceof XWPFSDT sdt) {
        line(sdt.getContent().getText());
      }
    }
  }

  /**
   * The text of the runs themselves. {@link XWPFParagraph#getText()} would add the text of any text box anchored in
   * the paragraph, in parentheses; {@link #textBoxes()} reads those once, as lines of their own.
   */
  private void paragraph(XWPFParagraph paragraph) throws IOException {
    StringBuilder line = new StringBuilder();
    for (IRunElement element : paragraph.getIRuns()) {
      if (element instanceof XWPFRun run) {
        if (run.getCTR().sizeOfDelTextArray() == 0) {
          line.append(run.text());
        }
        if (run instanceof XWPFHyperlinkRun link) {
          XWPFHyperlink target = link.getHyperlink(document);
          if (target != null && target.getURL() != null && links.size() < 50 && target.getURL().length() <= 500) {
            links.add(target.getURL().strip());
          }
        }
      } else if (element instanceof XWPFSDT sdt) {
        line.append(sdt.getContent().getText());
      }
    }
    String text = line.toString();
    if (paragraph.getNumID() != null && !text.isBlank()) {
      text = "• " + text.strip();
    }
    line(text);
  }

  /**
   * A row of short cells reads as one line ("Languages | Python, Go"); a layout table, whose cells hold whole
   * sections, reads cell by cell.
   */
  private void table(XWPFTable table) throws IOException {
    for (XWPFTableRow row : table.getRows()) {
      List<XWPFTableCell> cells = row.getTableCells();
      boolean simple = cells.stream().allMatch(cell -> cell.getBodyElements().size() <= 1
          && cell.getBodyElements().stream().allMatch(e -> e instanceof XWPFParagraph));
      if (simple) {
        List<String> texts = new ArrayList<>();
        for (XWPFTableCell cell : cells) {
          String text = cell.getText().strip();
          if (!text.isEmpty()) {
            texts.add(text);
          }
        }
        line(String.join(" | ", texts));
      } else {
        for (XWPFTableCell cell : cells) {
          body(cell.getBodyElements());
        }
      }
    }
  }

  /**
   * Text boxes are not body paragraphs, and Word writes each one twice (DrawingML and a VML fallback), so each
   * distinct box is read once.
   */
  void textBoxes() throws IOException {
    Set<String> boxes = new LinkedHashSet<>();
    for (XmlObject box : document.getDocument().selectPath(W + ".//w:txbxContent")) {
      deadline.check();
      StringBuilder text = new StringBuilder();
      for (XmlObject p : box.selectPath(W + ".//w:p")) {
        for (XmlObject t : p.selectPath(W + ".//w:t")) {
          text.append(textOf(t));
        }
        text.append('\n');
      }
      String value = text.toString().strip();
      if (!value.isEmpty()) {
        boxes.add(value);
      }
    }
    for (String box : boxes) {
      line(box);
    }
  }

  private static String textOf(XmlObject node) {
    try (var cursor = node.newCursor()) {
      return cursor.getTextValue();
    }
  }

  private void line(String text) throws IOException {
    if (text != null && !text.isBlank()) {
      out.write(text);
      out.write("\n");
    }
  }
}
