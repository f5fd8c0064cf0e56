package com.jobswipe.profile;

import com.jobswipe.profile.ResumeRejected.Reason;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Turns an uploaded resume (PDF or DOCX) into a {@link ParsedResume}, or refuses it with a {@link ResumeRejected}
 * the user can act on. Blocking and CPU-bound: call it from a worker thread, never from an event loop.
 *
 * <p>Every file is treated as hostile. In order:
 * <ol>
 *   <li>size against {@link ResumeLimits#maxBytes()}, before anything else;</li>
 *   <li>everything after that runs on its own thread under {@link ResumeLimits#timeout()}: the caller stops
 *       waiting at the deadline and cancels the work, and the work itself checks the deadline between pages,
 *       every few thousand PDF operators, and between DOCX paragraphs, so it stops soon after;</li>
 *   <li>the type comes from the bytes ({@code %PDF-}, or a zip holding {@code word/document.xml}), never from
 *       the name; a name or content type that claims something else is a mismatch;</li>
 *   <li>PDF: no {@code %%EOF} near the end means truncated; then the raw bytes are scanned and every stream is
 *       decoded into a counting sink against {@link ResumeLimits#maxPdfDecodedBytes()}, because PDFBox decodes a
 *       whole stream into memory and a few KiB of Flate can become GiBs; PDFBox then loads with bounded scratch
 *       memory; encryption, then the page count, are checked before any text is extracted;</li>
 *   <li>DOCX: the zip central directory is read by hand (entry count, declared sizes, ratio per entry), then every
 *       entry is inflated into a counting sink (declared sizes can lie), and only then does POI open it, with its
 *       own {@link ZipSecureFile} limits as a last line;</li>
 *   <li>text is normalised and cut at {@link ResumeLimits#maxTextChars()}; almost no text means a scan.</li>
 * </ol>
 */
public final class ResumeParser {

  private static final AtomicLong WORKERS = new AtomicLong();
  private static final long MIB = 1024L * 1024L;
  /** PDFBox scratch memory before it spills to a temp file; parsing alone rarely needs any. */
  private static final long PDF_SCRATCH_MEMORY = 8 * MIB;
  /** Fewer letters and digits than this and the "text" is page numbers or a scanner's watermark. */
  private static final int MIN_TEXT_CHARS = 40;
  /** POI's own grace size: tiny entries compress well by nature and are not checked for ratio. */
  private static final long RATIO_GRACE_BYTES = 100 * 1024L;
  private static final double MIN_INFLATE_RATIO = 0.01;

  private static final String DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  /** Types that say nothing about the content: browsers send these when they do not know. */
  private static final Set<String> UNCLAIMED_TYPES = Set.of("", "application/octet-stream", "binary/octet-stream",
      "application/unknown", "application/x-download", "application/force-download");
  private static final Set<String> PDF_TYPES = Set.of("application/pdf", "application/x-pdf", "application/acrobat",
      "text/pdf");
  /** Windows browsers without Office installed label a .docx as a zip. */
  private static final Set<String> DOCX_TYPES = Set.of(DOCX_TYPE, "application/zip", "application/x-zip-compressed");
  /** Extensions that claim some other format; an unknown extension ("resume.final") claims nothing. */
  private static final Set<String> OTHER_EXTENSIONS = Set.of("doc", "docm", "dot", "dotx", "rtf", "odt", "txt",
      "pages", "md", "html", "htm", "png", "jpg", "jpeg", "gif", "tif", "tiff", "heic", "webp", "bmp", "svg", "xls",
      "xlsx", "csv", "ppt", "pptx", "key", "zip", "rar", "7z", "exe", "json", "xml");

  private final ResumeLimits limits;
  private final SkillTaxonomy taxonomy;
  private final Clock clock;

  public ResumeParser() {
    this(ResumeLimits.DEFAULTS, SkillTaxonomy.standard(), Clock.systemUTC());
  }

  public ResumeParser(ResumeLimits limits) {
    this(limits, SkillTaxonomy.standard(), Clock.systemUTC());
  }

  public ResumeParser(ResumeLimits limits, SkillTaxonomy taxonomy, Clock clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    this.clock = Objects.requireNonNull(clock, "clock");
    // POI only offers process-wide settings. Our own checks run first; these are the last line if they miss.
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(limits.maxDocxUncompressedBytes());
    ZipSecureFile.setMaxFileCount(limits.maxDocxEntries());
  }

  public ResumeLimits limits() {
    return limits;
  }

  /**
   * Parses a resume.
   *
   * @param file                the uploaded bytes
   * @param declaredContentType the content type the client sent, or null
   * @param filename            the client's file name, or null
   * @throws ResumeRejected when the file is refused; {@link ResumeRejected#reason()} says why
   */
  public ParsedResume parse(byte[] file, String declaredContentType, String filename) {
    Objects.requireNonNull(file, "file");
    if (file.length > limits.maxBytes()) {
      throw new ResumeRejected(Reason.TOO_LARGE,
          "This file is too large for a resume. Upload a PDF or DOCX of at most " + size(limits.maxBytes()) + ".", null);
    }
    if (file.length == 0) {
      throw new ResumeRejected(Reason.MALFORMED);
    }
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    FutureTask<ParsedResume> work = new FutureTask<>(
        () -> parseNow(file, declaredContentType, filename, new Deadline(deadline)));
    Thread worker = new Thread(work, "resume-parser-" + WORKERS.incrementAndGet());
    worker.setDaemon(true);
    worker.start();
    try {
      return work.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      work.cancel(true);
      throw new ResumeRejected(Reason.TIMEOUT);
    } catch (InterruptedException e) {
      work.cancel(true);
      Thread.currentThread().interrupt();
      throw new ResumeRejected(Reason.TIMEOUT, e);
    } catch (ExecutionException e) {
      throw rejection(e.getCause());
    }
  }

  private ParsedResume parseNow(byte[] file, String declaredContentType, String filename, Deadline deadline)
      throws Exception {
    Sniffed sniffed = sniff(file);
    checkClaims(sniffed.type(), declaredContentType, filename);
    deadline.check();
    Extraction extraction = switch (sniffed.type()) {
      case PDF -> pdf(file, deadline);
      case DOCX -> docx(file, sniffed.zip(), deadline);
    };
    String text = normalise(extraction.text(), limits.maxTextChars());
    if (text.codePoints().filter(Character::isLetterOrDigit).limit(MIN_TEXT_CHARS).count() < MIN_TEXT_CHARS) {
      throw sniffed.type() == FileType.PDF ? new ResumeRejected(Reason.NO_TEXT)
          : new ResumeRejected(Reason.NO_TEXT, "This document has no text we could read; upload a text PDF or DOCX.",
              null);
    }
    deadline.check();
    return ParsedResume.of(text, extraction.links(), taxonomy, clock);
  }

  private static RuntimeException rejection(Throwable cause) {
    if (cause instanceof ResumeRejected rejected) {
      return rejected;
    }
    if (cause instanceof Error error && !(cause instanceof StackOverflowError)) {
      throw error;
    }
    // Parsers throw IOExceptions, but also NPEs, ClassCastExceptions and deep recursion on crafted files.
    return new ResumeRejected(Reason.MALFORMED, cause);
  }

  // --- type ---------------------------------------------------------------------------------------------------

  private enum FileType { PDF, DOCX }

  private record Sniffed(FileType type, ZipDirectory zip) {
  }

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
      0x1A, (byte) 0xE1};
  private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

  private Sniffed sniff(byte[] file) {
    if (startsWith(file, ZIP_MAGIC)) {
      ZipDirectory zip = ZipDirectory.read(file);
      if (!zip.hasWordDocument()) {
        throw new ResumeRejected(Reason.UNSUPPORTED_TYPE);
      }
      return new Sniffed(FileType.DOCX, zip);
    }
    if (startsWith(file, OLE2_MAGIC)) {
      // A password-protected .docx is an OLE2 container around the encrypted zip; anything else is legacy .doc.
      throw new ResumeRejected(encryptedOfficeFile(file) ? Reason.ENCRYPTED : Reason.UNSUPPORTED_TYPE);
    }
    // Acrobat accepts the header anywhere in the first KiB, and so does PDFBox.
    if (indexOf(file, PDF_MAGIC, 0, Math.min(file.length, 1024)) >= 0) {
      return new Sniffed(FileType.PDF, null);
    }
    throw new ResumeRejected(Reason.UNSUPPORTED_TYPE);
  }

  private static boolean encryptedOfficeFile(byte[] file) {
    try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(file))) {
      Set<String> names = fs.getRoot().getEntryNames();
      return names.contains("EncryptionInfo") && names.contains("EncryptedPackage");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void checkClaims(FileType actual, String declaredContentType, String filename) {
    String type = declaredContentType == null ? ""
        : declaredContentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!UNCLAIMED_TYPES.contains(type) && !(actual == FileType.PDF ? PDF_TYPES : DOCX_TYPES).contains(type)) {
      throw new ResumeRejected(Reason.TYPE_MISMATCH);
    }
    String extension = extension(filename);
    boolean claimsOther = switch (extension) {
      case "pdf" -> actual != FileType.PDF;
      case "docx" -> actual != FileType.DOCX;
      default -> OTHER_EXTENSIONS.contains(extension);
    };
    if (claimsOther) {
      throw new ResumeRejected(Reason.TYPE_MISMATCH);
    }
  }

  private static String extension(String filename) {
    if (filename == null) {
      return "";
    }
    String base = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1).strip();
    int dot = base.lastIndexOf('.');
    return dot <= 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  // --- PDF ----------------------------------------------------------------------------------------------------

  private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);

  private Extraction pdf(byte[] file, Deadline deadline) throws IOException {
    // A file cut short loses its trailer; PDFBox would rebuild what it can and we would show half a resume.
    if (indexOf(file, EOF_MARKER, Math.max(0, file.length - 1024), file.length) < 0) {
      throw new ResumeRejected(Reason.MALFORMED);
    }
    PdfStreams.checkDecodedSize(file, limits.maxPdfDecodedBytes(), deadline);
    deadline.check();
    PDDocument document;
    try {
      document = Loader.loadPDF(file, "", null, null,
          MemoryUsageSetting.setupMixed(PDF_SCRATCH_MEMORY, limits.maxPdfDecodedBytes()).streamCache);
    } catch (InvalidPasswordException e) {
      throw new ResumeRejected(Reason.ENCRYPTED, e);
    }
    try (document) {
      if (document.isEncrypted()) {
        throw new ResumeRejected(Reason.ENCRYPTED);
      }
      int pages = document.getNumberOfPages();
      if (pages > limits.maxPages()) {
        throw tooManyPages();
      }
      if (pages == 0) {
        throw new ResumeRejected(Reason.MALFORMED);
      }
      BoundedText out = new BoundedText(limits.maxTextChars() * 2 + 1024);
      ResumeTextStripper stripper = new ResumeTextStripper(limits.maxPages(), deadline, out);
      try {
        stripper.writeText(document, out);
      } catch (EnoughText e) {
        // The text limit is reached; the rest would be cut anyway.
      }
      return new Extraction(out.toString(), List.copyOf(stripper.links));
    }
  }

  private ResumeRejected tooManyPages() {
    return new ResumeRejected(Reason.TOO_MANY_PAGES,
        "This document has too many pages for a resume. Upload one of at most " + limits.maxPages() + " pages.", null);
  }

  /** Text extraction that reads two-column layouts column by column and honours the deadline. */
  private final class ResumeTextStripper extends PDFTextStripper {

    private final int maxPages;
    private final Deadline deadline;
    private final BoundedText out;
    private final Set<String> links = new LinkedHashSet<>();
    private int operators;

    ResumeTextStripper(int maxPages, Deadline deadline, BoundedText out) {
      this.maxPages = maxPages;
      this.deadline = deadline;
      this.out = out;
      setSortByPosition(true);
      setShouldSeparateByBeads(false);
      setLineSeparator("\n");
      setArticleEnd("\n");
      setPageEnd("\n\n");
    }

    @Override
    protected void startPage(PDPage page) throws IOException {
      // The page tree's /Count can lie; count what we actually walk.
      if (getCurrentPageNo() > maxPages) {
        throw tooManyPages();
      }
      if (out.full()) {
        throw new EnoughText();
      }
      deadline.check();
      collectLinks(page);
      super.startPage(page);
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
      if ((++operators & 0xFFF) == 0) {
        deadline.check();
      }
      super.processOperator(operator, operands);
    }

    @Override
    protected void writePage() throws IOException {
      List<TextPosition> all = new ArrayList<>();
      charactersByArticle.forEach(all::addAll);
      charactersByArticle.clear();
      for (List<TextPosition> block : Columns.split(all)) {
        charactersByArticle.add(new ArrayList<>(block));
      }
      super.writePage();
      charactersByArticle.clear();
      charactersByArticle.add(new ArrayList<>());
    }

    private void collectLinks(PDPage page) {
      try {
        for (PDAnnotation annotation : page.getAnnotations()) {
          if (annotation instanceof PDAnnotationLink link) {
            PDAction action = link.getAction();
            if (action instanceof PDActionURI uri && uri.getURI() != null && links.size() < 50) {
              String target = uri.getURI().strip();
              if (target.length() <= 500) {
                links.add(target);
              }
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // A broken annotation loses a link, not the resume.
      }
    }
  }

  /** Thrown inside PDFBox to stop extracting once the text limit is reached. */
  private static final class EnoughText extends IOException {
    EnoughText() {
      super("text limit reached", null);
    }
  }

  /**
   * Finds the gutter of a two-column page and splits its glyphs into header, left column, right column and
   * footer, so each column reads top to bottom instead of lines of both columns being interleaved.
   */
  static final class Columns {

    private static final int MIN_GLYPHS = 60;
    private static final int MIN_LINES_PER_COLUMN = 3;
    private static final double MIN_COLUMN_SHARE = 0.15;

    private Columns() {
    }

    private static final class Line {
      final float y;
      final List<TextPosition> positions = new ArrayList<>();
      final List<float[]> segments = new ArrayList<>();
      int[] segmentGlyphs;

      Line(float y) {
        this.y = y;
      }
    }

    static List<List<TextPosition>> split(List<TextPosition> positions) {
      long glyphCount = positions.stream().filter(p -> !p.getUnicode().isBlank()).count();
      if (glyphCount < MIN_GLYPHS) {
        return List.of(positions);
      }
      List<Line> lines = lines(positions);
      float width = positions.get(0).getPageWidth();
      float bestFrom = -1;
      float bestTo = -1;
      float runFrom = -1;
      for (float x = width * 0.2f; x <= width * 0.8f; x += 2f) {
        boolean valid = gutterAt(lines, x);
        if (valid && runFrom < 0) {
          runFrom = x;
        }
        if ((!valid || x + 2f > width * 0.8f) && runFrom >= 0) {
          float runTo = valid ? x : x - 2f;
          if (runTo - runFrom > bestTo - bestFrom) {
            bestFrom = runFrom;
            bestTo = runTo;
          }
          runFrom = -1;
        }
      }
      if (bestFrom < 0) {
        return List.of(positions);
      }
      float gutter = (bestFrom + bestTo) / 2;
      float[] band = band(lines, gutter);
      List<TextPosition> header = new ArrayList<>();
      List<TextPosition> left = new ArrayList<>();
      List<TextPosition> right = new ArrayList<>();
      List<TextPosition> footer = new ArrayList<>();
      for (Line line : lines) {
        if (crosses(line, gutter)) {
          (line.y < band[0] ? header : line.y > band[1] ? footer : left).addAll(line.positions);
          continue;
        }
        for (TextPosition p : line.positions) {
          (p.getXDirAdj() + p.getWidthDirAdj() / 2 < gutter ? left : right).add(p);
        }
      }
      return List.of(header, left, right, footer);
    }

    private static boolean gutterAt(List<Line> lines, float x) {
      int leftLines = 0;
      int rightLines = 0;
      long leftGlyphs = 0;
      long rightGlyphs = 0;
      for (Line line : lines) {
        if (crosses(line, x)) {
          continue;
        }
        boolean hasLeft = false;
        boolean hasRight = false;
        for (int s = 0; s < line.segments.size(); s++) {
          float[] segment = line.segments.get(s);
          if (segment[1] <= x) {
            hasLeft = true;
            leftGlyphs += line.segmentGlyphs[s];
          } else {
            hasRight = true;
            rightGlyphs += line.segmentGlyphs[s];
          }
        }
        leftLines += hasLeft ? 1 : 0;
        rightLines += hasRight ? 1 : 0;
      }
      long total = leftGlyphs + rightGlyphs;
      if (leftLines < MIN_LINES_PER_COLUMN || rightLines < MIN_LINES_PER_COLUMN || total == 0
          || leftGlyphs < MIN_COLUMN_SHARE * total || rightGlyphs < MIN_COLUMN_SHARE * total) {
        return false;
      }
      float[] band = band(lines, x);
      if (band[0] > band[1]) {
        return false;
      }
      for (Line line : lines) {
        if (line.y >= band[0] && line.y <= band[1] && crosses(line, x)) {
          return false;
        }
      }
      return true;
    }

    /** The vertical range in which both sides of {@code x} have text: where crossing lines are not allowed. */
    private static float[] band(List<Line> lines, float x) {
      float leftTop = Float.MAX_VALUE;
      float leftBottom = -Float.MAX_VALUE;
      float rightTop = Float.MAX_VALUE;
      float rightBottom = -Float.MAX_VALUE;
      for (Line line : lines) {
        if (crosses(line, x)) {
          continue;
        }
        for (float[] segment : line.segments) {
          if (segment[1] <= x) {
            leftTop = Math.min(leftTop, line.y);
            leftBottom = Math.max(leftBottom, line.y);
          } else {
            rightTop = Math.min(rightTop, line.y);
            rightBottom = Math.max(rightBottom, line.y);
          }
        }
      }
      return new float[] {Math.max(leftTop, rightTop), Math.min(leftBottom, rightBottom)};
    }

    private static boolean crosses(Line line, float x) {
      for (float[] segment : line.segments) {
        if (segment[0] < x - 1 && segment[1] > x + 1) {
          return true;
        }
      }
      return false;
    }

    /** Groups glyphs into baselines, and each baseline into runs separated by more than one and a half ems. */
    private static List<Line> lines(List<TextPosition> positions) {
      List<TextPosition> byY = new ArrayList<>(positions);
      byY.sort(Comparator.comparingDouble(TextPosition::getYDirAdj));
      List<Line> lines = new ArrayList<>();
      Line current = null;
      for (TextPosition p : byY) {
        if (current == null || Math.abs(p.getYDirAdj() - current.y) > Math.max(1.5f, fontSize(p) * 0.4f)) {
          current = new Line(p.getYDirAdj());
          lines.add(current);
        }
        current.positions.add(p);
      }
      for (Line line : lines) {
        List<TextPosition> glyphs = new ArrayList<>();
        for (TextPosition p : line.positions) {
          if (!p.getUnicode().isBlank()) {
            glyphs.add(p);
          }
        }
        glyphs.sort(Comparator.comparingDouble(TextPosition::getXDirAdj));
        List<Integer> counts = new ArrayList<>();
        float[] segment = null;
        for (TextPosition g : glyphs) {
          float from = g.getXDirAdj();
          float to = from + Math.max(g.getWidthDirAdj(), 0.1f);
          if (segment != null && from - segment[1] <= Math.max(8f, fontSize(g) * 1.5f)) {
            segment[1] = Math.max(segment[1], to);
            counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
          } else {
            segment = new float[] {from, to};
            line.segments.add(segment);
            counts.add(1);
          }
        }
        line.segmentGlyphs = counts.stream().mapToInt(Integer::intValue).toArray();
      }
      return lines;
    }

    private static float fontSize(TextPosition p) {
      float size = p.getFontSizeInPt();
      if (!(size > 1f && size < 200f)) {
        size = p.getHeightDir();
      }
      return size > 1f && size < 200f ? size : 10f;
    }
  }

  /**
   * Decodes every filtered stream of a PDF into a counting sink before PDFBox sees the file. The scan works on the
   * raw bytes, so it also covers object and cross-reference streams, which PDFBox decodes while loading.
   */
  static final class PdfStreams {

    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern FILTER = Pattern.compile(
        "/Filter(?![A-Za-z0-9#])\\s*(\\[[^\\]]*\\]|/[^\\s/\\[\\]<>()%]+|\\d+\\s+\\d+\\s+R)");
    private static final Pattern NAME = Pattern.compile("/([^\\s/\\[\\]<>()%]+)");
    private static final Set<String> STOPS = Set.of("DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF",
        "JBIG2Decode", "Crypt");
    private static final Map<String, String> EXPANDING = Map.of("Fl", "FlateDecode", "FlateDecode", "FlateDecode",
        "LZW", "LZWDecode", "LZWDecode", "LZWDecode", "RL", "RunLengthDecode", "RunLengthDecode", "RunLengthDecode",
        "AHx", "ASCIIHexDecode", "ASCIIHexDecode", "ASCIIHexDecode", "A85", "ASCII85Decode", "ASCII85Decode",
        "ASCII85Decode");
    private static final int MAX_DICTIONARY = 64 * 1024;
    /**
     * Even a stream per glyph stays far below this in 10 MiB; a file with more is noise built to make each
     * decode attempt (a few microseconds) add up.
     */
    private static final int MAX_STREAMS = 100_000;

    private PdfStreams() {
    }

    /**
     * Every {@code stream} keyword is tried as Flate whatever its dictionary says (a dictionary can be written to
     * confuse a scanner; deflate data cannot pretend to be something else, and other data fails in a few bytes).
     * Chains naming other expanding filters (LZW, RunLength, ASCIIHex, ASCII85) are decoded as named.
     */
    static void checkDecodedSize(byte[] pdf, long budget, Deadline deadline) {
      Inflater inflater = new Inflater(true);
      try {
        scan(pdf, budget, deadline, inflater, new byte[16 * 1024]);
      } finally {
        inflater.end();
      }
    }

    private static void scan(byte[] pdf, long budget, Deadline deadline, Inflater inflater, byte[] buffer) {
      long used = 0;
      int streams = 0;
      int from = 0;
      int previous = 0;
      int k;
      while ((k = indexOf(pdf, STREAM, from, pdf.length)) >= 0) {
        from = k + STREAM.length;
        int floor = previous;
        previous = from;
        if (k >= 3 && pdf[k - 3] == 'e' && pdf[k - 2] == 'n' && pdf[k - 1] == 'd') {
          continue;
        }
        if (++streams > MAX_STREAMS) {
          throw new ResumeRejected(Reason.MALFORMED);
        }
        deadline.check();
        String dictionary = dictionaryBefore(pdf, k, floor);
        List<String> filters = dictionary == null ? List.of() : filters(dictionary);
        int data = from;
        while (data < pdf.length && pdf[data] == ' ') {
          data++;
        }
        if (data < pdf.length && pdf[data] == '\r') {
          data++;
        }
        if (data < pdf.length && pdf[data] == '\n') {
          data++;
        }
        boolean flateOrUnnamed = filters.isEmpty() || filters.equals(List.of("FlateDecode"));
        used += decodedSize(pdf, data, flateOrUnnamed ? List.of("FlateDecode") : filters, budget - used, inflater,
            buffer);
      }
    }

    /**
     * The {@code << ... >>} right before a {@code stream} keyword, or null. The search goes back no further than
     * the previous keyword (and 64 KiB), so a file of nothing but {@code >>stream} is still read in linear time.
     */
    private static String dictionaryBefore(byte[] pdf, int keyword, int previousKeywordEnd) {
      int floor = Math.max(previousKeywordEnd, keyword - MAX_DICTIONARY);
      int j = keyword - 1;
      while (j >= floor && isWhitespace(pdf[j])) {
        j--;
      }
      if (j < floor + 1 || pdf[j] != '>' || pdf[j - 1] != '>') {
        return null;
      }
      int end = j + 1;
      int depth = 0;
      while (j >= floor + 1) {
        if (pdf[j] == '>' && pdf[j - 1] == '>') {
          depth++;
          j -= 2;
        } else if (pdf[j] == '<' && pdf[j - 1] == '<') {
          depth--;
          j -= 2;
          if (depth == 0) {
            return new String(pdf, j + 1, end - j - 1, StandardCharsets.ISO_8859_1);
          }
        } else {
          j--;
        }
      }
      return null;
    }

    /**
     * The filter chain up to the first filter that only images use. A chain we cannot read (an indirect
     * reference) is tried as Flate, then LZW: the two that can expand a thousandfold.
     */
    private static List<String> filters(String dictionary) {
      Matcher m = FILTER.matcher(dictionary);
      if (!m.find()) {
        return List.of();
      }
      if (m.group(1).endsWith("R")) {
        return List.of("?");
      }
      List<String> chain = new ArrayList<>();
      Matcher name = NAME.matcher(m.group(1));
      while (name.find()) {
        String filter = unescape(name.group(1));
        if (STOPS.contains(filter)) {
          break;
        }
        chain.add(EXPANDING.getOrDefault(filter, filter));
      }
      return chain;
    }

    private static long decodedSize(byte[] pdf, int data, List<String> chain, long remaining, Inflater inflater,
                                    byte[] buffer) {
      if (chain.equals(List.of("?"))) {
        long flate = decodedSize(pdf, data, List.of("FlateDecode"), remaining, inflater, buffer);
        return flate > 0 ? flate : decodedSize(pdf, data, List.of("LZWDecode"), remaining, inflater, buffer);
      }
      byte[] input = pdf;
      int offset = data;
      long size = 0;
      for (int i = 0; i < chain.size(); i++) {
        CountingSink sink = new CountingSink(remaining, i < chain.size() - 1);
        try {
          if (chain.get(i).equals("FlateDecode")) {
            inflate(input, offset, sink, inflater, buffer);
          } else {
            Filter filter = FilterFactory.INSTANCE.getFilter(COSName.getPDFName(chain.get(i)));
            filter.decode(new ByteArrayInputStream(input, offset, input.length - offset), sink, new COSDictionary(), 0);
          }
        } catch (IOException | RuntimeException e) {
          // Corrupt data, or a filter PDFBox does not know: the stream ends here, as it would for PDFBox.
        }
        if (sink.exceeded) {
          throw new ResumeRejected(Reason.ZIP_BOMB);
        }
        size = sink.count;
        input = sink.bytes();
        offset = 0;
      }
      return size;
    }

    /**
     * Inflates the way PDFBox's FlateFilter does (skip the two zlib header bytes, raw deflate, no checksum), to the
     * end of the deflate data however long the dictionary says the stream is.
     */
    private static void inflate(byte[] input, int offset, CountingSink sink, Inflater inflater, byte[] buffer)
        throws IOException {
      if (input.length - offset < 3) {
        return;
      }
      inflater.reset();
      inflater.setInput(input, offset + 2, input.length - offset - 2);
      try {
        while (!inflater.finished()) {
          int n = inflater.inflate(buffer);
          if (n == 0) {
            break;
          }
          sink.write(buffer, 0, n);
        }
      } catch (DataFormatException e) {
        // What was inflated before the corruption is what PDFBox would decode too.
      }
    }

    private static String unescape(String name) {
      if (name.indexOf('#') < 0) {
        return name;
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c == '#' && i + 2 < name.length() && isHex(name.charAt(i + 1)) && isHex(name.charAt(i + 2))) {
          out.append((char) Integer.parseInt(name.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private static boolean isHex(char c) {
      return Character.digit(c, 16) >= 0;
    }

    private static boolean isWhitespace(byte b) {
      return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0;
    }
  }

  /** Counts what a decoder writes and stops it past the budget; keeps the bytes only when another filter follows. */
  private static final class CountingSink extends OutputStream {
    private final long limit;
    private final ByteArrayOutputStream kept;
    long count;
    boolean exceeded;

    CountingSink(long limit, boolean keep) {
      this.limit = limit;
      this.kept = keep ? new ByteArrayOutputStream() : null;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count += len;
      if (count > limit) {
        exceeded = true;
        throw new IOException("decoded size budget exceeded");
      }
      if (kept != null) {
        kept.write(b, off, len);
      }
    }

    byte[] bytes() {
      return kept == null ? new byte[0] : kept.toByteArray();
    }
  }

  // --- DOCX ---------------------------------------------------------------------------------------------------

  private Extraction docx(byte[] file, ZipDirectory zip, Deadline deadline) throws Exception {
    if (zip.entries() > limits.maxDocxEntries()
        || zip.declaredUncompressedBytes() > limits.maxDocxUncompressedBytes()
        || zip.compressionRatioTooHigh()) {
      throw new ResumeRejected(Reason.ZIP_BOMB);
    }
    inflateAll(file, deadline);
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
  private void inflateAll(byte[] file, Deadline deadline) {
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

  /** Walks a Word body: paragraphs (list items get a bullet), tables, content controls, text boxes, links. */
  private static final class DocxText {

    private static final String W = "declare namespace w='http://schemas.openxmlformats.org/wordprocessingml/2006/main' ";

    private final XWPFDocument document;
    private final Deadline deadline;
    private final BoundedText out;
    private final Set<String> links = new LinkedHashSet<>();

    DocxText(XWPFDocument document, Deadline deadline, int maxChars) {
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

  // --- zip central directory ----------------------------------------------------------------------------------

  /**
   * What a zip's central directory declares: entry count, total uncompressed size, whether any entry claims to
   * inflate more than a hundredfold, and whether {@code word/document.xml} is there. Read by hand so nothing is
   * inflated and no entry list is built, whatever the directory claims.
   */
  record ZipDirectory(int entries, long declaredUncompressedBytes, boolean compressionRatioTooHigh,
                      boolean hasWordDocument) {

    private static final int EOCD = 0x06054b50;
    private static final int EOCD64_LOCATOR = 0x07064b50;
    private static final int EOCD64 = 0x06064b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final byte[] WORD_DOCUMENT = "word/document.xml".getBytes(StandardCharsets.UTF_8);

    static ZipDirectory read(byte[] zip) {
      int eocd = -1;
      for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xFFFF); i--) {
        if (u32(zip, i) == EOCD) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) {
        throw new ResumeRejected(Reason.MALFORMED);
      }
      long size = u32(zip, eocd + 12);
      long offset = u32(zip, eocd + 16);
      if (size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL || u16(zip, eocd + 10) == 0xFFFF) {
        int locator = eocd - 20;
        if (locator < 0 || u32(zip, locator) != EOCD64_LOCATOR) {
          throw new ResumeRejected(Reason.MALFORMED);
        }
        long record = u64(zip, locator + 8);
        if (record < 0 || record > zip.length - 56 || u32(zip, (int) record) != EOCD64) {
          throw new ResumeRejected(Reason.MALFORMED);
        }
        size = u64(zip, (int) record + 40);
        offset = u64(zip, (int) record + 48);
      }
      if (offset < 0 || size < 0 || offset + size > zip.length) {
        throw new ResumeRejected(Reason.MALFORMED);
      }
      int entries = 0;
      long declared = 0;
      boolean ratio = false;
      boolean word = false;
      long pos = offset;
      long end = offset + size;
      while (pos + 46 <= end) {
        int p = (int) pos;
        if (u32(zip, p) != CENTRAL_HEADER) {
          throw new ResumeRejected(Reason.MALFORMED);
        }
        long compressed = u32(zip, p + 20);
        long uncompressed = u32(zip, p + 24);
        int nameLength = u16(zip, p + 28);
        int extraLength = u16(zip, p + 30);
        int commentLength = u16(zip, p + 32);
        if (p + 46L + nameLength + extraLength > zip.length) {
          throw new ResumeRejected(Reason.MALFORMED);
        }
        if (uncompressed == 0xFFFFFFFFL || compressed == 0xFFFFFFFFL) {
          long[] sizes = zip64Sizes(zip, p + 46 + nameLength, extraLength, uncompressed, compressed);
          uncompressed = sizes[0];
          compressed = sizes[1];
        }
        entries++;
        declared = uncompressed < 0 || declared + uncompressed < 0 ? Long.MAX_VALUE : declared + uncompressed;
        if (uncompressed > RATIO_GRACE_BYTES && compressed < uncompressed * MIN_INFLATE_RATIO) {
          ratio = true;
        }
        if (nameLength == WORD_DOCUMENT.length
            && java.util.Arrays.equals(zip, p + 46, p + 46 + nameLength, WORD_DOCUMENT, 0, nameLength)) {
          word = true;
        }
        pos += 46L + nameLength + extraLength + commentLength;
      }
      return new ZipDirectory(entries, declared, ratio, word);
    }

    /** The ZIP64 extra field (id 1) holds the real sizes of an entry whose 32-bit fields are all ones. */
    private static long[] zip64Sizes(byte[] zip, int extra, int length, long uncompressed, long compressed) {
      int p = extra;
      int end = extra + length;
      while (p + 4 <= end) {
        int id = u16(zip, p);
        int size = u16(zip, p + 2);
        if (id == 1) {
          int q = p + 4;
          if (uncompressed == 0xFFFFFFFFL && q + 8 <= end) {
            uncompressed = u64(zip, q);
            q += 8;
          }
          if (compressed == 0xFFFFFFFFL && q + 8 <= end) {
            compressed = u64(zip, q);
          }
          break;
        }
        p += 4 + size;
      }
      return new long[] {uncompressed, compressed};
    }

    private static int u16(byte[] b, int i) {
      return i < 0 || i + 2 > b.length ? -1 : (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int i) {
      return i < 0 || i + 4 > b.length ? -1
          : (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }

    private static long u64(byte[] b, int i) {
      return i < 0 || i + 8 > b.length ? -1 : u32(b, i) | u32(b, i + 4) << 32;
    }
  }

  // --- shared -------------------------------------------------------------------------------------------------

  private record Extraction(String text, List<String> links) {
  }

  /** Where the worker checks the clock (and its interrupt flag) so that a cancelled parse really stops. */
  private record Deadline(long nanos) {
    void check() {
      if (Thread.currentThread().isInterrupted() || System.nanoTime() - nanos > 0) {
        throw new ResumeRejected(Reason.TIMEOUT);
      }
    }
  }

  /** A writer that keeps the first {@code limit} characters and drops the rest. */
  private static final class BoundedText extends Writer {
    private final StringBuilder text = new StringBuilder();
    private final int limit;

    BoundedText(int limit) {
      this.limit = limit;
    }

    boolean full() {
      return text.length() >= limit;
    }

    @Override
    public void write(char[] chars, int off, int len) {
      int room = limit - text.length();
      if (room > 0) {
        text.append(chars, off, Math.min(room, len));
      }
    }

    @Override
    public void write(String s) {
      int room = limit - text.length();
      if (room > 0) {
        text.append(s, 0, Math.min(room, s.length()));
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /**
   * One space between words, {@code \n} between lines, at most one blank line in a row, no control or zero-width
   * characters; ligatures and full-width forms folded (NFKC); private-use glyphs (Symbol-font bullets, icon
   * fonts) become a bullet. Cut at {@code maxChars} without splitting a surrogate pair.
   */
  static String normalise(String raw, int maxChars) {
    String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars + 16));
    boolean blankBefore = false;
    for (String line : text.split("\n", -1)) {
      String cleaned = cleanLine(line);
      if (cleaned.isEmpty()) {
        blankBefore = out.length() > 0;
        continue;
      }
      if (out.length() > 0) {
        out.append(blankBefore ? "\n\n" : "\n");
      }
      blankBefore = false;
      out.append(cleaned);
      if (out.length() >= maxChars) {
        break;
      }
    }
    if (out.length() > maxChars) {
      int cut = maxChars;
      if (Character.isHighSurrogate(out.charAt(cut - 1))) {
        cut--;
      }
      out.setLength(cut);
    }
    return out.toString().strip();
  }

  private static String cleanLine(String line) {
    StringBuilder out = new StringBuilder(line.length());
    boolean space = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\u00AD' || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF') {
        continue;
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = out.length() > 0;
        continue;
      }
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        continue;
      }
      if (c >= '\uE000' && c <= '\uF8FF') {
        c = '•';
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean startsWith(byte[] file, byte[] magic) {
    return file.length >= magic.length && java.util.Arrays.equals(file, 0, magic.length, magic, 0, magic.length);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from, int to) {
    int last = to - needle.length;
    outer:
    for (int i = Math.max(0, from); i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String size(long bytes) {
    return bytes % MIB == 0 ? bytes / MIB + " MiB" : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
  }
}
