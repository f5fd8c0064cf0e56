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

class RemoteOkParserTest {

  private static List<JobPosting> parse() {
    SourceParser.Page page = SourceParsers.forKind(SourceKind.REMOTEOK)
        .parse(Fixtures.bytes("remoteok-api.json"), "application/json", URI.create("https://remoteok.com/api"));
    assertThat(page.next()).isEmpty();
    return page.postings();
  }

  @Test
  void skipsTheLegalNoticeAndItemsWithoutAPosition() {
    assertThat(parse()).extracting(JobPosting::externalId).containsExactly("1087654", "1087655");
  }

  @Test
  void mapsEveryFieldOfAPosting() {
    JobPosting job = parse().get(0);

    assertThat(job.source()).isEqualTo(SourceKind.REMOTEOK);
    assertThat(job.externalId()).isEqualTo("1087654");
    assertThat(job.title()).isEqualTo("Senior Rust Engineer");
    assertThat(job.company()).isEqualTo("Orbital");
    assertThat(job.locations()).containsExactly("Worldwide");
    assertThat(job.remote()).isEqualTo("remote");
    assertThat(job.employmentType()).isEmpty();
    assertThat(job.salary()).contains(new Salary(Optional.of(new BigDecimal("90000")),
        Optional.of(new BigDecimal("130000")), "USD", "year"));
    assertThat(job.applyUrl()).isEqualTo("https://remoteOK.com/remote-jobs/l/1087654");
    assertThat(job.postingUrl()).contains("https://remoteOK.com/remote-jobs/remote-senior-rust-engineer-orbital-1087654");
    assertThat(job.postedAt()).contains(Instant.ofEpochSecond(1709640000L));
    assertThat(job.descriptionHtml())
        .isEqualTo("<p>Orbital builds <b>satellite</b> ground software.</p><br><p>We're async &amp; fully remote.</p>");
    assertThat(job.descriptionText()).isEqualTo("Orbital builds satellite ground software.\n\nWe're async & fully remote.");
  }

  @Test
  void zeroSalaryAndMissingApplyUrlMeanNotStated() {
    JobPosting job = parse().get(1);

    assertThat(job.company()).isEqualTo("São Paulo Tech");
    assertThat(job.salary()).isEmpty();
    assertThat(job.locations()).isEmpty();
    assertThat(job.applyUrl()).isEqualTo("https://remoteOK.com/remote-jobs/remote-devrel-sao-paulo-tech-1087655");
    assertThat(job.postingUrl()).isEmpty();
    assertThat(job.descriptionText()).isEqualTo("Talk to developers.");
  }
}
