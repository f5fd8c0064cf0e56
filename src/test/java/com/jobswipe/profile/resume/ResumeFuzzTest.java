package com.jobswipe.profile.resume;

import com.jobswipe.testing.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static com.jobswipe.profile.resume.ResumeFixtures.DOCX;
import static com.jobswipe.profile.resume.ResumeFixtures.PDF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Bad input at scale for the resume parser: real PDFs and a real DOCX, mutated (bytes truncated, flipped,
 * duplicated, spliced with junk; inside the DOCX, the document XML itself), are either read or refused with a
 * {@link ResumeRejected} the user can act on. No other exception escapes (the upload would answer 500), and the
 * parser answers by its own deadline: the bound here is that deadline plus a margin a hang, not a slow machine,
 * would exceed.
 *
 * <p>The seed is fixed so a failure replays; tries per property are {@code jqwik.tries.default}.
 */
class ResumeFuzzTest {

  private static final ResumeLimits LIMITS = new ResumeLimits(10L << 20, 50, 200_000, 1000, 50L << 20, 100L << 20,
      Duration.ofSeconds(5));
  private static final ResumeParser PARSER = new ResumeParser(LIMITS, SkillTaxonomy.standard(), ResumeFixtures.CLOCK);
  private static final Duration HANG = LIMITS.timeout().plusSeconds(55);
  private static final Map<String, AtomicInteger> outcomes = new ConcurrentSkipListMap<>();

  /** One mutated file with the type and name the client claimed. */
  record Case(byte[] file, String contentType, String filename, String label) {
    @Override
    public String toString() {
      return filename + " [" + label + "] " + file.length + " bytes";
    }
  }

  @Property(seed = "20261204")
  void everyMutatedResumeIsReadOrRefusedWithAReason(@ForAll("files") Case input) {
    try {
      ParsedResume resume = assertTimeoutPreemptively(HANG,
          () -> PARSER.parse(input.file(), input.contentType(), input.filename()));
      assertThat(resume.text().length()).isLessThanOrEqualTo(LIMITS.maxTextChars());
      count("read");
    } catch (ResumeRejected refused) {
      assertThat(refused.userMessage()).isNotBlank();
      count(refused.reason().code());
    }
  }

  @Provide
  Arbitrary<Case> files() {
    byte[] twoColumns = ResumeFixtures.twoColumnPdf();
    byte[] singleColumn = ResumeFixtures.singleColumnPdf();
    byte[] docx = ResumeFixtures.docx();
    return Arbitraries.longs().map(seed -> {
      Random random = new Random(seed);
      return switch (random.nextInt(4)) {
        case 0 -> new Case(Mutations.mutate(twoColumns, random), PDF, "resume.pdf", "pdf bytes");
        case 1 -> new Case(Mutations.mutate(singleColumn, random), PDF, "resume.pdf", "pdf bytes");
        case 2 -> new Case(Mutations.mutate(docx, random), DOCX, "resume.docx", "docx bytes");
        default -> new Case(mutateEntry(docx, "word/document.xml", random), DOCX, "resume.docx", "docx document.xml");
      };
    });
  }

  /** Rewrites the DOCX with one entry's bytes mutated, so the zip stays valid and the XML inside is what breaks. */
  private static byte[] mutateEntry(byte[] zip, String name, Random random) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream out = new ZipOutputStream(bytes)) {
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
          byte[] content = in.readAllBytes();
          out.putNextEntry(new ZipEntry(entry.getName()));
          out.write(entry.getName().equals(name) ? Mutations.mutate(content, random) : content);
          out.closeEntry();
        }
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void count(String outcome) {
    outcomes.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
  }

  @AfterContainer
  static void report() {
    System.out.println("ResumeFuzzTest: outcomes " + outcomes);
  }
}
