package com.jobswipe.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The application robot: which Chromium it drives, how many at once, and how long one step may take.
 *
 * @param browserPoolSize browsers (so applications at once) per automation node; each costs a Chromium
 * @param stepTimeout the bound on one browser step (open, captcha check, fill, submit, confirmation)
 */
public record AutomationConfig(Path chromium, int browserPoolSize, Duration stepTimeout) {

  static AutomationConfig from(Settings s) {
    return new AutomationConfig(Path.of(s.string("JOBSWIPE_CHROMIUM", "automation.chromium")),
        s.integer("JOBSWIPE_BROWSER_POOL_SIZE", "automation.browserPoolSize", 1, 32),
        s.seconds("JOBSWIPE_BROWSER_STEP_TIMEOUT_SECONDS", "automation.stepTimeoutSeconds", 1, 600));
  }
}
