package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.SourceKind;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WorkableParserTest {

  private static final URI ACCOUNT = URI.create("https://apply.workable.com/api/v1/widget/accounts/fjordco?details=true");

  private static List<JobPosting> parse(Optional<String> company) {
    SourceParser.Page page = SourceParsers.forKind(SourceKind.WORKABLE, company)
        .parse(Fixtures.bytes("workable-account.json"), "application/json", ACCOUNT);
    assertThat(page.next()).isEmpty();
    return page.postings();
  }

  @Test
  void mapsEveryFieldOfAPosting() {
    JobPosting job = parse(Optional.empty()).get(0);

    assertThat(job.source()).isEqualTo(SourceKind.WORKABLE);
    assertThat(job.externalId()).isEqualTo("A1B2C3D4E5");
    assertThat(job.title()).isEqualTo("Backend Developer (Python)");
    assertThat(job.company()).isEqualTo("Fjord & Co.");
    assertThat(job.locations()).as("hidden Oslo left out")
        .containsExactly("Zürich, Zurich, Switzerland", "Bergen, Vestland, Norway");
    assertThat(job.remote()).isEqualTo("remote");
    assertThat(job.employmentType()).contains("full_time");
    assertThat(job.salary()).isEmpty();
    assertThat(job.applyUrl()).isEqualTo("https://apply.workable.com/j/A1B2C3D4E5/apply");
    assertThat(job.postingUrl()).contains("https://apply.workable.com/j/A1B2C3D4E5");
    assertThat(job.postedAt()).contains(Instant.parse("2024-03-04T00:00:00Z"));
    assertThat(job.descriptionHtml()).isEqualTo("<p><strong>About the role</strong></p>"
        + "<p>Build booking APIs &amp; tools.</p><ul><li>Django</li><li>Postgres</li></ul><p>Thanks!</p>");
    assertThat(job.descriptionText()).isEqualTo("""
        About the role

        Build booking APIs & tools.

        • Django
        • Postgres

        Thanks!""");
  }

  @Test
  void topLevelLocationAndCreatedAtStandInWhenTheJobLacksThem() {
    JobPosting job = parse(Optional.empty()).get(1);

    assertThat(job.locations()).containsExactly("São Paulo, Brazil");
    assertThat(job.remote()).as("telecommuting=false does not say onsite or hybrid").isEqualTo("unknown");
    assertThat(job.employmentType()).contains("contract");
    assertThat(job.postedAt()).contains(Instant.parse("2024-02-10T00:00:00Z"));
    assertThat(job.descriptionText()).isEmpty();
  }

  @Test
  void withoutAnApplicationUrlThePostingPageIsWhereOneApplies() {
    JobPosting job = parse(Optional.empty()).get(2);

    assertThat(job.applyUrl()).isEqualTo("https://apply.workable.com/j/K1L2M3N4O5");
    assertThat(job.postingUrl()).isEmpty();
    assertThat(job.employmentType()).isEmpty();
    assertThat(job.locations()).containsExactly("Tromsø, Troms, Norway");
  }

  @Test
  void configuredCompanyOverridesTheAccountName() {
    assertThat(parse(Optional.of("Fjordline AS"))).extracting(JobPosting::company).containsOnly("Fjordline AS");
  }
}
