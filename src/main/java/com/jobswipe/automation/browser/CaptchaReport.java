package com.jobswipe.automation.browser;

import java.util.Optional;

/**
 * The captcha check of the open page.
 *
 * @param screenshot a PNG of the page when a captcha was found (what the human will face), else empty
 */
public record CaptchaReport(Optional<Captcha> captcha, byte[] screenshot) {

  public boolean found() {
    return captcha.isPresent();
  }

  /** A person must act before the form can go: pause as NEEDS_HUMAN. */
  public boolean blocking() {
    return captcha.map(Captcha::interactive).orElse(false);
  }
}
