/**
 * The browser side of application automation: a library the automation runner calls, with no database, bus or
 * queue in it.
 *
 * <pre>{@code
 * BrowserPool pool = BrowserPool.start(vertx, BrowserPool.Options.from(automationConfig, fetchConfig), metrics)
 *     .await();                                         // its egress proxy deployed; from a worker thread
 * try (FormRun run = pool.newRun().value()) {          // a fresh context in a pooled Chromium
 *   run.open(applyUrl);                                 // StepOutcome<Opened>
 *   run.detectCaptcha();                                // StepOutcome<CaptchaReport>: kind + screenshot
 *   run.fill(applicant);                                // StepOutcome<FillReport>: names filled, pending questions
 *   run.submit();                                       // StepOutcome<SubmitReport>: one click, at most
 *   run.confirmation();                                 // StepOutcome<ConfirmationReport>: thank-you page or not
 * }
 * }</pre>
 *
 * <p>Pure and unit-tested: {@link com.jobswipe.automation.browser.FieldMapper} (what a field asks for),
 * {@link com.jobswipe.automation.browser.FillPlanner} (what is filled, left blank or asked of a human),
 * {@link com.jobswipe.automation.browser.CaptchaDetector}. The rest drives Chromium through Playwright.
 */
package com.jobswipe.automation.browser;
