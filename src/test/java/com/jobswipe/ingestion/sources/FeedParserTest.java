package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FeedParserTest {

  private static final URI AGGREGATOR = URI.create("https://remotehub.example/categories/programming.rss");

  private static List<JobPosting> parse(String fixture, String contentType, URI url) {
    SourceParser.Page page = SourceParsers.forKind(SourceKind.RSS).parse(Fixtures.bytes(fixture), contentType, url);
    assertThat(page.next()).isEmpty();
    return page.postings();
  }

  @Test
  void mapsEveryFieldOfAnAggregatorItem() {
    JobPosting job = parse("rss-aggregator.xml", "application/rss+xml; charset=utf-8", AGGREGATOR).get(0);

    assertThat(job.source()).isEqualTo(SourceKind.RSS);
    assertThat(job.externalId()).isEqualTo("remotehub-8841");
    assertThat(job.title()).isEqualTo("Senior Java Developer");
    assertThat(job.company()).as("from 'Role at Company' in a CDATA title with an escaped ampersand")
        .isEqualTo("Zürich Insurance & Partners");
    assertThat(job.locations()).containsExactly("Zürich, Switzerland");
    assertThat(job.remote()).isEqualTo("unknown");
    assertThat(job.employmentType()).contains("full_time");
    assertThat(job.salary()).isEmpty();
    assertThat(job.applyUrl()).isEqualTo("https://remotehub.example/jobs/8841-senior-java-developer");
    assertThat(job.postingUrl()).isEmpty();
    assertThat(job.postedAt()).contains(Instant.parse("2024-03-05T09:30:00Z"));
    assertThat(job.descriptionHtml()).isEqualTo("<p>Build <b>claims</b> services in Java&nbsp;21.</p>"
        + "<ul><li>Spring &amp; Kafka</li><li>Team of 6</li></ul>"
        + "<p><a rel=\"nofollow noopener\">Apply</a> or "
        + "<a href=\"https://remotehub.example/jobs/8841/apply\" rel=\"nofollow noopener\">apply here</a></p>");
    assertThat(job.descriptionText()).isEqualTo("""
        Build claims services in Java 21.

        • Spring & Kafka
        • Team of 6

        Apply or apply here""");
  }

  @Test
  void companyComesFromSourceCreatorOrTitle() {
    List<JobPosting> jobs = parse("rss-aggregator.xml", "application/rss+xml", AGGREGATOR);

    assertThat(jobs).extracting(JobPosting::title, JobPosting::company).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Senior Java Developer", "Zürich Insurance & Partners"),
        org.assertj.core.groups.Tuple.tuple("Staff Firmware Engineer", "Acme Robotics"),
        org.assertj.core.groups.Tuple.tuple("Data Engineer (São Paulo)", "Banco Exemplo"),
        org.assertj.core.groups.Tuple.tuple("Platform Engineer", "Nimbus Cloud GmbH"),
        org.assertj.core.groups.Tuple.tuple("Lonely Title Without Company", ""));
  }

  @Test
  void contentEncodedWinsAndEscapedDescriptionsAreDecoded() {
    List<JobPosting> jobs = parse("rss-aggregator.xml", "application/rss+xml", AGGREGATOR);

    assertThat(jobs.get(1).descriptionText()).isEqualTo("Rust & C on bare metal.");
    assertThat(jobs.get(1).externalId()).isEqualTo("https://remotehub.example/jobs/8842-staff-firmware-engineer");
    assertThat(jobs.get(2).descriptionHtml()).isEqualTo("<h2>Sobre a vaga</h2><p>Pipelines em Spark.</p>");
    assertThat(jobs.get(2).postedAt()).contains(Instant.parse("2024-03-03T11:00:00Z"));
    assertThat(jobs.get(3).externalId()).as("no guid: the link is the id")
        .isEqualTo("https://remotehub.example/jobs/8844-platform-engineer");
  }

  @Test
  void itemsWithoutAnHttpLinkAreSkipped() {
    assertThat(parse("rss-aggregator.xml", "application/rss+xml", AGGREGATOR))
        .extracting(JobPosting::externalId)
        .doesNotContain("remotehub-evil", "remotehub-nolink")
        .hasSize(5);
  }

  @Test
  void readsAnIso88591FeedServedAsPlainTextXml() {
    List<JobPosting> jobs = parse("rss-latin1.xml", "text/xml", URI.create("https://emplois.example.ch/rss"));

    JobPosting first = jobs.get(0);
    assertThat(first.externalId()).isEqualTo("emplois-5501");
    assertThat(first.title()).isEqualTo("Développeur Java (h/f)");
    assertThat(first.company()).isEqualTo("Société Générale Genève");
    assertThat(first.locations()).containsExactly("Genève");
    assertThat(first.employmentType()).as("CDI - Temps partiel").contains("part_time");
    assertThat(first.postedAt()).contains(Instant.parse("2024-03-01T06:45:00Z"));
    assertThat(first.descriptionText()).isEqualTo(
        "Vous êtes passionné·e? Rejoignez l'équipe « Paiements » à Genève.\n\nSalaire: à discuter.");
    assertThat(jobs.get(1).title()).isEqualTo("Ingénieur données");
    assertThat(jobs.get(1).company()).isEqualTo("Crème Fraîche SA");
    assertThat(jobs.get(1).descriptionText()).isEqualTo("Données & qualité à Zürich.");
  }

  @Test
  void readsAtom() {
    List<JobPosting> jobs = SourceParsers.forKind(SourceKind.RSS, Optional.of("Fjordline AS"))
        .parse(Fixtures.bytes("atom-jobs.xml"), "application/atom+xml",
            URI.create("https://careers.fjordline.example/feed.atom")).postings();

    JobPosting engineer = jobs.get(0);
    assertThat(engineer.externalId()).isEqualTo("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
    assertThat(engineer.title()).isEqualTo("Ship Engineer & Mechanic");
    assertThat(engineer.company()).isEqualTo("Fjordline AS");
    assertThat(engineer.locations()).containsExactly("Bergen, Norway");
    assertThat(engineer.employmentType()).contains("temporary");
    assertThat(engineer.applyUrl()).isEqualTo("https://careers.fjordline.example/jobs/ship-engineer");
    assertThat(engineer.postedAt()).contains(Instant.parse("2024-03-04T07:00:00Z"));
    assertThat(engineer.descriptionHtml())
        .isEqualTo("<p>Keep our <em>ferries</em> running.</p><p>Shifts: 2 weeks on, 2 off.</p>");

    JobPosting officer = jobs.get(1);
    assertThat(officer.company()).as("no author: the configured company").isEqualTo("Fjordline AS");
    assertThat(officer.postedAt()).as("no published date: updated").contains(Instant.parse("2024-03-01T10:00:00Z"));
    assertThat(officer.descriptionHtml()).as("type=text is escaped, not parsed")
        .isEqualTo("<p>Watchkeeping on the Bergen route.<br>Certificates: STCW II/1 &lt;required&gt;.</p>");
    assertThat(officer.descriptionText())
        .isEqualTo("Watchkeeping on the Bergen route.\nCertificates: STCW II/1 <required>.");
  }

  @Test
  void titleConventions() {
    assertThat(FeedParser.titleAndCompany("Backend Engineer at Stripe", Optional.empty()))
        .isEqualTo(new FeedParser.TitleAndCompany("Backend Engineer", Optional.of("Stripe")));
    assertThat(FeedParser.titleAndCompany("Doist: Senior Android Engineer", Optional.empty()))
        .isEqualTo(new FeedParser.TitleAndCompany("Senior Android Engineer", Optional.of("Doist")));
    assertThat(FeedParser.titleAndCompany("Head of Growth @ Plausible", Optional.empty()))
        .isEqualTo(new FeedParser.TitleAndCompany("Head of Growth", Optional.of("Plausible")));
    assertThat(FeedParser.titleAndCompany("Engineer at Scale at Scale AI", Optional.of("Scale AI")))
        .isEqualTo(new FeedParser.TitleAndCompany("Engineer at Scale", Optional.of("Scale AI")));
    assertThat(FeedParser.titleAndCompany("Nurse", Optional.empty()))
        .isEqualTo(new FeedParser.TitleAndCompany("Nurse", Optional.empty()));
  }

  // --- hostile feeds -------------------------------------------------------------------------------------------

  @Test
  void externalEntityIsRefusedAndTheFileIsNeverRead(@TempDir Path dir) throws Exception {
    String secret = "JOBSWIPE-SECRET-" + UUID.randomUUID();
    Path secretFile = dir.resolve("secret.txt");
    Files.writeString(secretFile, secret);
    Path missingFile = dir.resolve("does-not-exist.txt");

    SourceFormatException withFile = rejected(hostile("hostile-xxe.xml", secretFile));
    SourceFormatException withoutFile = rejected(hostile("hostile-xxe.xml", missingFile));

    assertThat(stackTraceOf(withFile)).doesNotContain(secret).doesNotContain(secretFile.toString());
    assertThat(withFile).hasMessageContaining("DOCTYPE");
    assertThat(rootMessage(withFile)).contains("DOCTYPE is disallowed");
    // Refused at the DOCTYPE, before any entity is resolved: an existing and a missing file fail identically.
    assertThat(rootMessage(withFile)).isEqualTo(rootMessage(withoutFile));
  }

  @Test
  void parameterEntityExfiltrationIsRefused(@TempDir Path dir) throws Exception {
    String secret = "JOBSWIPE-SECRET-" + UUID.randomUUID();
    Path secretFile = dir.resolve("secret.txt");
    Files.writeString(secretFile, secret);

    SourceFormatException e = rejected(hostile("hostile-xxe-parameter-entity.xml", secretFile));

    assertThat(stackTraceOf(e)).doesNotContain(secret);
    // Had the external DTD been fetched, the failure would be a connection error to 127.0.0.1:9.
    assertThat(rootMessage(e)).contains("DOCTYPE is disallowed").doesNotContain("Connection");
  }

  @Test
  @Timeout(5)
  void billionLaughsIsRefusedQuickly() {
    SourceFormatException e = rejected(Fixtures.bytes("hostile-billion-laughs.xml"));
    assertThat(rootMessage(e)).contains("DOCTYPE is disallowed");
  }

  @Test
  void anyDoctypeIsRefusedEvenAHarmlessOne() {
    SourceFormatException e = rejected(Fixtures.bytes("hostile-doctype.xml"));
    assertThat(rootMessage(e)).contains("DOCTYPE is disallowed");
  }

  @Test
  void bodiesThatAreNotFeedsAreRejected() {
    for (String body : List.of("{\"jobs\":[]}", "<html><body>Maintenance</body></html>", "<rss version=\"2.0\"><channel>")) {
      assertThatThrownBy(() -> SourceParsers.forKind(SourceKind.RSS)
          .parse(body.getBytes(StandardCharsets.UTF_8), "application/rss+xml", AGGREGATOR))
          .as(body).isInstanceOf(SourceFormatException.class);
    }
  }

  private static byte[] hostile(String fixture, Path target) {
    String template = new String(Fixtures.bytes(fixture), StandardCharsets.UTF_8);
    return template.replace("@SECRET_FILE_URI@", target.toUri().toString()).getBytes(StandardCharsets.UTF_8);
  }

  private static SourceFormatException rejected(byte[] body) {
    SourceFormatException e = catchThrowableOfType(SourceFormatException.class, () -> SourceParsers.forKind(SourceKind.RSS)
        .parse(body, "application/rss+xml", URI.create("https://attacker.example/feed.rss")));
    assertThat(e).as("the hostile feed must be rejected").isNotNull();
    return e;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  private static String stackTraceOf(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
