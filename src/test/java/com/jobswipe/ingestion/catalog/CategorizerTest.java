package com.jobswipe.ingestion.catalog;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.SourceKind;
import com.jobswipe.ingestion.catalog.Categorizer.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static com.jobswipe.ingestion.catalog.SimHashTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CategorizerTest {

  private final Categorizer categorizer = Categorizer.standard();

  /** One realistic posting and what it should be. */
  record Case(String title, String description, String remote, List<String> locations, String family,
              String seniority, String workplace) {
    @Override
    public String toString() {
      return title;
    }
  }

  static Stream<Case> postings() {
    return Stream.of(
        new Case("Senior Backend Engineer", fixture("greenhouse-backend-engineer.txt"), "unknown",
            List.of("Berlin, Germany"), "software_engineering", "senior", "hybrid"),
        new Case("Sr. Site Reliability Engineer",
            "Keep our Kubernetes clusters on GKE healthy, own Terraform modules and SLOs, and join the on-call"
                + " rotation. This is a fully remote position open to candidates in the EU.",
            "unknown", List.of(), "devops_infra", "senior", "remote"),
        new Case("Staff Machine Learning Engineer, Ranking",
            "Train and ship ranking models in PyTorch that decide what millions of users see. We are a"
                + " remote-first company with teammates in 14 countries.",
            "unknown", List.of("Anywhere"), "data_ml", "staff", "remote"),
        new Case("Junior Data Analyst",
            "Build dashboards in Tableau and answer product questions with SQL. You will be in our London office"
                + " 3 days a week, with the rest of the week from home.",
            "unknown", List.of("London, UK"), "data_ml", "junior", "hybrid"),
        new Case("Principal Security Engineer, Cloud",
            "Lead threat modeling for our AWS estate, run the bug bounty and build detection pipelines.",
            "remote", List.of("United States"), "security", "principal", "remote"),
        new Case("QA Automation Engineer II",
            "Write Cypress and Playwright suites for our checkout. The role is on-site at our Austin, TX"
                + " headquarters.",
            "unknown", List.of("Austin, TX"), "qa", "mid", "onsite"),
        new Case("Senior iOS Engineer",
            "Own features of our Swift and SwiftUI app used by 2M people; ship weekly to the App Store.",
            "unknown", List.of("Remote - US"), "mobile", "senior", "remote"),
        new Case("Lead Product Designer",
            "Own the end-to-end design of our onboarding in Figma, from user research to prototypes. Hybrid:"
                + " Tuesdays and Thursdays in our Amsterdam studio.",
            "unknown", List.of("Amsterdam"), "design", "lead", "hybrid"),
        new Case("Senior Product Manager, Payments",
            "Own the payments roadmap, write PRDs and prioritise the backlog with engineering.",
            "unknown", List.of("New York, NY"), "product_management", "senior", "unknown"),
        new Case("Technical Program Manager",
            "Drive cross-team programs for our data center build-out; keep milestones and risks visible.",
            "onsite", List.of("Dublin"), "project_management", "mid", "onsite"),
        new Case("Account Executive, Mid-Market",
            "Own a quota of $900k ARR, run full-cycle sales from discovery to close. Uncapped commission, OTE"
                + " $160k.",
            "unknown", List.of("Chicago, IL"), "sales", "mid", "unknown"),
        new Case("Product Marketing Manager",
            "Own positioning and launches, build sales enablement, run go-to-market for new products.",
            "hybrid", List.of("Toronto"), "marketing", "mid", "hybrid"),
        new Case("Customer Success Manager (German speaking)",
            "Be the trusted advisor for 60 mid-market accounts, drive renewals and reduce churn. Work from home"
                + " anywhere in Germany.",
            "unknown", List.of("Germany"), "customer_success", "mid", "remote"),
        new Case("Staff Accountant",
            "Own month-end close, reconciliations and the general ledger under US GAAP. This is an in-office"
                + " role.",
            "unknown", List.of("Denver, CO"), "finance", "mid", "onsite"),
        new Case("Senior Corporate Counsel",
            "Negotiate commercial contracts, advise on GDPR and support financing rounds. JD and bar admission"
                + " required.",
            "unknown", List.of("San Francisco, CA"), "legal", "senior", "unknown"),
        new Case("Talent Acquisition Partner",
            "Run full-cycle recruiting for engineering roles, partner with hiring managers, source candidates.",
            "remote", List.of("Remote"), "hr", "mid", "remote"),
        new Case("Registered Nurse - ICU (Nights)",
            "Provide patient care in a 24-bed ICU. BLS and ACLS required. On-site, 3x12 hour shifts.",
            "unknown", List.of("Houston, TX"), "healthcare", "mid", "onsite"),
        new Case("High School Math Teacher",
            "Teach Algebra II and Geometry to grades 9-12; design lesson plans and grade coursework.",
            "unknown", List.of("Phoenix, AZ"), "education", "mid", "unknown"),
        new Case("Warehouse Operations Manager",
            "Lead a team of 40 associates across two shifts, own safety, inventory accuracy and throughput.",
            "onsite", List.of("Reno, NV"), "operations", "manager", "onsite"),
        new Case("Software Engineering Intern (Summer 2026)",
            "Spend 12 weeks shipping real features with a mentor. Open to students graduating in 2027.",
            "unknown", List.of("Seattle, WA"), "software_engineering", "intern", "unknown"),
        new Case("Graduate Software Engineer",
            "Join our graduate programme: rotations across backend, frontend and platform teams.",
            "unknown", List.of("Manchester, UK"), "software_engineering", "junior", "unknown"),
        new Case("VP of Engineering",
            "Lead 80 engineers across six teams and own delivery, hiring and engineering culture.",
            "unknown", List.of(), "software_engineering", "executive", "unknown"),
        new Case("Head of Data",
            "Build our data team from scratch: warehouse, dbt models and the first ML use cases.",
            "unknown", List.of(), "data_ml", "director", "unknown"),
        new Case("Engineering Manager, Platform",
            "Manage a team of six backend engineers who own our internal developer platform.",
            "unknown", List.of(), "software_engineering", "manager", "unknown"),
        new Case("Senior Engineer",
            "You will run our Kubernetes platform: Terraform for everything, Helm charts, Prometheus and Grafana"
                + " for observability, and CI/CD pipelines for 200 services. Kubernetes experience is a must.",
            "unknown", List.of(), "devops_infra", "senior", "unknown"),
        new Case("Executive Assistant to the CEO",
            "Own calendar management, travel and board meeting preparation.",
            "unknown", List.of(), "operations", "mid", "unknown"),
        new Case("Chief of Staff",
            "Work with the CEO on planning, OKRs and special projects.",
            "unknown", List.of(), "operations", "director", "unknown"),
        new Case("Solutions Engineer",
            "Run technical demos and proofs of concept with our account executives; 40% travel.",
            "unknown", List.of(), "sales", "mid", "unknown"),
        new Case("Werkstudent Marketing (m/w/d)",
            "Unterstütze unser Team bei Kampagnen und Social Media.",
            "unknown", List.of("München"), "marketing", "intern", "unknown"),
        new Case("Software Engineer III",
            "Build services in Go. This is not a remote role; the team sits together in Zurich.",
            "unknown", List.of("Zurich"), "software_engineering", "senior", "onsite"),
        new Case("Software Engineer I",
            "Build features across our stack with mentoring from senior engineers. We run on hybrid cloud"
                + " infrastructure.",
            "unknown", List.of("Raleigh, NC"), "software_engineering", "junior", "unknown"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("postings")
  void categorisesRealisticPostings(Case c) {
    Category category = categorizer.categorize(posting(c.title(), c.description(), c.remote(), c.locations(),
        Optional.of("full_time")));
    assertThat(category.family()).as("family of %s: %s", c.title(), category.reasons()).isEqualTo(c.family());
    assertThat(category.seniority()).as("seniority of %s: %s", c.title(), category.reasons())
        .isEqualTo(c.seniority());
    assertThat(category.workplace()).as("workplace of %s: %s", c.title(), category.reasons())
        .isEqualTo(c.workplace());
    assertThat(category.reasons()).hasSize(3);
  }

  @Test
  void reasonsNameTheRuleAndTheText() {
    Category category = categorizer.categorize(posting("Sr. Site Reliability Engineer",
        "Fully remote within the EU.", "unknown", List.of(), Optional.empty()));
    assertThat(category.reasons()).satisfiesExactly(
        family -> assertThat(family).startsWith("family devops_infra: title matched \"Site Reliability\""),
        seniority -> assertThat(seniority).startsWith("seniority senior: title matched \"Sr\""),
        workplace -> assertThat(workplace).startsWith("workplace remote: description matched \"Fully remote\""));
  }

  @Test
  void theSourcesRemoteFieldWinsOverText() {
    Category category = categorizer.categorize(posting("Backend Engineer", "Hybrid, 2 days in the office.",
        "remote", List.of(), Optional.empty()));
    assertThat(category.workplace()).isEqualTo("remote");
    assertThat(category.reasons()).contains("workplace remote: stated by the source");
  }

  @Test
  void anInternshipEmploymentTypeMakesAnIntern() {
    Category category = categorizer.categorize(posting("Data Science Summer Program", "Twelve weeks of"
        + " statistics and Python with our analytics team.", "unknown", List.of(), Optional.of("internship")));
    assertThat(category.family()).isEqualTo("data_ml");
    assertThat(category.seniority()).isEqualTo("intern");
  }

  @Test
  void postingsTheRulesCannotPlaceGoToTheFallbackThenOther() {
    JobPosting vague = posting("Business Analyst", "Join a growing team and make an impact from day one.",
        "unknown", List.of(), Optional.empty());
    Category ruled = categorizer.categorize(vague);
    assertThat(ruled.family()).isEqualTo("other");
    assertThat(ruled.reasons().get(0)).contains("no fallback label");

    List<String> asked = new ArrayList<>();
    Category nearest = categorizer.withFallback(text -> {
      asked.add(text);
      return Optional.of("data_ml");
    }).categorize(vague);
    assertThat(nearest.family()).isEqualTo("data_ml");
    assertThat(nearest.reasons().get(0)).startsWith("family data_ml: fallback label");
    assertThat(asked).containsExactly("Business Analyst\n\nJoin a growing team and make an impact from day one.");

    Category unknownLabel = categorizer.withFallback(text -> Optional.of("astronautics")).categorize(vague);
    assertThat(unknownLabel.family()).isEqualTo("other");
    assertThat(unknownLabel.reasons().get(0)).contains("\"astronautics\" is not a family");
  }

  @Test
  void theFallbackIsNotAskedWhenARuleDecides() {
    Categorizer failing = categorizer.withFallback(text -> {
      throw new AssertionError("fallback asked for " + text);
    });
    assertThat(failing.categorize(posting("Android Developer", "", "unknown", List.of(), Optional.empty()))
        .family()).isEqualTo("mobile");
  }

  @Test
  void descriptionKeywordsNeedAClearLead() {
    // Half data (python 1 + sql 1 + airflow 2 + spark 2 = 6), half backend (java 2 + microservices 3 +
    // code reviews 2 + python 1 = 8): 8 < 1.5 x 6, so nothing is guessed.
    Category mixed = categorizer.categorize(posting("Senior Engineer",
        "Python, SQL, Airflow and Spark; Java microservices and code reviews.", "unknown", List.of(),
        Optional.empty()));
    assertThat(mixed.family()).isEqualTo("other");
    assertThat(mixed.reasons().get(0)).contains("software_engineering 8", "runner-up data_ml 6");
  }

  @Test
  void familiesAreTheDocumentedOnes() {
    assertThat(categorizer.families()).containsExactlyInAnyOrder("software_engineering", "data_ml",
        "devops_infra", "security", "qa", "mobile", "design", "product_management", "project_management",
        "sales", "marketing", "customer_success", "finance", "hr", "legal", "operations", "healthcare",
        "education", "other");
    assertThat(categorizer.families()).last().isEqualTo("other");
    assertThat(categorizer.label("devops_infra")).contains("DevOps, SRE & infrastructure");
  }

  @Test
  void aBrokenTaxonomyIsRefusedWhenRead() {
    String badRegex = """
        {"families": [{"id": "other", "title": ["(unclosed"]}],
         "seniority": {"rules": []}, "workplace": {"rules": []}}""";
    assertThatThrownBy(() -> read(badRegex)).isInstanceOf(IOException.class).hasMessageContaining("bad regex");
    String badLevel = """
        {"families": [{"id": "other"}],
         "seniority": {"rules": [{"level": "wizard", "title": ["x"]}]}, "workplace": {"rules": []}}""";
    assertThatThrownBy(() -> read(badLevel)).isInstanceOf(IOException.class).hasMessageContaining("wizard");
  }

  @Test
  void isLoadedOnce() {
    assertThat(Categorizer.standard()).isSameAs(categorizer);
  }

  private static Categorizer read(String json) throws IOException {
    return Categorizer.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static JobPosting posting(String title, String description, String remote, List<String> locations,
                                    Optional<String> employmentType) {
    return new JobPosting(SourceKind.GREENHOUSE, UUID.randomUUID().toString(), title, "Northwind Analytics",
        locations, remote, employmentType, Optional.empty(), description, "", "https://example.com/apply",
        Optional.empty(), Optional.empty());
  }
}
