package com.jobswipe.profile.resume;

import com.jobswipe.profile.resume.ResumeRejected.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static com.jobswipe.profile.resume.ParsedResume.CERTIFICATIONS;
import static com.jobswipe.profile.resume.ParsedResume.EDUCATION;
import static com.jobswipe.profile.resume.ParsedResume.EXPERIENCE;
import static com.jobswipe.profile.resume.ParsedResume.PROJECTS;
import static com.jobswipe.profile.resume.ParsedResume.SKILLS;
import static com.jobswipe.profile.resume.ParsedResume.SUMMARY;
import static com.jobswipe.profile.resume.ResumeFixtures.DOCX;
import static com.jobswipe.profile.resume.ResumeFixtures.PDF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ResumeParserTest {

  private static final ResumeParser PARSER =
      new ResumeParser(ResumeLimits.DEFAULTS, SkillTaxonomy.standard(), ResumeFixtures.CLOCK);

  // --- realistic resumes --------------------------------------------------------------------------------------

  @Test
  void twoColumnPdfReadsEachColumnTopToBottom() {
    ParsedResume resume = PARSER.parse(ResumeFixtures.twoColumnPdf(), PDF, "Jane Doe - Resume.pdf");

    assertThat(resume.sections()).containsOnlyKeys(SKILLS, SUMMARY, EXPERIENCE, EDUCATION);
    assertThat(resume.sections().get(SKILLS)).isEqualTo(
        "Java, Kotlin, Go\nk8s, Postgres, JS\nSpring Boot, Kafka\nTerraform, AWS, GCP\nCI/CD, C++, C#");
    assertThat(resume.sections().get(SUMMARY))
        .isEqualTo("Backend engineer building distributed\nsystems on the JVM and in the cloud.");
    assertThat(resume.sections().get(EXPERIENCE))
        .startsWith("Senior Software Engineer, Acme Corp\nJan 2019 – Present | San Francisco\n• Led the migration")
        .contains("Software Engineer, Globex\n03/2016 - 06/2019\n• Built payment APIs in Java and PostgreSQL.")
        .doesNotContain("Terraform", "English");
    assertThat(resume.sections().get(EDUCATION)).isEqualTo("B.Sc. Computer Science, State University\n2012 – 2016");
  }

  @Test
  void twoColumnPdfYieldsContactDetailsIncludingALinkBehindAWord() {
    Contact contact = PARSER.parse(ResumeFixtures.twoColumnPdf(), PDF, "resume.pdf").contact();

    assertThat(contact.name()).contains("Jane Doe");
    assertThat(contact.email()).contains("jane.doe@example.com");
    assertThat(contact.phone()).contains("+1 (415) 555-0134");
    assertThat(contact.linkedin()).contains("https://www.linkedin.com/in/janedoe");
    assertThat(contact.github()).contains("https://github.com/janedoe");
    assertThat(contact.website()).contains("https://janedoe.dev");
  }

  @Test
  void twoColumnPdfSkillsAreCanonicalAndInOrderOfMention() {
    List<String> skills = PARSER.parse(ResumeFixtures.twoColumnPdf(), PDF, "resume.pdf").skills();

    assertThat(skills).startsWith("Java", "Kotlin", "Go", "Kubernetes", "PostgreSQL", "JavaScript", "Spring Boot",
            "Kafka", "Terraform", "AWS", "Google Cloud", "CI/CD", "C++", "C#")
        .contains("Distributed Systems", "Redis", "Python")
        .doesNotHaveDuplicates();
  }

  @Test
  void overlappingJobsAreCountedOnce() {
    // Mar 2016 - Jun 2019, Jan 2019 - Present and 2020 - 2021 merge into Mar 2016 - Jun 2024.
    assertThat(PARSER.parse(ResumeFixtures.twoColumnPdf(), PDF, "resume.pdf").yearsOfExperience()).isEqualTo(8.3);
  }

  @Test
  void singleColumnPdfKeepsRightAlignedDatesOnTheirJobLine() {
    ParsedResume resume = PARSER.parse(ResumeFixtures.singleColumnPdf(), PDF, "john_smith.pdf");

    assertThat(resume.contact().name()).contains("John Smith");
    assertThat(resume.contact().email()).contains("john.smith@example.org");
    assertThat(resume.contact().phone()).contains("415.555.0199");
    assertThat(resume.contact().website()).contains("https://www.johnsmith.io");
    assertThat(resume.contact().linkedin()).isEmpty();
    assertThat(resume.sections()).containsOnlyKeys(SUMMARY, EXPERIENCE, EDUCATION, SKILLS, CERTIFICATIONS);
    assertThat(resume.sections().get(EXPERIENCE))
        .startsWith("Data Engineer — Initech Jan 2021 - Current\n• Designed a streaming platform")
        .contains("Junior Analyst — Hooli 2015 to 2017");
    assertThat(resume.sections().get(SKILLS)).isEqualTo("Python, SQL, Airflow, dbt, Snowflake, Spark, Tableau, R, Docker");
    assertThat(resume.skills()).contains("Apache Spark", "Kafka", "Amazon Redshift", "Snowflake", "dbt",
        "Apache Airflow", "Python", "Tableau", "SQL", "Excel", "Statistics", "R", "Docker", "AWS");
    assertThat(resume.yearsOfExperience()).isEqualTo(8.8);
  }

  @Test
  void docxReadsHeadingsBulletsTablesAndHyperlinks() {
    ParsedResume resume = PARSER.parse(ResumeFixtures.docx(), DOCX, "maria-garcia.docx");

    assertThat(resume.contact().name()).contains("María García");
    assertThat(resume.contact().email()).contains("maria.garcia@example.com");
    assertThat(resume.contact().phone()).contains("+44 20 7946 0958");
    assertThat(resume.contact().linkedin()).contains("https://www.linkedin.com/in/maria-garcia");
    assertThat(resume.sections()).containsOnlyKeys(SUMMARY, EXPERIENCE, SKILLS, EDUCATION, PROJECTS);
    assertThat(resume.sections().get(EXPERIENCE))
        .contains("Staff Engineer, Initrode — Mar 2020 – Present\n• Scaled the platform on GCP with k8s and Postgres");
    assertThat(resume.sections().get(SKILLS))
        .isEqualTo("Languages | Python, TS, golang\nCloud | GCP, AWS, k8s, Terraform\nData | Postgres, Redis, Kafka");
    assertThat(resume.sections().get(PROJECTS)).isEqualTo("• Open-source React.js component library with 2k stars.");
    assertThat(resume.skills()).startsWith("Google Cloud", "Kubernetes", "PostgreSQL")
        .contains("TDD", "Code Review", "TypeScript", "Node.js", "Python", "Go", "AWS", "Terraform", "Redis", "Kafka",
            "React");
    // 2016 - 2020 and Mar 2020 - Present overlap: mid-2016 to Jun 2024.
    assertThat(resume.yearsOfExperience()).isEqualTo(8.0);
  }

  @Test
  void docxTextBoxesAreReadOnceAsLinesOfTheirOwn() {
    ParsedResume resume = PARSER.parse(ResumeFixtures.docxWithTextBox(), DOCX, "resume.docx");

    assertThat(resume.text()).containsOnlyOnce("Portfolio: https://maria.dev").doesNotContain("(");
    assertThat(resume.contact().website()).contains("https://maria.dev");
    assertThat(resume.contact().name()).contains("María García");
  }

  @Test
  void aBrowserThatDoesNotKnowTheTypeIsNotAMismatch() {
    assertThat(PARSER.parse(ResumeFixtures.twoColumnPdf(), "application/octet-stream", null).contact().email())
        .contains("jane.doe@example.com");
    assertThat(PARSER.parse(ResumeFixtures.docx(), "application/x-zip-compressed", "cv").contact().email())
        .contains("maria.garcia@example.com");
    assertThat(PARSER.parse(ResumeFixtures.twoColumnPdf(), "application/pdf; charset=binary", "C:\\fakepath\\CV.PDF")
        .skills()).contains("Kubernetes");
  }

  @Test
  void textIsCutAtTheLimit() {
    ResumeLimits small = new ResumeLimits(10 << 20, 50, 300, 1000, 50L << 20, Duration.ofSeconds(10));
    ParsedResume resume = new ResumeParser(small, SkillTaxonomy.standard(), ResumeFixtures.CLOCK)
        .parse(ResumeFixtures.singleColumnPdf(), PDF, "resume.pdf");

    assertThat(resume.text()).hasSizeLessThanOrEqualTo(300).startsWith("JOHN SMITH\n");
  }

  @Test
  void pageLimitIsConfigurable() {
    ResumeLimits onePage = new ResumeLimits(10 << 20, 1, 200_000, 1000, 50L << 20, Duration.ofSeconds(10));
    ResumeRejected rejected = catchThrowableOfType(
        () -> new ResumeParser(onePage).parse(ResumeFixtures.singleColumnPdf(), PDF, "resume.pdf"),
        ResumeRejected.class);

    assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_PAGES);
    assertThat(rejected.userMessage()).contains("at most 1 pages");
  }

  // --- hostile files ------------------------------------------------------------------------------------------

  static Stream<Arguments> hostileFiles() {
    return Stream.of(
        hostile("encrypted PDF (user password)", ResumeFixtures::encryptedPdf, PDF, "resume.pdf", Reason.ENCRYPTED),
        hostile("encrypted PDF (owner password only)", ResumeFixtures::ownerPasswordPdf, PDF, "resume.pdf",
            Reason.ENCRYPTED),
        hostile("PDF cut in half", ResumeFixtures::truncatedPdf, PDF, "resume.pdf", Reason.MALFORMED),
        hostile("random bytes named .pdf", ResumeFixtures::garbage, PDF, "resume.pdf", Reason.UNSUPPORTED_TYPE),
        hostile("random bytes behind a PDF header", ResumeFixtures::garbageWithPdfHeader, PDF, "resume.pdf",
            Reason.MALFORMED),
        hostile("3,000-page PDF", () -> ResumeFixtures.manyPagesPdf(3000), PDF, "resume.pdf", Reason.TOO_MANY_PAGES),
        hostile("PDF whose content inflates to 256 MiB", ResumeFixtures::pdfFlateBomb, PDF, "resume.pdf",
            Reason.ZIP_BOMB),
        hostile("PDF bomb whose dictionary is written to confuse a scanner",
            ResumeFixtures::pdfFlateBombWithObfuscatedDictionary, PDF, "resume.pdf", Reason.ZIP_BOMB),
        hostile("PDF of nothing but stream keywords", ResumeFixtures::pdfOfStreamKeywords, PDF, "resume.pdf",
            Reason.MALFORMED),
        hostile("DOCX inflating to 1 GiB", ResumeFixtures::docxZipBomb, DOCX, "resume.docx", Reason.ZIP_BOMB),
        hostile("DOCX whose headers lie about sizes", ResumeFixtures::docxLyingAboutSizes, DOCX, "resume.docx",
            Reason.ZIP_BOMB),
        hostile("DOCX with 1,001 entries", () -> ResumeFixtures.docxWithManyEntries(1001), DOCX, "resume.docx",
            Reason.ZIP_BOMB),
        hostile("DOCX whose directory lists its 3 entries 20,000 times each",
            () -> ResumeFixtures.docxWithCrowdedDirectory(20_000), DOCX, "resume.docx", Reason.ZIP_BOMB),
        hostile("DOCX declared as application/pdf", ResumeFixtures::docx, PDF, "resume.docx", Reason.TYPE_MISMATCH),
        hostile("DOCX named .pdf", ResumeFixtures::docx, "application/octet-stream", "resume.pdf",
            Reason.TYPE_MISMATCH),
        hostile("PDF declared as a PNG", ResumeFixtures::singleColumnPdf, "image/png", "resume.pdf",
            Reason.TYPE_MISMATCH),
        hostile("PDF named .doc", ResumeFixtures::singleColumnPdf, null, "resume.doc", Reason.TYPE_MISMATCH),
        hostile("image-only PDF", ResumeFixtures::imageOnlyPdf, PDF, "scan.pdf", Reason.NO_TEXT),
        hostile("file over 10 MiB", ResumeFixtures::oversized, PDF, "resume.pdf", Reason.TOO_LARGE),
        hostile("password-protected DOCX", ResumeFixtures::encryptedDocx, DOCX, "resume.docx", Reason.ENCRYPTED),
        hostile("Word 97 .doc", ResumeFixtures::legacyDoc, "application/msword", "resume.doc",
            Reason.UNSUPPORTED_TYPE),
        hostile("PNG", ResumeFixtures::png, "image/png", "me.png", Reason.UNSUPPORTED_TYPE),
        hostile("DOCX cut in half", ResumeFixtures::truncatedDocx, DOCX, "resume.docx", Reason.MALFORMED),
        hostile("zip that is not a DOCX", ResumeFixtures::plainZip, DOCX, "resume.docx", Reason.UNSUPPORTED_TYPE),
        hostile("empty file", () -> new byte[0], PDF, "resume.pdf", Reason.MALFORMED));
  }

  private static Arguments hostile(String name, Supplier<byte[]> file, String type, String filename, Reason reason) {
    return arguments(name, file, type, filename, reason);
  }

  @ParameterizedTest(name = "{0} -> {4}")
  @MethodSource("hostileFiles")
  void hostileFilesAreRefusedByTheirLimitWithTheRightReason(String name, Supplier<byte[]> file, String type,
                                                            String filename, Reason reason) {
    byte[] bytes = file.get();
    ResumeRejected rejected = catchThrowableOfType(() -> PARSER.parse(bytes, type, filename), ResumeRejected.class);

    // The reason is the limit the file broke, never TIMEOUT: a limit, not the parse deadline, stopped it.
    assertThat(rejected).as(name).isNotNull();
    assertThat(rejected.reason()).as(name).isEqualTo(reason).isNotEqualTo(Reason.TIMEOUT);
    assertThat(rejected.userMessage()).isNotBlank().doesNotContain("Secret", "secret@", "Jane", "María");
  }

  @Test
  void aParseThatRunsPastTheDeadlineIsAbandonedAndItsWorkerStops() throws InterruptedException {
    ResumeParser hurried = new ResumeParser(ResumeLimits.DEFAULTS.withTimeout(Duration.ofMillis(300)),
        SkillTaxonomy.standard(), ResumeFixtures.CLOCK);
    byte[] slow = ResumeFixtures.slowPdf();

    // TIMEOUT is only ever the deadline's answer: the caller was let go while the parse was still at work.
    assertThatThrownBy(() -> hurried.parse(slow, PDF, "resume.pdf"))
        .isInstanceOfSatisfying(ResumeRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("resume-parser-")) {
        thread.join(60_000); // a bound for a hang, not a speed check

        assertThat(thread.isAlive()).as("abandoned worker %s still running", thread.getName()).isFalse();
      }
    }
  }

  @Test
  void theZipDirectoryIsListedOnlyWhileTheDeadlineHolds() {
    Deadline passed = new Deadline(System.nanoTime() - 1);

    // Each read of the directory checks the deadline, so a crowded directory cannot outlive the parse.
    assertThatThrownBy(() -> ZipDirectory.read(ResumeFixtures.docx(), 1_000, passed))
        .isInstanceOfSatisfying(ResumeRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
  }

  @Test
  void rejectionsCarryAStableCode() {
    assertThat(Reason.ZIP_BOMB.code()).isEqualTo("zip-bomb");
    assertThat(Reason.NO_TEXT.userMessage()).contains("no extractable text").contains("text PDF or DOCX");
  }

  // --- text analysis ------------------------------------------------------------------------------------------

  private static final Clock JUNE_2024 = Clock.fixed(Instant.parse("2024-06-15T00:00:00Z"), ZoneOffset.UTC);

  private static double years(String experience) {
    return ParsedResume.Tenure.years(experience, JUNE_2024);
  }

  @Test
  void dateRangesInTheCommonFormatsAreRead() {
    assertThat(years("Jan 2019 – Present")).isEqualTo(5.5);
    assertThat(years("2016-2019")).isEqualTo(3.0);
    assertThat(years("03/2018 - 06/2020")).isEqualTo(2.3);
    assertThat(years("2015 to 2017")).isEqualTo(2.0);
    assertThat(years("September 2020 — current")).isEqualTo(3.8);
    assertThat(years("Sept. 2017 – Dec. 2020")).isEqualTo(3.3);
    assertThat(years("Jan '22 - Now")).isEqualTo(2.5);
    assertThat(years("Summer 2019 - Fall 2019")).isEqualTo(0.3);
  }

  @Test
  void overlappingAndNestedRangesMerge() {
    assertThat(years("Acme, Jan 2018 - Dec 2020\nSide gig, Jun 2019 - Jun 2020\nGlobex, Jul 2020 - Jun 2021"))
        .isEqualTo(3.5);
    assertThat(years("A: 2010 - 2012\nB: 2014 - 2016")).isEqualTo(4.0);
  }

  @Test
  void futureDatesAndNonsenseRangesDoNotCount() {
    assertThat(years("Jan 2024 - Dec 2030")).isEqualTo(0.5);
    assertThat(years("2030 - 2032")).isEqualTo(0.0);
    assertThat(years("2020 - 2018")).isEqualTo(0.0);
    assertThat(years("Raised $2,000-3,000 per month; 40-60 hours")).isEqualTo(0.0);
  }

  @Test
  void headingsAreRecognisedInTheirUsualDisguises() {
    String text = String.join("\n",
        "Jane Doe",
        "PROFESSIONAL SUMMARY:",
        "Engineer.",
        "W O R K   E X P E R I E N C E",
        "Acme, 2019 - 2020",
        "Technologies: Java, Kafka",
        "Interests",
        "Chess",
        "Technical Skills: Java, Go",
        "Licenses & Certifications",
        "CKA");
    assertThat(ParsedResume.Sections.split(text)).containsExactly(
        entry(SUMMARY, "Engineer."),
        entry(EXPERIENCE, "Acme, 2019 - 2020\nTechnologies: Java, Kafka"),
        entry(SKILLS, "Java, Go"),
        entry(CERTIFICATIONS, "CKA"));
  }

  @Test
  void hostileTextCannotMakeTheAnalysisSlow() {
    List<String> hostile = List.of("a".repeat(200_000), "a-".repeat(100_000), "a.".repeat(100_000),
        "1 ".repeat(100_000), "Jan 2019 ".repeat(20_000), "x@".repeat(100_000), "Go ".repeat(60_000));
    // Linear analysis takes well under a second per text; backtracking that is quadratic in these 200,000
    // characters is ~4·10^10 steps, minutes. The bound tells the two apart with room for a busy machine.
    for (String text : hostile) {
      long start = System.nanoTime();
      ParsedResume.of(text, SkillTaxonomy.standard(), JUNE_2024);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as(text.substring(0, 10)).isLessThan(Duration.ofSeconds(15));
    }
  }

  @Test
  void pastedTextIsAnalysedTheSameWay() {
    ParsedResume resume = ParsedResume.of("ALEX KIM\nalex@kim.dev | (206) 555-0100\nExperience\nSRE, 2019 - 2023\n"
        + "Skills\nGo, Rust, k8s", SkillTaxonomy.standard(), JUNE_2024);

    assertThat(resume.contact().name()).contains("Alex Kim");
    assertThat(resume.contact().phone()).contains("(206) 555-0100");
    assertThat(resume.contact().website()).as("an email's domain is not a website").isEmpty();
    assertThat(resume.skills()).containsExactly("Site Reliability Engineering", "Go", "Rust", "Kubernetes");
    assertThat(resume.yearsOfExperience()).isEqualTo(4.0);
  }
}
