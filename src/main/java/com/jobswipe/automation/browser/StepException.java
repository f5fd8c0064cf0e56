package com.jobswipe.automation.browser;

/** A step's typed failure on its way out of the browser thread; never escapes the package. */
final class StepException extends RuntimeException {

  private final StepFailure.Kind kind;

  StepException(StepFailure.Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  StepFailure.Kind kind() {
    return kind;
  }
}
