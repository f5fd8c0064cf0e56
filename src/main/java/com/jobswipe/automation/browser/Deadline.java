package com.jobswipe.automation.browser;

import java.time.Duration;

/** The end of one step: every browser call inside the step gets only the time that is left. */
final class Deadline {

  private final long endNanos;

  private Deadline(long endNanos) {
    this.endNanos = endNanos;
  }

  static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  /** Milliseconds left, at least 1 (Playwright reads 0 as "no timeout"). */
  double remainingMillis() {
    return Math.max(1, (endNanos - System.nanoTime()) / 1_000_000L);
  }

  /** The smaller of {@code cap} and the time left. */
  double atMost(Duration cap) {
    return Math.min(remainingMillis(), cap.toMillis());
  }

  boolean passed() {
    return System.nanoTime() >= endNanos;
  }

  /** Stops the step between two browser calls once its time is up. */
  void check(String doing) {
    if (passed()) {
      throw new StepException(StepFailure.Kind.TIMEOUT, "step timed out while " + doing);
    }
  }
}
