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

class GreenhouseParserTest {

  private static final URI BOARD = URI.create("https://boards-api.greenhouse.io/v1/boards/zephyrhealth/jobs?content=true");

  private static List<JobPosting> parse() {
    SourceParser.Page page = SourceParsers.forKind(SourceKind.GREENHOUSE)
        .parse(Fixtures.bytes("greenhouse-jobs.json"), "application/json; charset=utf-8", BOARD);
    assertThat(page.next()).isEmpty();
    return page.postings();
  }

  @Test
  void mapsEveryFieldOfAPosting() {
    JobPosting job = parse().get(0);

    assertThat(job.source()).isEqualTo(SourceKind.GREENHOUSE);
    assertThat(job.externalId()).isEqualTo("4012345008");
    assertThat(job.title()).isEqualTo("Senior Backend Engineer (Java)");
    assertThat(job.company()).isEqualTo("Zephyr Health");
    assertThat(job.locations()).containsExactly("Zürich, Switzerland");
    assertThat(job.remote()).isEqualTo("hybrid");
    assertThat(job.employmentType()).contains("full_time");
    assertThat(job.salary()).hasValueSatisfying(s -> {
      assertThat(s.min()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("120000"));
      assertThat(s.max()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("150000"));
      assertThat(s.currency()).isEqualTo("CHF");
      assertThat(s.period()).isEqualTo("year");
    });
    assertThat(job.applyUrl()).isEqualTo("https://job-boards.greenhouse.io/zephyrhealth/jobs/4012345008");
    assertThat(job.postingUrl()).isEmpty();
    assertThat(job.postedAt()).contains(Instant.parse("2024-03-01T13:00:00Z"));
    assertThat(job.descriptionHtml()).isEqualTo(
        "<div><p><strong>Zephyr Health</strong> builds software for clinics&nbsp;across Europe.</p></div>"
            + "<h2>What you’ll do</h2><ul><li>Design &amp; run our Java&nbsp;services</li>"
            + "<li>Mentor engineers in Zürich</li></ul>"
            + "<p>We value <a href=\"https://zephyr.example/values\" rel=\"nofollow noopener\">our values</a>"
            + " and <a rel=\"nofollow noopener\">nothing else</a>.</p>"
            + "<div><div>Pay range</div><div><span>CHF 120,000</span><span>—</span><span>CHF 150,000</span></div></div>");
    assertThat(job.descriptionText()).isEqualTo("""
        Zephyr Health builds software for clinics across Europe.

        What you’ll do

        • Design & run our Java services
        • Mentor engineers in Zürich

        We value our values and nothing else.

        Pay range

        CHF 120,000—CHF 150,000""");
  }

  @Test
  void escapedContentIsUnescapedOnceThenSanitised() {
    JobPosting job = parse().get(1);

    assertThat(job.title()).isEqualTo("Data Engineer & Analyst");
    // "Caf&amp;eacute;" on the wire is "Caf&eacute;" in the HTML and "Café" on screen.
    assertThat(job.descriptionHtml()).isEqualTo("<p>Café culture, São Paulo office.</p><p>Tools: SQL, dbt &amp; Airflow.</p>");
    assertThat(job.descriptionText()).isEqualTo("Café culture, São Paulo office.\n\nTools: SQL, dbt & Airflow.");
    assertThat(job.descriptionHtml()).doesNotContain("style", "color:red", "&lt;");
    assertThat(job.locations()).containsExactly("São Paulo, Brazil", "Remote - LATAM");
    // No workplace metadata and a null metadata array: nothing is guessed from "Remote - LATAM".
    assertThat(job.remote()).isEqualTo("unknown");
    assertThat(job.employmentType()).isEmpty();
    assertThat(job.salary()).isEmpty();
    // first_published is null here, so the update time stands in.
    assertThat(job.postedAt()).contains(Instant.parse("2024-02-20T22:00:03Z"));
  }

  @Test
  void sparsePostingFallsBackToOfficesAndKeepsAnEmptyDescription() {
    JobPosting job = parse().get(2);

    assertThat(job.title()).isEqualTo("Product Designer");
    assertThat(job.locations()).containsExactly("New York");
    assertThat(job.remote()).isEqualTo("remote");
    assertThat(job.salary()).as("a currency_range with a null value states no pay").isEmpty();
    assertThat(job.descriptionHtml()).isEmpty();
    assertThat(job.descriptionText()).isEmpty();
  }

  @Test
  void skipsJobsWithoutATitle() {
    assertThat(parse()).extracting(JobPosting::externalId)
        .containsExactly("4012345008", "4012399008", "4012400008");
  }

  @Test
  void companyComesFromConfigThenPayloadThenBoardToken() {
    String noName = """
        {"jobs":[{"id":1,"title":"Engineer","absolute_url":"https://job-boards.greenhouse.io/acme-corp/jobs/1"}]}""";
    String withName = """
        {"jobs":[{"id":1,"title":"Engineer","company_name":"ACME Corporation",
                  "absolute_url":"https://job-boards.greenhouse.io/acme-corp/jobs/1"}]}""";
    URI url = URI.create("https://boards-api.greenhouse.io/v1/boards/acme-corp/jobs?content=true");

    assertThat(company(noName, Optional.empty(), url)).isEqualTo("Acme Corp");
    assertThat(company(withName, Optional.empty(), url)).isEqualTo("ACME Corporation");
    assertThat(company(withName, Optional.of(" Acme &amp; Sons "), url)).isEqualTo("Acme & Sons");
  }

  @Test
  void salaryWithoutAStatedPeriodIsKeptOnlyWhenClearlyYearly() {
    String body = """
        {"jobs":[
          {"id":1,"title":"A","absolute_url":"https://x.example/1","metadata":[
            {"name":"Salary Range","value_type":"currency_range","value":{"unit":"USD","min_value":"95000.0","max_value":"120000.0"}}]},
          {"id":2,"title":"B","absolute_url":"https://x.example/2","metadata":[
            {"name":"Salary Range","value_type":"currency_range","value":{"unit":"USD","min_value":"45.0","max_value":"60.0"}}]},
          {"id":3,"title":"C","absolute_url":"https://x.example/3","metadata":[
            {"name":"Pay Frequency","value_type":"single_select","value":"Hourly"},
            {"name":"Salary Range","value_type":"currency_range","value":{"unit":"USD","min_value":"45.0","max_value":"60.0"}}]}
        ]}""";
    List<JobPosting> jobs = SourceParsers.forKind(SourceKind.GREENHOUSE).parse(Fixtures.utf8(body), null, BOARD).postings();

    assertThat(jobs.get(0).salary()).contains(new Salary(Optional.of(new BigDecimal("95000")),
        Optional.of(new BigDecimal("120000")), "USD", "year"));
    assertThat(jobs.get(1).salary()).isEmpty();
    assertThat(jobs.get(2).salary()).contains(new Salary(Optional.of(new BigDecimal("45")),
        Optional.of(new BigDecimal("60")), "USD", "hour"));
  }

  @Test
  void rejectsBodiesThatAreNotABoard() {
    SourceParser parser = SourceParsers.forKind(SourceKind.GREENHOUSE);
    assertThatThrownBy(() -> parser.parse(Fixtures.utf8("<html>502 Bad Gateway</html>"), "text/html", BOARD))
        .isInstanceOf(SourceFormatException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parser.parse(Fixtures.utf8("[]"), "application/json", BOARD))
        .isInstanceOf(SourceFormatException.class).hasMessageContaining("object");
    assertThatThrownBy(() -> parser.parse(Fixtures.utf8("{\"status\":404,\"error\":\"Not found\"}"), "application/json", BOARD))
        .isInstanceOf(SourceFormatException.class).hasMessageContaining("no jobs");
    assertThatThrownBy(() -> parser.parse(new byte[0], "application/json", BOARD))
        .isInstanceOf(SourceFormatException.class);
  }

  private static String company(String body, Optional<String> configured, URI url) {
    return SourceParsers.forKind(SourceKind.GREENHOUSE, configured).parse(Fixtures.utf8(body), null, url)
        .postings().get(0).company();
  }
}
