package com.jobswipe.automation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static com.jobswipe.automation.TaskState.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The state machine's table, move by move. */
class TaskTransitionsTest {

  private static final int MAX = 5;

  @ParameterizedTest(name = "{0} → {1}: {2}")
  @CsvSource({
      // the happy path
      "QUEUED, RUNNING, true", "RUNNING, FILLING, true", "FILLING, SUBMITTING, true", "SUBMITTING, SUBMITTED, true",
      // the click happens at most once: SUBMITTING goes forward or to UNKNOWN, never back or away
      "SUBMITTING, UNKNOWN, true", "SUBMITTING, FILLING, false", "SUBMITTING, RUNNING, false",
      "SUBMITTING, QUEUED, false", "SUBMITTING, FAILED, false", "SUBMITTING, CANCELLED, false",
      "SUBMITTING, NEEDS_HUMAN, false", "SUBMITTING, RATE_LIMITED, false",
      // only FILLING leads to SUBMITTING
      "QUEUED, SUBMITTING, false", "RUNNING, SUBMITTING, false", "NEEDS_HUMAN, SUBMITTING, false",
      "UNKNOWN, SUBMITTING, false",
      // SUBMITTED only after SUBMITTING (or a human's verdict on UNKNOWN)
      "FILLING, SUBMITTED, false", "RUNNING, SUBMITTED, false", "UNKNOWN, SUBMITTED, true", "UNKNOWN, FAILED, true",
      "UNKNOWN, QUEUED, false",
      // hand-off and resume
      "RUNNING, NEEDS_HUMAN, true", "FILLING, NEEDS_HUMAN, true", "NEEDS_HUMAN, QUEUED, true",
      "NEEDS_HUMAN, RUNNING, false", "NEEDS_HUMAN, FILLING, false",
      // rate limits
      "RUNNING, RATE_LIMITED, true", "FILLING, RATE_LIMITED, true", "RATE_LIMITED, RUNNING, true",
      "RATE_LIMITED, QUEUED, true", "QUEUED, RATE_LIMITED, false",
      // failures
      "RUNNING, FAILED, true", "FILLING, FAILED, true", "QUEUED, FAILED, false",
      // terminal states
      "SUBMITTED, QUEUED, false", "SUBMITTED, FAILED, false", "CANCELLED, QUEUED, false", "CANCELLED, RUNNING, false",
  })
  void movesFollowTheTable(TaskState from, TaskState to, boolean allowed) {
    assertThat(TaskTransitions.allows(from, to, 1, MAX)).isEqualTo(allowed);
  }

  @Test
  void cancelledFromEveryNonTerminalStateExceptSubmitting() {
    Set<TaskState> cancellable = EnumSet.noneOf(TaskState.class);
    for (TaskState s : TaskState.values()) {
      if (TaskTransitions.allows(s, CANCELLED, 0, MAX)) {
        cancellable.add(s);
      }
    }
    assertThat(cancellable).containsExactlyInAnyOrder(QUEUED, RUNNING, FILLING, NEEDS_HUMAN, RATE_LIMITED);
  }

  @Test
  void failedIsRetriedOnlyWhileAttemptsRemain() {
    assertThat(TaskTransitions.allows(FAILED, QUEUED, MAX - 1, MAX)).isTrue();
    assertThat(TaskTransitions.allows(FAILED, QUEUED, MAX, MAX)).isFalse();
    assertThat(TaskTransitions.allows(FAILED, RUNNING, 0, MAX)).isFalse();
  }

  @Test
  void submittingIsReachableOnlyFromFilling() {
    for (TaskState s : TaskState.values()) {
      assertThat(TaskTransitions.next(s).contains(SUBMITTING)).as(s.name()).isEqualTo(s == FILLING);
    }
  }

  @ParameterizedTest
  @EnumSource(TaskState.class)
  void noStateMovesToItself(TaskState s) {
    assertThat(TaskTransitions.next(s)).doesNotContain(s);
  }

  @Test
  void everyStateHasARow() {
    assertThat(TaskTransitions.table().keySet()).containsExactlyInAnyOrder(TaskState.values());
    assertThat(TaskTransitions.next(SUBMITTED)).isEmpty();
    assertThat(TaskTransitions.next(CANCELLED)).isEmpty();
  }
}
