package com.jobswipe.automation.browser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Each captcha kind on a replica page, seen by real Chromium, reported with a screenshot. */
@ExtendWith(TestBrowsers.class)
class CaptchaPagesTest {

  private static AtsReplicas replicas;
  private static BrowserPool pool;

  @BeforeAll
  static void start() {
    replicas = TestBrowsers.replicas();
    pool = TestBrowsers.pool();
  }

  private static CaptchaReport check(String path, boolean formExpected) {
    try (FormRun run = pool.newRun().value()) {
      Opened opened = run.open(URI.create(replicas.url(path))).value();
      assertThat(opened.formFound()).isEqualTo(formExpected);
      return run.detectCaptcha().value();
    }
  }

  private static void assertBlocking(CaptchaReport report, CaptchaKind kind) {
    assertThat(report.captcha()).map(Captcha::kind).contains(kind);
    assertThat(report.blocking()).isTrue();
    assertThat(report.screenshot()).startsWith(AtsFormsTest.PNG);
  }

  @Test
  void recaptchaWidget() {
    assertBlocking(check("/captcha/recaptcha", true), CaptchaKind.RECAPTCHA_V2);
  }

  @Test
  void hcaptchaWidget() {
    assertBlocking(check("/captcha/hcaptcha", true), CaptchaKind.HCAPTCHA);
  }

  @Test
  void cloudflareTurnstile() {
    assertBlocking(check("/captcha/turnstile", true), CaptchaKind.CLOUDFLARE_TURNSTILE);
  }

  @Test
  void cloudflareChallengePageOpensWithoutWaitingForAForm() {
    try (FormRun run = pool.newRun().value()) {
      long started = System.nanoTime();
      Opened opened = run.open(URI.create(replicas.url("/captcha/cloudflare"))).value();
      assertThat(opened.status()).isEqualTo(403);
      assertThat(opened.formFound()).isFalse();
      // Waiting for a form that never comes would take the whole 20 s step timeout; half of it tells the two apart
      // on a busy machine.
      assertThat((System.nanoTime() - started) / 1_000_000).as("ms to open").isLessThan(10_000);
      assertBlocking(run.detectCaptcha().value(), CaptchaKind.CLOUDFLARE_CHALLENGE);
      assertThat(run.fill(Applicant.builder().name("Jane", "Doe").email("jane@example.org").build()).failure()).map(StepFailure::kind)
          .contains(StepFailure.Kind.NO_FORM);
    }
  }

  @Test
  void anOrdinaryFormHasNone() {
    CaptchaReport report = check("/careers/apply/kotlin-engineer", true);
    assertThat(report.found()).isFalse();
    assertThat(report.screenshot()).isEmpty();
  }
}
