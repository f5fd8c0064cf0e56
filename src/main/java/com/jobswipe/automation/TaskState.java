package com.jobswipe.automation;

import java.util.Set;

/**
 * Where one application task is. The same names are {@code application_tasks.state} and the user-visible
 * {@code applications.status}, which every transition keeps in step.
 */
public enum TaskState {
  /** Waiting for a worker. */
  QUEUED,
  /** A worker holds the lease and is opening the form. */
  RUNNING,
  /** The form is being filled. */
  FILLING,
  /** Recorded before the submit click; a task found here after a crash is verified, never clicked again. */
  SUBMITTING,
  /** The ATS confirmed the submission. */
  SUBMITTED,
  /** A captcha or an unanswerable required field: waits for the user or an operator. */
  NEEDS_HUMAN,
  /** The domain's limits said not now; due again at {@code next_attempt_at}. */
  RATE_LIMITED,
  /** Automation gave up (or the retry budget ran out). */
  FAILED,
  /** A submit may or may not have happened and could not be verified: a human decides. */
  UNKNOWN,
  /** Stopped by the user, an operator or a per-user rule; nothing was sent. */
  CANCELLED;

  /** States a worker holds under a lease (a crashed worker's task is claimable again once its lease expires). */
  public static final Set<TaskState> LEASED = Set.of(RUNNING, FILLING, SUBMITTING);

  public boolean leased() {
    return LEASED.contains(this);
  }

  /** The column value; the enum names are the database's. */
  public String db() {
    return name();
  }

  public static TaskState fromDb(String value) {
    return valueOf(value);
  }
}
