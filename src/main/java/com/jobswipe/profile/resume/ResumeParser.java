package com.jobswipe.profile.resume;

import com.jobswipe.profile.resume.ResumeRejected.Reason;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

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
 *   <li>DOCX: the zip central directory is listed (entry count, declared sizes, ratio per entry), then every
 *       entry is inflated into a counting sink (declared sizes can lie), and only then does POI open it, with its
 *       own {@link ZipSecureFile} limits as a last line;</li>
 *   <li>text is normalised and cut at {@link ResumeLimits#maxTextChars()}; almost no text means a scan.</li>
 * </ol>
 * This class is the façade and the type sniffing; {@link PdfText} with {@link PdfStreams} and {@link Columns}
 * read PDFs, {@link DocxText} with {@link ZipDirectory} read DOCX files.
 */
public final class ResumeParser {

  private static final AtomicLong WORKERS = new AtomicLong();
  private static final long MIB = 1024L * 1024L;
  /** Fewer letters and digits than this and the "text" is page numbers or a scanner's watermark. */
  private static final int MIN_TEXT_CHARS = 40;

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
    ZipSecureFile.setMinInflateRatio(DocxText.MIN_INFLATE_RATIO);
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
    Sniffed sniffed = sniff(file, deadline);
    checkClaims(sniffed.type(), declaredContentType, filename);
    deadline.check();
    Extraction extraction = switch (sniffed.type()) {
      case PDF -> PdfText.read(file, limits, deadline);
      case DOCX -> DocxText.read(file, sniffed.zip(), limits, deadline);
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

  private Sniffed sniff(byte[] file, Deadline deadline) {
    if (Bytes.startsWith(file, ZIP_MAGIC)) {
      ZipDirectory zip = ZipDirectory.read(file, limits.maxDocxEntries(), deadline);
      if (!zip.hasWordDocument()) {
        throw new ResumeRejected(Reason.UNSUPPORTED_TYPE);
      }
      return new Sniffed(FileType.DOCX, zip);
    }
    if (Bytes.startsWith(file, OLE2_MAGIC)) {
      // A password-protected .docx is an OLE2 container around the encrypted zip; anything else is legacy .doc.
      throw new ResumeRejected(encryptedOfficeFile(file) ? Reason.ENCRYPTED : Reason.UNSUPPORTED_TYPE);
    }
    // Acrobat accepts the header anywhere in the first KiB, and so does PDFBox.
    if (Bytes.indexOf(file, PDF_MAGIC, 0, Math.min(file.length, 1024)) >= 0) {
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

  private static String size(long bytes) {
    return bytes % MIB == 0 ? bytes / MIB + " MiB" : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
  }
}
