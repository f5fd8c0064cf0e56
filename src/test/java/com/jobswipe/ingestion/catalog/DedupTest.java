package com.jobswipe.ingestion.catalog;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.SourceKind;
import com.jobswipe.ingestion.catalog.Dedup.Candidate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.jobswipe.ingestion.catalog.SimHashTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

class DedupTest {

  private static final String BACKEND = fixture("greenhouse-backend-engineer.txt");
  private static final String BACKEND_COPY = fixture("aggregator-backend-engineer.txt");
  private static final String FRONTEND = fixture("greenhouse-frontend-engineer.txt");

  private static JobPosting posting(SourceKind source, String company, String title, String description,
                                    String applyUrl) {
    return new JobPosting(source, UUID.randomUUID().toString(), title, company, List.of("Berlin, Germany"),
        "unknown", Optional.of("full_time"), Optional.empty(), description, "", applyUrl, Optional.empty(),
        Optional.empty());
  }

  private static boolean same(JobPosting fresh, JobPosting stored) {
    Candidate existing = Candidate.of(UUID.randomUUID(), stored);
    return Dedup.sameJob(fresh, SimHash.of(fresh.descriptionText()),
        ApplyUrls.detect(fresh.applyUrl()).canonicalUrl(), existing);
  }

  private final JobPosting onGreenhouse = posting(SourceKind.GREENHOUSE, "Northwind Analytics GmbH",
      "Senior Backend Engineer", BACKEND, "https://boards.greenhouse.io/northwind/jobs/6123456");

  @Test
  void anAggregatorCopyOfABoardPostingIsTheSameJob() {
    JobPosting onRss = posting(SourceKind.RSS, "Northwind Analytics", "Sr. Backend Engineer (Remote)",
        BACKEND_COPY, "https://remotehub.example/jobs/88123-sr-backend-engineer?utm_source=rss");
    assertThat(same(onRss, onGreenhouse)).isTrue();
    assertThat(same(onGreenhouse, onRss)).isTrue();
  }

  @Test
  void twoRolesAtOneCompanyAreDifferentJobs() {
    JobPosting frontend = posting(SourceKind.GREENHOUSE, "Northwind Analytics GmbH", "Senior Frontend Engineer",
        FRONTEND, "https://boards.greenhouse.io/northwind/jobs/6123999");
    assertThat(same(frontend, onGreenhouse)).isFalse();
    // Even with the same description text, the title gate holds.
    JobPosting relabelled = posting(SourceKind.RSS, "Northwind Analytics", "Senior Data Engineer", BACKEND_COPY,
        "https://remotehub.example/jobs/88124");
    assertThat(same(relabelled, onGreenhouse)).isFalse();
  }

  @Test
  void oneTitleAtTwoCompaniesIsTwoJobs() {
    JobPosting elsewhere = posting(SourceKind.LEVER, "Contoso Logistics Inc.", "Senior Backend Engineer", BACKEND,
        "https://jobs.lever.co/contoso/8e4b2f1a-6c3d-4e5f-9a0b-1c2d3e4f5a6b");
    assertThat(same(elsewhere, onGreenhouse)).isFalse();
  }

  @Test
  void equalCanonicalUrlsAreTheSameJobWhateverTheText() {
    JobPosting careersPage = posting(SourceKind.RSS, "Northwind", "Backend Engineer, Routing", "See website.",
        "https://northwind.example/careers/?gh_jid=6123456&gh_src=rss");
    assertThat(same(careersPage, onGreenhouse)).isTrue();
  }

  @Test
  void twoRequisitionsOfOneAtsStayApartEvenWithIdenticalText() {
    JobPosting lisbon = posting(SourceKind.GREENHOUSE, "Northwind Analytics GmbH", "Senior Backend Engineer",
        BACKEND, "https://boards.greenhouse.io/northwind/jobs/6123457");
    assertThat(same(lisbon, onGreenhouse)).isFalse();
  }

  @Test
  void shortDescriptionsNeedEqualTitles() {
    String teaserText = "Northwind Analytics is hiring: Senior Backend Engineer (Java, Kafka). Berlin or remote.";
    JobPosting teaser = posting(SourceKind.REMOTIVE, "Northwind Analytics", "Senior Backend Engineer, Routing Platform",
        teaserText, "https://remotive.example/j/1");
    JobPosting reordered = posting(SourceKind.RSS, "Northwind Analytics, Inc.", "Routing Platform: Sr Backend Engineer",
        teaserText, "https://feeds.example/j/2");
    // 5 of 6 words shared passes the title gate and the texts are identical, but short texts need equal titles.
    JobPosting teamTeaser = posting(SourceKind.RSS, "Northwind Analytics",
        "Senior Backend Engineer, Routing Platform Team", teaserText, "https://feeds.example/j/3");
    assertThat(Dedup.titleSimilarity(teamTeaser.title(), teaser.title()))
        .isGreaterThanOrEqualTo(Dedup.MIN_TITLE_SIMILARITY);
    assertThat(same(reordered, teaser)).isTrue();
    assertThat(same(teamTeaser, teaser)).isFalse();
  }

  @Test
  void aTeaserAgainstAFullTextIsDecidedBySimHash() {
    JobPosting teaser = posting(SourceKind.REMOTIVE, "Northwind Analytics", "Senior Backend Engineer",
        "Join Northwind to build routing services in Java.", "https://remotive.example/j/1");
    assertThat(same(teaser, onGreenhouse)).isFalse();
  }

  @Test
  void candidatesWithoutALengthNeverUseTheShortRule() {
    JobPosting teaser = posting(SourceKind.RSS, "Northwind", "Senior Backend Engineer", "Java, Kafka, Berlin.",
        "https://feeds.example/j/9");
    Candidate unknownLength = new Candidate(UUID.randomUUID(), "Northwind", "Senior Backend Engineer",
        SimHash.of("Something else entirely, about routing and vehicles and maps."), "https://feeds.example/j/8");
    assertThat(Dedup.sameJob(teaser, SimHash.of(teaser.descriptionText()), "https://feeds.example/j/9",
        unknownLength)).isFalse();
  }

  @Test
  void blankCanonicalUrlsNeverMatchExactly() {
    JobPosting a = posting(SourceKind.RSS, "Acme", "Welder", "", "");
    Candidate b = new Candidate(UUID.randomUUID(), "Other Corp", "Accountant", 0L, "", 0);
    assertThat(Dedup.sameJob(a, 0L, "", b)).isFalse();
  }

  @Test
  void companyNamesIgnoreCasePunctuationAndLegalForms() {
    assertThat(Dedup.normalizedCompany("Acme, Inc.")).isEqualTo("acme");
    assertThat(Dedup.normalizedCompany("ACME Inc")).isEqualTo("acme");
    assertThat(Dedup.normalizedCompany("Acme LLC")).isEqualTo("acme");
    assertThat(Dedup.normalizedCompany("Acme Ltd.")).isEqualTo("acme");
    assertThat(Dedup.normalizedCompany("Müller Logistik GmbH & Co. KG")).isEqualTo("mullerlogistik");
    assertThat(Dedup.normalizedCompany("The Walt Disney Company")).isEqualTo("waltdisney");
    assertThat(Dedup.normalizedCompany("Procter & Gamble Co."))
        .isEqualTo(Dedup.normalizedCompany("Procter and Gamble"));
    assertThat(Dedup.normalizedCompany("Booking.com B.V.")).isEqualTo("bookingcom");
    assertThat(Dedup.normalizedCompany("Open AI")).isEqualTo(Dedup.normalizedCompany("OpenAI"));
    assertThat(Dedup.normalizedCompany("Klarna AB")).isEqualTo("klarna");
    assertThat(Dedup.normalizedCompany("Inc")).isEqualTo("inc");
    assertThat(Dedup.normalizedCompany("  ")).isEmpty();
    assertThat(Dedup.normalizedCompany("Acme")).isNotEqualTo(Dedup.normalizedCompany("Acme Health"));
  }

  @Test
  void titleSimilarityExpandsSeniorityAbbreviations() {
    assertThat(Dedup.titleSimilarity("Sr. Backend Engineer", "Senior Backend Engineer")).isEqualTo(1.0);
    assertThat(Dedup.titleSimilarity("Jr Data Analyst", "Junior Data Analyst")).isEqualTo(1.0);
    assertThat(Dedup.titleSimilarity("Senior Back-End Engineer (m/w/d)", "Senior Backend Engineer")).isEqualTo(1.0);
    assertThat(Dedup.titleSimilarity("Engineer, Backend (Senior) - Remote", "Senior Backend Engineer"))
        .isEqualTo(1.0);
    assertThat(Dedup.titleSimilarity("SRE", "Site Reliability Engineer")).isEqualTo(1.0);
    assertThat(Dedup.titleSimilarity("C++ Developer", "C# Developer")).isLessThan(Dedup.MIN_TITLE_SIMILARITY);
    assertThat(Dedup.titleSimilarity("Senior Backend Engineer", "Senior Frontend Engineer")).isEqualTo(0.5);
    assertThat(Dedup.titleSimilarity("Senior Backend Engineer", "Backend Engineer"))
        .isLessThan(Dedup.MIN_TITLE_SIMILARITY);
    assertThat(Dedup.titleSimilarity("Senior Backend Engineer, Routing Platform Team",
        "Senior Backend Engineer, Routing Platform")).isGreaterThanOrEqualTo(Dedup.MIN_TITLE_SIMILARITY);
  }

  @Test
  void contentHashChangesWithWordingNotWithLayout() {
    JobPosting reflowed = posting(SourceKind.GREENHOUSE, "Northwind Analytics GmbH", " Senior Backend Engineer ",
        BACKEND.replace("\n\n", "\n \n").replace(" ", "\u00a0 "),
        "https://boards.greenhouse.io/northwind/jobs/6123456");
    JobPosting edited = posting(SourceKind.GREENHOUSE, "Northwind Analytics GmbH", "Senior Backend Engineer",
        BACKEND.replace("5+ years", "7+ years"), "https://boards.greenhouse.io/northwind/jobs/6123456");
    assertThat(Dedup.contentHash(onGreenhouse)).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(Dedup.contentHash(reflowed)).isEqualTo(Dedup.contentHash(onGreenhouse));
    assertThat(Dedup.contentHash(edited)).isNotEqualTo(Dedup.contentHash(onGreenhouse));
  }

  @Test
  void contentHashKeepsFieldsApart() {
    JobPosting a = posting(SourceKind.RSS, "Acme", "Engineer", "Builds things", "https://a.example");
    JobPosting b = posting(SourceKind.RSS, "Acme Engineer", "", "Builds things", "https://a.example");
    assertThat(Dedup.contentHash(a)).isNotEqualTo(Dedup.contentHash(b));
  }
}
