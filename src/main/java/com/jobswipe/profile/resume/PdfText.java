package com.jobswipe.profile.resume;

import com.jobswipe.profile.resume.ResumeRejected.Reason;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** PDF text: PDFBox behind a decoded-size scan, page and text limits, links and two-column reading. */
final class PdfText {

  private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);
  /** PDFBox scratch memory before it spills to a temp file; parsing alone rarely needs any. */
  private static final long PDF_SCRATCH_MEMORY = 8L * 1024 * 1024;

  private PdfText() {
  }

  static Extraction read(byte[] file, ResumeLimits limits, Deadline deadline) throws IOException {
    // A file cut short loses its trailer; PDFBox would rebuild what it can and we would show half a resume.
    if (Bytes.indexOf(file, EOF_MARKER, Math.max(0, file.length - 1024), file.length) < 0) {
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
        throw tooManyPages(limits);
      }
      if (pages == 0) {
        throw new ResumeRejected(Reason.MALFORMED);
      }
      BoundedText out = new BoundedText(limits.maxTextChars() * 2 + 1024);
      ResumeTextStripper stripper = new ResumeTextStripper(limits, deadline, out);
      try {
        stripper.writeText(document, out);
      } catch (EnoughText e) {
        // The text limit is reached; the rest would be cut anyway.
      }
      return new Extraction(out.toString(), List.copyOf(stripper.links));
    }
  }

  private static ResumeRejected tooManyPages(ResumeLimits limits) {
    return new ResumeRejected(Reason.TOO_MANY_PAGES,
        "This document has too many pages for a resume. Upload one of at most " + limits.maxPages() + " pages.", null);
  }

  /** Text extraction that reads two-column layouts column by column and honours the deadline. */
  private static final class ResumeTextStripper extends PDFTextStripper {

    private final ResumeLimits limits;
    private final Deadline deadline;
    private final BoundedText out;
    private final Set<String> links = new LinkedHashSet<>();
    private int operators;

    ResumeTextStripper(ResumeLimits limits, Deadline deadline, BoundedText out) {
      this.limits = limits;
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
      if (getCurrentPageNo() > limits.maxPages()) {
        throw tooManyPages(limits);
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
}
