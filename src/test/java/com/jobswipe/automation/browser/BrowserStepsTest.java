package com.jobswipe.automation.browser;

import com.jobswipe.net.AddressPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a step can go wrong comes back as a typed outcome, never as a Playwright exception. */
@ExtendWith(TestBrowsers.class)
class BrowserStepsTest {

  private static AtsReplicas replicas;
  private static BrowserPool pool;

  @BeforeAll
  static void start() {
    replicas = TestBrowsers.replicas();
    pool = TestBrowsers.pool();
  }

  @Test
  void aStepThatOverrunsItsTimeoutIsATypedTimeout() {
    try (FormRun run = pool.newRun(Duration.ofMillis(1500)).value()) {
      long started = System.nanoTime();
      StepOutcome<Opened> opened = run.open(URI.create(replicas.url("/hang")));
      long ms = (System.nanoTime() - started) / 1_000_000;

      assertThat(opened.failure()).hasValueSatisfying(f -> {
        assertThat(f.kind()).isEqualTo(StepFailure.Kind.TIMEOUT);
        assertThat(f.submitMayHaveHappened()).isFalse();
      });
      // Not before the step's timeout; the upper bound only tells "timed out" from "hung".
      assertThat(ms).isBetween(1_400L, 60_000L);
    }
  }

  @Test
  void aMissingPostingIsGone() {
    try (FormRun run = pool.newRun().value()) {
      assertThat(run.open(URI.create(replicas.url("/greenhouse/acme/jobs/999"))).failure())
          .map(StepFailure::kind).contains(StepFailure.Kind.GONE);
    }
  }

  @Test
  void onlyHttpUrlsAreOpened() {
    try (FormRun run = pool.newRun().value()) {
      assertThat(run.open(URI.create("file:///etc/passwd")).failure()).map(StepFailure::kind)
          .contains(StepFailure.Kind.URL_NOT_ALLOWED);
      assertThat(run.open(URI.create("javascript:alert(1)")).failure()).map(StepFailure::kind)
          .contains(StepFailure.Kind.URL_NOT_ALLOWED);
    }
  }

  @Test
  void privateHostsAreRefusedUnlessAllowed() {
    BrowserPool.Options guarded = new BrowserPool.Options(TestBrowsers.CHROMIUM, 1, Duration.ofSeconds(5),
        Duration.ofSeconds(5), new AddressPolicy(false), List.of());
    // Refused before any browser starts: the guard looks at the URL on the caller's thread.
    try (BrowserPool strict = TestBrowsers.start(TestBrowsers.vertx(), guarded)) {
      NavigationGuard guard = new NavigationGuard(strict.options().policy());
      assertThat(guard.refuseStart(URI.create(replicas.url("/careers/apply/kotlin-engineer")))).isPresent();
      assertThat(guard.refuseStart(URI.create("http://169.254.169.254/latest/meta-data/"))).isPresent();
      assertThat(guard.allowsRequest("http://10.1.2.3/admin")).isFalse();
      assertThat(guard.allowsRequest("https://[fd00::1]/")).isFalse();
      assertThat(guard.allowsRequest("https://93.184.215.14/apply")).isTrue();
      assertThat(guard.allowsRequest("data:image/png;base64,AAAA")).isTrue();
    }
  }

  @Test
  void aSubmitControlUnderACookieWallIsNeverClicked() throws Exception {
    java.nio.file.Path resume = java.nio.file.Files.createTempFile("resume-", ".pdf");
    java.nio.file.Files.writeString(resume, "%PDF-1.4\n%%EOF\n");
    Applicant applicant = Applicant.builder().name("Jane", "Doe").email("jane@example.org")
        .resume(resume, "cv.pdf", "application/pdf")
        .answer("How many years of professional Kotlin experience do you have?", "1-3").build();
    try (FormRun run = pool.newRun(Duration.ofSeconds(3)).value()) {
      run.open(URI.create(replicas.url("/careers/apply/kotlin-engineer-eu"))).value();
      assertThat(run.fill(applicant).value().readyToSubmit()).isTrue();

      StepFailure failure = run.submit().failure().orElseThrow();

      assertThat(failure.kind()).isIn(StepFailure.Kind.NO_SUBMIT_BUTTON, StepFailure.Kind.TIMEOUT);
      assertThat(failure.submitMayHaveHappened()).as("the click was never dispatched").isFalse();
    } finally {
      java.nio.file.Files.deleteIfExists(resume);
    }
    assertThat(replicas.submissionsTo("/careers/apply/")).isEmpty();
  }

  @Test
  void stepsOutOfOrderAreRefusedWithoutTouchingThePage() {
    try (FormRun run = pool.newRun().value()) {
      assertThat(run.fill(Applicant.builder().name("Jane", "Doe").email("jane@example.org").build()).failure()).map(StepFailure::kind)
          .contains(StepFailure.Kind.NOT_READY);
      assertThat(run.submit().failure()).map(StepFailure::kind).contains(StepFailure.Kind.NOT_READY);
      assertThat(run.confirmation().failure()).map(StepFailure::kind).contains(StepFailure.Kind.NOT_READY);
    }
  }

  @Test
  void aClosedRunRefusesEveryStepAndItsBrowserServesTheNext() {
    FormRun run = pool.newRun().value();
    run.close();
    assertThat(run.open(URI.create(replicas.url("/careers/apply/kotlin-engineer"))).failure())
        .map(StepFailure::kind).contains(StepFailure.Kind.CLOSED);
    try (FormRun next = pool.newRun().value()) {
      assertThat(next.open(URI.create(replicas.url("/careers/apply/kotlin-engineer"))).isOk()).isTrue();
    }
  }

  @Test
  void aMissingBrowserIsReportedNotThrown() {
    BrowserPool.Options nowhere = new BrowserPool.Options(java.nio.file.Path.of("/nonexistent/chromium"), 1,
        Duration.ofSeconds(5), Duration.ofSeconds(5), new AddressPolicy(true), List.of());
    try (BrowserPool missing = TestBrowsers.start(TestBrowsers.vertx(), nowhere)) {
      assertThat(missing.available()).isFalse();
      assertThat(missing.newRun().failure()).map(StepFailure::kind).contains(StepFailure.Kind.BROWSER_UNAVAILABLE);
    }
  }
}
