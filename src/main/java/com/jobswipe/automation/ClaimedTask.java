package com.jobswipe.automation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A task a worker now holds under a lease, with what the run needs to know about its application.
 *
 * @param previous   the state the claim found: QUEUED or RATE_LIMITED for a fresh start, else the expired holder's
 * @param state      RUNNING for a fresh start; RUNNING or FILLING when a crashed worker's task is resumed (carry
 *                   on from {@code step}); SUBMITTING when the submit click may already have happened
 * @param attempt    runs started for this task, this one included (a verify-only claim does not count)
 * @param guarded    the per-user guards already passed on an earlier run (the cap place is held)
 * @param domain     the ATS host whose limits apply ({@code jobs.ats_domain}, else the apply URL's host)
 * @param ats        the job's ATS kind ({@code jobs.ats_kind}: greenhouse, lever, ..., generic), null if unknown
 * @param line       the claim's line of the trail
 */
public record ClaimedTask(
    UUID taskId,
    UUID applicationId,
    UUID userId,
    UUID jobId,
    TaskState previous,
    TaskState state,
    Optional<String> step,
    int attempt,
    boolean guarded,
    boolean dryRun,
    String domain,
    String ats,
    String company,
    String applyUrl,
    String workerId,
    Instant leaseUntil,
    Optional<TrailLine> line) {

  /**
   * The task was found in SUBMITTING: check whether the submission went through and record SUBMITTED or UNKNOWN;
   * never click submit again.
   */
  public boolean verifyOnly() {
    return state == TaskState.SUBMITTING;
  }

  /** The previous holder's lease expired (it crashed or hung); {@code step} says how far it got. */
  public boolean resumed() {
    return previous.leased();
  }

  /** The claim as a change of state, for the owner's live events (a resumed task's "change" keeps its state). */
  public StateChange asChange() {
    return new StateChange(taskId, applicationId, userId, previous, state, Instant.now(), line);
  }
}
