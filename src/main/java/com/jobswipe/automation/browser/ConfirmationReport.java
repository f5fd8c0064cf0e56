package com.jobswipe.automation.browser;

import java.util.List;
import java.util.Optional;

/**
 * What the page said after the submit.
 *
 * @param evidence the thank-you text or URL that confirmed it, or the error messages the form showed
 * @param captcha a challenge that appeared after the click (an invisible captcha that decided to ask)
 * @param screenshot a PNG of the page at that moment
 */
public record ConfirmationReport(Status status, String url, List<String> evidence, Optional<Captcha> captcha,
                                 byte[] screenshot) {

  public enum Status {
    /** The ATS's thank-you page or message. */
    CONFIRMED,
    /** The form is still there and shows errors or invalid fields: not sent, or refused. */
    FORM_ERRORS,
    /** A captcha challenge appeared instead. */
    CAPTCHA,
    /** Neither within the step's time: a human or the ATS must tell. */
    UNKNOWN
  }

  public ConfirmationReport {
    evidence = List.copyOf(evidence);
  }
}
