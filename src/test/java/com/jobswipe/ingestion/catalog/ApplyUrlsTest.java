package com.jobswipe.ingestion.catalog;

import com.jobswipe.ingestion.catalog.ApplyUrls.AtsTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApplyUrlsTest {

  @Test
  void everyGreenhouseFormOfOneJobHasOneKey() {
    List<String> urls = List.of(
        "https://boards.greenhouse.io/stripe/jobs/5956528",
        "https://boards.greenhouse.io/stripe/jobs/5956528?gh_src=8a2b1c3d1us",
        "http://boards.greenhouse.io/stripe/jobs/5956528#app",
        "https://job-boards.greenhouse.io/stripe/jobs/5956528",
        "https://job-boards.greenhouse.io/stripe/jobs/5956528/",
        "https://boards.greenhouse.io/embed/job_app?for=stripe&token=5956528",
        "https://boards.greenhouse.io/embed/job_app?token=5956528&for=stripe&b=https%3A%2F%2Fstripe.com%2Fjobs",
        "https://boards-api.greenhouse.io/v1/boards/stripe/jobs/5956528",
        "https://stripe.com/jobs/listing/backend-engineer/5956528?gh_jid=5956528",
        "https://www.example-company.com/careers/open-roles/?gh_jid=5956528&gh_src=linkedin",
        "  https://BOARDS.GREENHOUSE.IO/Stripe/jobs/05956528  ");
    assertThat(urls).allSatisfy(url -> {
      AtsTarget target = ApplyUrls.detect(url);
      assertThat(target.kind()).as(url).isEqualTo("greenhouse");
      assertThat(target.canonicalUrl()).as(url).isEqualTo("greenhouse:5956528");
    });
  }

  @Test
  void greenhouseDomainIsTheHostOfTheForm() {
    assertThat(ApplyUrls.detect("https://boards.greenhouse.io/stripe/jobs/5956528").domain())
        .isEqualTo("boards.greenhouse.io");
    assertThat(ApplyUrls.detect("https://job-boards.eu.greenhouse.io/deliveryhero/jobs/4412093101"))
        .isEqualTo(new AtsTarget("greenhouse", "job-boards.eu.greenhouse.io", "greenhouse:4412093101"));
    assertThat(ApplyUrls.detect("https://careers.Example-Company.com/open-roles?gh_jid=7012345"))
        .isEqualTo(new AtsTarget("greenhouse", "careers.example-company.com", "greenhouse:7012345"));
  }

  @Test
  void differentGreenhouseJobsHaveDifferentKeys() {
    assertThat(ApplyUrls.detect("https://boards.greenhouse.io/stripe/jobs/5956528").canonicalUrl())
        .isNotEqualTo(ApplyUrls.detect("https://boards.greenhouse.io/stripe/jobs/5956529").canonicalUrl());
  }

  @Test
  void greenhousePagesThatAreNotJobsAreGeneric() {
    assertThat(ApplyUrls.detect("https://boards.greenhouse.io/stripe"))
        .isEqualTo(new AtsTarget("generic", "boards.greenhouse.io", "https://boards.greenhouse.io/stripe"));
    assertThat(ApplyUrls.detect("https://boards.greenhouse.io/embed/job_board?for=stripe").kind())
        .isEqualTo("generic");
    assertThat(ApplyUrls.detect("https://boards.greenhouse.io/stripe/jobs/not-a-number").kind())
        .isEqualTo("generic");
    assertThat(ApplyUrls.detect("https://acme.com/careers?gh_jid=abc").kind()).isEqualTo("generic");
  }

  @Test
  void leverPostingAndApplyPageAreOneJob() {
    String canonical = "https://jobs.lever.co/netflix/8e4b2f1a-6c3d-4e5f-9a0b-1c2d3e4f5a6b";
    for (String url : List.of(
        "https://jobs.lever.co/netflix/8e4b2f1a-6c3d-4e5f-9a0b-1c2d3e4f5a6b",
        "https://jobs.lever.co/netflix/8e4b2f1a-6c3d-4e5f-9a0b-1c2d3e4f5a6b/apply",
        "https://jobs.lever.co/netflix/8e4b2f1a-6c3d-4e5f-9a0b-1c2d3e4f5a6b/apply?lever-source=LinkedIn",
        "https://jobs.lever.co/Netflix/8E4B2F1A-6C3D-4E5F-9A0B-1C2D3E4F5A6B?lever-via=abc&utm_source=x",
        "jobs.lever.co/netflix/8e4b2f1a-6c3d-4e5f-9a0b-1c2d3e4f5a6b/")) {
      assertThat(ApplyUrls.detect(url)).as(url).isEqualTo(new AtsTarget("lever", "jobs.lever.co", canonical));
    }
  }

  @Test
  void leverEuKeepsItsHost() {
    assertThat(ApplyUrls.detect("https://jobs.eu.lever.co/personio/0b7c3e2d-1a2b-4c3d-8e9f-0a1b2c3d4e5f/apply"))
        .isEqualTo(new AtsTarget("lever", "jobs.eu.lever.co",
            "https://jobs.eu.lever.co/personio/0b7c3e2d-1a2b-4c3d-8e9f-0a1b2c3d4e5f"));
    assertThat(ApplyUrls.detect("https://jobs.lever.co/netflix").kind()).isEqualTo("generic");
    assertThat(ApplyUrls.detect("https://jobs.lever.co/netflix/not-a-uuid").kind()).isEqualTo("generic");
  }

  @Test
  void ashbyPostingAndApplicationAreOneJob() {
    String canonical = "https://jobs.ashbyhq.com/ramp/4a1f8c2e-9b7d-4e3a-a6c5-2d8f0e1b3c7a";
    for (String url : List.of(
        "https://jobs.ashbyhq.com/ramp/4a1f8c2e-9b7d-4e3a-a6c5-2d8f0e1b3c7a",
        "https://jobs.ashbyhq.com/ramp/4a1f8c2e-9b7d-4e3a-a6c5-2d8f0e1b3c7a/application",
        "https://jobs.ashbyhq.com/Ramp/4a1f8c2e-9b7d-4e3a-a6c5-2d8f0e1b3c7a/application?utm_source=Remotive",
        "https://jobs.ashbyhq.com/ramp/4a1f8c2e-9b7d-4e3a-a6c5-2d8f0e1b3c7a?src=LinkedIn#overview")) {
      assertThat(ApplyUrls.detect(url)).as(url).isEqualTo(new AtsTarget("ashby", "jobs.ashbyhq.com", canonical));
    }
    assertThat(ApplyUrls.detect("https://jobs.ashbyhq.com/ramp").kind()).isEqualTo("generic");
  }

  @Test
  void workableAccountAndShortLinksAreOneJob() {
    String canonical = "https://apply.workable.com/j/8F5A1B2C3D";
    for (String url : List.of(
        "https://apply.workable.com/hotjar/j/8F5A1B2C3D/",
        "https://apply.workable.com/hotjar/j/8F5A1B2C3D/apply",
        "https://apply.workable.com/hotjar/j/8f5a1b2c3d?utm_medium=jobboard",
        "https://apply.workable.com/j/8F5A1B2C3D")) {
      assertThat(ApplyUrls.detect(url)).as(url)
          .isEqualTo(new AtsTarget("workable", "apply.workable.com", canonical));
    }
    assertThat(ApplyUrls.detect("https://apply.workable.com/hotjar/").kind()).isEqualTo("generic");
  }

  @Test
  void smartRecruitersDropsTheTitleSlug() {
    String canonical = "https://jobs.smartrecruiters.com/boschgroup/744000012345678";
    for (String url : List.of(
        "https://jobs.smartrecruiters.com/BoschGroup/744000012345678-senior-backend-engineer-java-",
        "https://jobs.smartrecruiters.com/BoschGroup/744000012345678-senior-backend-engineer-java-f-m-div-",
        "https://jobs.smartrecruiters.com/boschgroup/744000012345678?trid=abc")) {
      assertThat(ApplyUrls.detect(url)).as(url)
          .isEqualTo(new AtsTarget("smartrecruiters", "jobs.smartrecruiters.com", canonical));
    }
    assertThat(ApplyUrls.detect("https://jobs.smartrecruiters.com/BoschGroup").kind()).isEqualTo("generic");
  }

  @Test
  void genericUrlsAreNormalised() {
    assertThat(ApplyUrls.detect(
        "HTTPS://Careers.Example.COM:443/Jobs/Backend-Engineer/?utm_source=linkedin&b=2&UTM_Campaign=x&a=1"
            + "&gclid=abc&fbclid=def&ref=hn&source=remotive#apply"))
        .isEqualTo(new AtsTarget("generic", "careers.example.com",
            "https://careers.example.com/Jobs/Backend-Engineer?a=1&b=2"));
    assertThat(ApplyUrls.normalize("http://example.com:80/")).isEqualTo("http://example.com");
    assertThat(ApplyUrls.normalize("http://example.com:8080/jobs//")).isEqualTo("http://example.com:8080/jobs");
    assertThat(ApplyUrls.normalize("https://user:secret@example.com./apply?id=7"))
        .isEqualTo("https://example.com/apply?id=7");
    assertThat(ApplyUrls.normalize("https://example.com/apply?b=2&a=3&a=1&&"))
        .isEqualTo("https://example.com/apply?a=1&a=3&b=2");
    assertThat(ApplyUrls.normalize("https://example.com/apply?utm_source=x&utm_medium=y"))
        .isEqualTo("https://example.com/apply");
  }

  @Test
  void trackingParametersDoNotSplitOneGenericJob() {
    assertThat(ApplyUrls.detect("https://remoteok.com/remote-jobs/123456-backend-engineer?ref=rss").canonicalUrl())
        .isEqualTo(ApplyUrls.detect("https://remoteok.com/remote-jobs/123456-backend-engineer/#top").canonicalUrl());
  }

  @Test
  void pathAndValuesKeepTheirCase() {
    assertThat(ApplyUrls.normalize("https://example.com/Apply?jobId=AbC"))
        .isEqualTo("https://example.com/Apply?jobId=AbC");
  }

  @Test
  void nonWebAddressesAreGenericWithoutDomain() {
    assertThat(ApplyUrls.detect("mailto:jobs@example.com"))
        .isEqualTo(new AtsTarget("generic", "", "mailto:jobs@example.com"));
    assertThat(ApplyUrls.detect("   ")).isEqualTo(new AtsTarget("generic", "", ""));
    assertThat(ApplyUrls.detect("Apply via our website")).isEqualTo(
        new AtsTarget("generic", "", "Apply via our website"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://boards.greenhouse.io/stripe/jobs/5956528?gh_src=x",
      "https://careers.example.com/?gh_jid=42",
      "https://jobs.eu.lever.co/personio/0b7c3e2d-1a2b-4c3d-8e9f-0a1b2c3d4e5f/apply",
      "https://jobs.ashbyhq.com/Ramp/4a1f8c2e-9b7d-4e3a-a6c5-2d8f0e1b3c7a/application",
      "https://apply.workable.com/hotjar/j/8f5a1b2c3d/apply",
      "https://jobs.smartrecruiters.com/BoschGroup/744000012345678-senior-backend-engineer",
      "HTTP://Example.com:80/a/?z=1&utm_source=x&a=2#frag",
      "mailto:jobs@example.com"})
  void detectingACanonicalKeyAgainChangesNothing(String url) {
    AtsTarget first = ApplyUrls.detect(url);
    AtsTarget again = ApplyUrls.detect(first.canonicalUrl());
    assertThat(again.kind()).isEqualTo(first.kind());
    assertThat(again.canonicalUrl()).isEqualTo(first.canonicalUrl());
  }
}
