package com.jobswipe.automation.browser;

import java.util.Optional;

/** What a step of a {@link FormRun} produced: its result, or a typed failure. */
public sealed interface StepOutcome<T> permits StepOutcome.Ok, StepOutcome.Failed {

  record Ok<T>(T value) implements StepOutcome<T> {
  }

  record Failed<T>(StepFailure error) implements StepOutcome<T> {
  }

  static <T> StepOutcome<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> StepOutcome<T> failed(StepFailure failure) {
    return new Failed<>(failure);
  }

  static <T> StepOutcome<T> failed(StepFailure.Kind kind, String detail) {
    return new Failed<>(StepFailure.of(kind, detail));
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The result; throws {@link IllegalStateException} on a failure. */
  default T value() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw new IllegalStateException("step failed: " + failure().orElseThrow());
  }

  /** The result, or empty on a failure. */
  default Optional<T> result() {
    return this instanceof Ok<T> ok ? Optional.ofNullable(ok.value()) : Optional.empty();
  }

  default Optional<StepFailure> failure() {
    return this instanceof Failed<T> failed ? Optional.of(failed.error()) : Optional.empty();
  }
}
