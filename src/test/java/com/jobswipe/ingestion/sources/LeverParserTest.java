package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.JobPosting.Salary;
import com.jobswipe.ingestion.SourceKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeverParserTest {

  private static final URI SITE = URI.create("https://api.lever.co/v0/postings/nordlicht?mode=json");

  private static SourceParser.Page parse(URI url) {
    return SourceParsers.forKind(SourceKind.LEVER).parse(Fixtures.bytes("lever-postings.json"), "application/json", url);
  }

  @Test
  void mapsEveryFieldOfAPosting() {
    JobPosting job = parse(SITE).postings().get(0);

    assertThat(job.source()).isEqualTo(SourceKind.LEVER);
    assertThat(job.externalId()).isEqualTo("5ac21346-8e0c-4494-8e7a-3eb92ff77902");
    assertThat(job.title()).isEqualTo("Senior Platform Engineer");
    assertThat(job.company()).as("not in the payload: from the site token").isEqualTo("Nordlicht");
    assertThat(job.locations()).containsExactly("Berlin", "Hamburg");
    assertThat(job.remote()).isEqualTo("hybrid");
    assertThat(job.employmentType()).contains("full_time");
    assertThat(job.salary()).contains(new Salary(Optional.of(new BigDecimal("70000")),
        Optional.of(new BigDecimal("90000")), "EUR", "year"));
    assertThat(job.applyUrl()).isEqualTo("https://jobs.lever.co/nordlicht/5ac21346-8e0c-4494-8e7a-3eb92ff77902/apply");
    assertThat(job.postingUrl()).contains("https://jobs.lever.co/nordlicht/5ac21346-8e0c-4494-8e7a-3eb92ff77902");
    assertThat(job.postedAt()).contains(Instant.ofEpochMilli(1709546400000L));
    assertThat(job.descriptionHtml()).isEqualTo(
        "<div>We run the grid software for <b>40 utilities</b>.</div><div><br></div>"
            + "<div>Join the platform team&nbsp;in Berlin.</div>"
            + "<h3>What you'll do</h3><ul><li>Own Kafka &amp; Postgres pipelines</li><li>Run on-call with the team</li></ul>"
            + "<h3>Requirements</h3><ul><li>5+ years of Java or Kotlin</li></ul>"
            + "<div><b>Nordlicht</b> is an equal opportunity employer.</div>");
    assertThat(job.descriptionText()).isEqualTo("""
        We run the grid software for 40 utilities.

        Join the platform team in Berlin.

        What you'll do

        • Own Kafka & Postgres pipelines
        • Run on-call with the team

        Requirements

        • 5+ years of Java or Kotlin

        Nordlicht is an equal opportunity employer.""");
  }

  @Test
  void hostileDescriptionIsSanitisedAndTitleEntitiesUnescaped() {
    JobPosting job = parse(SITE).postings().get(1);

    assertThat(job.title()).isEqualTo("Analytics Engineer – LATAM");
    assertThat(job.remote()).isEqualTo("remote");
    assertThat(job.employmentType()).contains("contract");
    assertThat(job.salary()).isEmpty();
    assertThat(job.locations()).containsExactly("São Paulo", "Remote - Brazil");
    assertThat(job.descriptionHtml())
        .isEqualTo("<p>Contract role — 6&nbsp;months.</p><p><a rel=\"nofollow noopener\">click</a></p>")
        .doesNotContainIgnoringCase("javascript")
        .doesNotContain("onerror", "<img");
  }

  @Test
  void missingApplyUrlFallsBackToTheHostedPageAndPlainDescriptionIsUsed() {
    JobPosting job = parse(SITE).postings().get(2);

    assertThat(job.applyUrl()).isEqualTo("https://jobs.lever.co/nordlicht/aaaa1111-2222-3333-4444-555566667777");
    assertThat(job.postingUrl()).isEmpty();
    assertThat(job.remote()).as("workplaceType unspecified").isEqualTo("unknown");
    assertThat(job.employmentType()).contains("internship");
    assertThat(job.salary()).as("a one-time amount is not a pay range").isEmpty();
    assertThat(job.descriptionText()).isEqualTo("""
        A summer internship.

        You will work with our research team.

        Benefits

        • Lunch""");
  }

  @Test
  void fullPageWithALimitPointsAtTheNextSkip() {
    SourceParser.Page page = parse(URI.create("https://api.lever.co/v0/postings/nordlicht?mode=json&skip=6&limit=3"));
    assertThat(page.next()).contains(URI.create("https://api.lever.co/v0/postings/nordlicht?mode=json&skip=9&limit=3"));

    assertThat(parse(URI.create("https://api.lever.co/v0/postings/nordlicht?mode=json&limit=3")).next())
        .contains(URI.create("https://api.lever.co/v0/postings/nordlicht?mode=json&limit=3&skip=3"));
    assertThat(parse(URI.create("https://api.lever.co/v0/postings/nordlicht?mode=json&limit=10")).next())
        .as("a short page is the last").isEmpty();
    assertThat(parse(SITE).next()).as("no limit asked: the whole board came in one page").isEmpty();
  }

  @Test
  void configuredCompanyWins() {
    List<JobPosting> jobs = SourceParsers.forKind(SourceKind.LEVER, Optional.of("Nordlicht Energie GmbH"))
        .parse(Fixtures.bytes("lever-postings.json"), null, SITE).postings();
    assertThat(jobs).extracting(JobPosting::company).containsOnly("Nordlicht Energie GmbH");
  }

  @Test
  void rejectsAnObjectRoot() {
    assertThatThrownBy(() -> SourceParsers.forKind(SourceKind.LEVER)
        .parse(Fixtures.utf8("{\"ok\":false,\"error\":\"Document not found\"}"), "application/json", SITE))
        .isInstanceOf(SourceFormatException.class);
  }
}
