package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.SourceKind;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SmartRecruitersParserTest {

  private static final URI FIRST = URI.create("https://api.smartrecruiters.com/v1/companies/HelvetiaRobotics/postings?limit=3");
  private static final URI SECOND =
      URI.create("https://api.smartrecruiters.com/v1/companies/HelvetiaRobotics/postings?limit=3&offset=3");

  private static SourceParser.Page parse(String fixture, URI url) {
    return SourceParsers.forKind(SourceKind.SMARTRECRUITERS).parse(Fixtures.bytes(fixture), "application/json", url);
  }

  @Test
  void mapsEveryFieldTheListGives() {
    JobPosting job = parse("smartrecruiters-postings-page1.json", FIRST).postings().get(0);

    assertThat(job.source()).isEqualTo(SourceKind.SMARTRECRUITERS);
    assertThat(job.externalId()).isEqualTo("744000012345678");
    assertThat(job.title()).isEqualTo("Robotics Software Engineer (C++)");
    assertThat(job.company()).isEqualTo("Helvetia Robotics AG");
    assertThat(job.locations()).containsExactly("Zürich, ZH, Switzerland");
    assertThat(job.remote()).isEqualTo("hybrid");
    assertThat(job.employmentType()).contains("full_time");
    assertThat(job.salary()).isEmpty();
    assertThat(job.applyUrl()).isEqualTo("https://jobs.smartrecruiters.com/HelvetiaRobotics/744000012345678");
    assertThat(job.postingUrl()).isEmpty();
    assertThat(job.postedAt()).contains(Instant.parse("2024-03-05T10:14:28.114Z"));
    assertThat(job.descriptionHtml()).as("the list carries no job ad").isEmpty();
    assertThat(job.descriptionText()).isEmpty();
  }

  @Test
  void workplaceComesOnlyFromTheLocationFlags() {
    assertThat(parse("smartrecruiters-postings-page1.json", FIRST).postings())
        .extracting(JobPosting::remote).containsExactly("hybrid", "onsite", "remote");
    assertThat(parse("smartrecruiters-postings-page2.json", SECOND).postings())
        .as("no flags, and remote=false without hybrid: not enough to say onsite")
        .extracting(JobPosting::remote).containsExactly("unknown", "unknown");
  }

  @Test
  void locationsAndEmploymentTypesAreNormalised() {
    JobPosting technician = parse("smartrecruiters-postings-page1.json", FIRST).postings().get(1);
    JobPosting architect = parse("smartrecruiters-postings-page1.json", FIRST).postings().get(2);

    assertThat(technician.locations()).containsExactly("Winterthur, ZH, CH");
    assertThat(technician.employmentType()).contains("temporary");
    assertThat(architect.title()).isEqualTo("Solutions Architect – LATAM");
    assertThat(architect.locations()).containsExactly("São Paulo, SP, BR");
    assertThat(architect.employmentType()).contains("contract");
    assertThat(parse("smartrecruiters-postings-page2.json", SECOND).postings())
        .extracting(p -> p.employmentType().orElseThrow()).containsExactly("part_time", "internship");
  }

  @Test
  void pagesUntilTotalFound() {
    assertThat(parse("smartrecruiters-postings-page1.json", FIRST).next())
        .contains(URI.create("https://api.smartrecruiters.com/v1/companies/HelvetiaRobotics/postings?limit=3&offset=3"));
    SourceParser.Page last = parse("smartrecruiters-postings-page2.json", SECOND);
    assertThat(last.postings()).hasSize(2);
    assertThat(last.next()).as("3 + 2 = totalFound").isEmpty();
  }

  @Test
  void emptyContentEndsPaging() {
    String body = "{\"offset\":100,\"limit\":100,\"totalFound\":250,\"content\":[]}";
    SourceParser.Page page = SourceParsers.forKind(SourceKind.SMARTRECRUITERS).parse(Fixtures.utf8(body), null, FIRST);
    assertThat(page.postings()).isEmpty();
    assertThat(page.next()).isEmpty();
  }
}
