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

class RemotiveParserTest {

  private static List<JobPosting> parse() {
    SourceParser.Page page = SourceParsers.forKind(SourceKind.REMOTIVE)
        .parse(Fixtures.bytes("remotive-jobs.json"), "application/json", URI.create("https://remotive.com/api/remote-jobs"));
    assertThat(page.next()).isEmpty();
    return page.postings();
  }

  @Test
  void mapsEveryFieldOfAPosting() {
    JobPosting job = parse().get(0);

    assertThat(job.source()).isEqualTo(SourceKind.REMOTIVE);
    assertThat(job.externalId()).isEqualTo("1912345");
    assertThat(job.title()).isEqualTo("Senior Go Engineer");
    assertThat(job.company()).isEqualTo("Kōan & Partners");
    assertThat(job.locations()).containsExactly("USA");
    assertThat(job.remote()).isEqualTo("remote");
    assertThat(job.employmentType()).contains("full_time");
    assertThat(job.salary()).contains(new Salary(Optional.of(new BigDecimal("120000")),
        Optional.of(new BigDecimal("150000")), "USD", "year"));
    assertThat(job.applyUrl()).isEqualTo("https://remotive.com/remote-jobs/software-dev/senior-go-engineer-1912345");
    assertThat(job.postingUrl()).isEmpty();
    assertThat(job.postedAt()).as("zoneless time read as UTC").contains(Instant.parse("2024-03-05T16:20:11Z"));
    assertThat(job.descriptionHtml()).isEqualTo("<p><strong>Kōan</strong> builds observability tools.</p>\n"
        + "<ul>\n<li>Go &amp; gRPC</li>\n<li>On-call 1 week in 6</li>\n</ul>\n<p>Apply&nbsp;now!</p>");
    assertThat(job.descriptionText()).isEqualTo("""
        Kōan builds observability tools.

        • Go & gRPC
        • On-call 1 week in 6

        Apply now!""");
  }

  @Test
  void freeTextSalaryIsReadOnlyWhenUnambiguous() {
    List<JobPosting> jobs = parse();

    assertThat(jobs.get(1).salary()).as("Competitive").isEmpty();
    assertThat(jobs.get(2).salary()).contains(new Salary(Optional.of(new BigDecimal("50000")),
        Optional.of(new BigDecimal("60000")), "EUR", "year"));
    assertThat(jobs.get(3).salary()).as("blank").isEmpty();
    assertThat(jobs.get(4).salary()).contains(new Salary(Optional.of(new BigDecimal("25")),
        Optional.of(new BigDecimal("30")), "USD", "hour"));
  }

  @Test
  void jobTypesAndLocationsAreNormalised() {
    assertThat(parse()).extracting(p -> p.employmentType().orElse("-"))
        .containsExactly("full_time", "contract", "part_time", "contract", "full_time");
    assertThat(parse().get(2).locations()).containsExactly("Europe, UK");
    assertThat(parse().get(3).locations()).isEmpty();
    assertThat(parse()).extracting(JobPosting::remote).containsOnly("remote");
  }
}
