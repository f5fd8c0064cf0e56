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

class AshbyParserTest {

  private static final URI BOARD =
      URI.create("https://api.ashbyhq.com/posting-api/job-board/lumen-labs?includeCompensation=true");

  private static List<JobPosting> parse() {
    SourceParser.Page page = SourceParsers.forKind(SourceKind.ASHBY)
        .parse(Fixtures.bytes("ashby-job-board.json"), "application/json", BOARD);
    assertThat(page.next()).isEmpty();
    return page.postings();
  }

  @Test
  void mapsEveryFieldOfAPosting() {
    JobPosting job = parse().get(0);

    assertThat(job.source()).isEqualTo(SourceKind.ASHBY);
    assertThat(job.externalId()).isEqualTo("4c5f8b9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f");
    assertThat(job.title()).isEqualTo("Staff Software Engineer, Payments");
    assertThat(job.company()).isEqualTo("Lumen Labs");
    assertThat(job.locations()).containsExactly("Remote - Europe", "Zürich");
    assertThat(job.remote()).isEqualTo("remote");
    assertThat(job.employmentType()).contains("full_time");
    assertThat(job.salary()).as("the Salary component; equity is not pay").contains(new Salary(
        Optional.of(new BigDecimal("90000")), Optional.of(new BigDecimal("120000")), "EUR", "year"));
    assertThat(job.applyUrl())
        .isEqualTo("https://jobs.ashbyhq.com/lumen-labs/4c5f8b9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f/application");
    assertThat(job.postingUrl()).contains("https://jobs.ashbyhq.com/lumen-labs/4c5f8b9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f");
    assertThat(job.postedAt()).contains(Instant.parse("2024-03-04T14:29:08.532Z"));
    assertThat(job.descriptionHtml()).isEqualTo("<p>Lumen moves money for <strong>2,000</strong> marketplaces.</p>"
        + "<ul><li><p>Design ledgers</p></li><li><p>Lead reviews</p></li></ul>");
    assertThat(job.descriptionText()).isEqualTo("""
        Lumen moves money for 2,000 marketplaces.

        • Design ledgers
        • Lead reviews""");
  }

  @Test
  void hybridJobTakesTheWidestRangeAcrossTiers() {
    JobPosting job = parse().get(1);

    assertThat(job.remote()).as("workplaceType wins over isRemote=false").isEqualTo("hybrid");
    assertThat(job.employmentType()).contains("part_time");
    assertThat(job.locations()).containsExactly("São Paulo");
    assertThat(job.salary()).contains(new Salary(Optional.of(new BigDecimal("60000")),
        Optional.of(new BigDecimal("90000")), "BRL", "year"));
  }

  @Test
  void noWorkplaceTypeAndNotRemoteIsUnknownAndPlainTextIsEscaped() {
    JobPosting job = parse().get(2);

    assertThat(job.title()).isEqualTo("Summer Intern – Risk");
    assertThat(job.remote()).isEqualTo("unknown");
    assertThat(job.employmentType()).contains("internship");
    assertThat(job.salary()).isEmpty();
    assertThat(job.descriptionHtml()).isEqualTo("<p>Ten weeks in New York.</p><p>You will &lt;learn&gt; a lot &amp; more.</p>");
    assertThat(job.descriptionText()).isEqualTo("Ten weeks in New York.\n\nYou will <learn> a lot & more.");
  }

  @Test
  void unlistedJobsAreSkipped() {
    assertThat(parse()).extracting(JobPosting::title).doesNotContain("Unlisted: Head of Internal Audit").hasSize(3);
  }

  @Test
  void mixedCurrencyTiersGiveNoRange() {
    String body = """
        {"apiVersion":"1","jobs":[{"id":"x","title":"Engineer","applyUrl":"https://jobs.ashbyhq.com/a/x/application",
          "compensation":{"compensationTiers":[
            {"components":[{"compensationType":"Salary","interval":"1 YEAR","currencyCode":"USD","minValue":100000,"maxValue":120000}]},
            {"components":[{"compensationType":"Salary","interval":"1 YEAR","currencyCode":"GBP","minValue":70000,"maxValue":90000}]}]}}]}""";
    JobPosting job = SourceParsers.forKind(SourceKind.ASHBY).parse(Fixtures.utf8(body), null, BOARD).postings().get(0);
    assertThat(job.salary()).isEmpty();
  }
}
