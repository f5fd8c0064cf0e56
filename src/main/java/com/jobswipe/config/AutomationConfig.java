package com.jobswipe.config;

import java.nio.file.Path;

/** The application robot: which Chromium it drives. */
public record AutomationConfig(Path chromium) {

  static AutomationConfig from(Settings s) {
    return new AutomationConfig(Path.of(s.string("JOBSWIPE_CHROMIUM", "automation.chromium")));
  }
}
