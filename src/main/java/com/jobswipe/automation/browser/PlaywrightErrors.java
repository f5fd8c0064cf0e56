package com.jobswipe.automation.browser;

import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;

/** How the pool and its runs read Playwright's failures: one line for a report, and whether it was a timeout. */
final class PlaywrightErrors {

  private PlaywrightErrors() {
  }

  /** The first line of the message (Playwright appends a call log), at most 300 characters. */
  static String firstLine(Throwable t) {
    if (t == null || t.getMessage() == null) {
      return t == null ? "" : t.getClass().getSimpleName();
    }
    String message = t.getMessage().strip();
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  /** Playwright reports some timeouts as a plain exception whose message says so. */
  static boolean isTimeout(PlaywrightException e) {
    return e instanceof TimeoutError
        || (e.getMessage() != null && e.getMessage().contains("Timeout") && e.getMessage().contains("exceeded"));
  }
}
