package com.jobswipe.feed;

import java.util.Optional;
import java.util.UUID;

/**
 * The rules of {@code POST /v1/swipes}, without I/O: given what is stored, what a swipe does. One row per
 * (user, job) holds the current decision; only a save may be replaced (by a right or a left swipe), so a user
 * cannot apply to a job they passed on, pass on one they applied to, or apply twice.
 */
final class SwipeRules {

  /**
   * A swipe as the client sent it; {@code clientId} is its idempotency key. {@code dryRun} asks that this right
   * swipe's application be filled and photographed but never sent (the profile's setting does so for all).
   */
  record Swipe(UUID jobId, Direction direction, String clientId, boolean dryRun) {
    Swipe(UUID jobId, Direction direction, String clientId) {
      this(jobId, direction, clientId, false);
    }
  }

  enum JobState { MISSING, OPEN, CLOSED }

  enum Decision {
    /** Store a new interaction. */
    INSERT,
    /** Turn the stored save into this swipe (same row, new direction and key). */
    REPLACE_SAVE,
    /** The same swipe with the same key: answer what was stored, change nothing. */
    REPLAY,
    /** The key is stored on a different swipe (another job or direction). */
    KEY_USED_FOR_ANOTHER_SWIPE,
    NO_SUCH_JOB,
    /** A right swipe on a closed job: there is nothing left to apply to. */
    JOB_CLOSED,
    /** The job already has a decision that may not be replaced. */
    ALREADY_SWIPED
  }

  private SwipeRules() {
  }

  /** The key is already stored, on {@code stored}. */
  static Decision forKnownKey(Swipe swipe, Interaction stored) {
    return stored.jobId().equals(swipe.jobId()) && stored.direction() == swipe.direction()
        ? Decision.REPLAY
        : Decision.KEY_USED_FOR_ANOTHER_SWIPE;
  }

  /**
   * The key was not found; {@code current} is the user's interaction with the job, if any, read under a row
   * lock. It may carry this very key when an identical request committed between the two reads.
   */
  static Decision forNewKey(Swipe swipe, JobState job, Optional<Interaction> current) {
    if (current.isPresent() && swipe.clientId().equals(current.get().clientId())) {
      return forKnownKey(swipe, current.get());
    }
    if (job == JobState.MISSING) {
      return Decision.NO_SUCH_JOB;
    }
    if (job == JobState.CLOSED && swipe.direction() == Direction.RIGHT) {
      return Decision.JOB_CLOSED;
    }
    if (current.isEmpty()) {
      return Decision.INSERT;
    }
    return current.get().direction() == Direction.SAVE && swipe.direction() != Direction.SAVE
        ? Decision.REPLACE_SAVE
        : Decision.ALREADY_SWIPED;
  }
}
