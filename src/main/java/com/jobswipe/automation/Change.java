package com.jobswipe.automation;

import io.vertx.core.json.JsonArray;

import java.time.Instant;
import java.util.Optional;

/**
 * What a transition writes besides the new state, all in the same statement.
 *
 * @param step             where the run is (kept for resuming); empty keeps the current step
 * @param nextAttemptAt    when a RATE_LIMITED task is due again (required for RATE_LIMITED)
 * @param error            why the task failed or is UNKNOWN (no personal data)
 * @param pendingQuestions for NEEDS_HUMAN: the fields a person must answer (labels and types only, no answers)
 * @param audit            an audit line written in the same transaction
 */
public record Change(Optional<String> step, Optional<Instant> nextAttemptAt, Optional<String> error,
                     Optional<JsonArray> pendingQuestions, Optional<AuditEntry> audit) {

  public static Change none() {
    return new Change(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static Change audited(AuditEntry entry) {
    return none().withAudit(entry);
  }

  public Change withStep(String value) {
    return new Change(Optional.of(value), nextAttemptAt, error, pendingQuestions, audit);
  }

  public Change withNextAttemptAt(Instant value) {
    return new Change(step, Optional.of(value), error, pendingQuestions, audit);
  }

  public Change withError(String value) {
    return new Change(step, nextAttemptAt, Optional.of(value), pendingQuestions, audit);
  }

  public Change withPendingQuestions(JsonArray value) {
    return new Change(step, nextAttemptAt, error, Optional.of(value.copy()), audit);
  }

  public Change withAudit(AuditEntry value) {
    return new Change(step, nextAttemptAt, error, pendingQuestions, Optional.of(value));
  }
}
