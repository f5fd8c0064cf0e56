package com.jobswipe.automation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static com.jobswipe.automation.TaskState.CANCELLED;
import static com.jobswipe.automation.TaskState.FAILED;
import static com.jobswipe.automation.TaskState.FILLING;
import static com.jobswipe.automation.TaskState.NEEDS_HUMAN;
import static com.jobswipe.automation.TaskState.QUEUED;
import static com.jobswipe.automation.TaskState.RATE_LIMITED;
import static com.jobswipe.automation.TaskState.RUNNING;
import static com.jobswipe.automation.TaskState.SUBMITTED;
import static com.jobswipe.automation.TaskState.SUBMITTING;
import static com.jobswipe.automation.TaskState.UNKNOWN;

/**
 * The application task state machine as data: which state may follow which. {@link TaskStore} checks every
 * change against it before its compare-and-set, so no code path can write a move that is not listed here.
 *
 * <pre>
 *   QUEUED ─▶ RUNNING ─▶ FILLING ─▶ SUBMITTING ─▶ SUBMITTED
 *     ▲  ▲       │          │            └──────▶ UNKNOWN ─▶ SUBMITTED | FAILED   (a human's verdict)
 *     │  │       ├──────────┴─▶ NEEDS_HUMAN ─▶ QUEUED (resume)
 *     │  │       ├──────────┴─▶ RATE_LIMITED ─▶ RUNNING (due again) | QUEUED
 *     │  └─ FAILED ◀──────────┘  (retry while attempts remain)
 *     └─ CANCELLED from any non-terminal state except SUBMITTING
 * </pre>
 *
 * The invariant that makes the submit click happen at most once: SUBMITTING leads only to SUBMITTED or
 * UNKNOWN, and nothing leads back into FILLING from there, so no state after SUBMITTING can reach another
 * {@code FILLING → SUBMITTING} step except through a human's FAILED verdict.
 */
public final class TaskTransitions {

  private static final Map<TaskState, Set<TaskState>> NEXT;

  static {
    Map<TaskState, Set<TaskState>> next = new EnumMap<>(TaskState.class);
    next.put(QUEUED, EnumSet.of(RUNNING, CANCELLED));
    next.put(RUNNING, EnumSet.of(FILLING, NEEDS_HUMAN, RATE_LIMITED, FAILED, CANCELLED));
    next.put(FILLING, EnumSet.of(SUBMITTING, NEEDS_HUMAN, RATE_LIMITED, FAILED, CANCELLED));
    // Never back, never cancelled: the click may have happened.
    next.put(SUBMITTING, EnumSet.of(SUBMITTED, UNKNOWN));
    next.put(NEEDS_HUMAN, EnumSet.of(QUEUED, CANCELLED));
    next.put(RATE_LIMITED, EnumSet.of(RUNNING, QUEUED, CANCELLED));
    // A retry, allowed only while attempts remain (see allows).
    next.put(FAILED, EnumSet.of(QUEUED));
    // Only a person who checked the employer's side decides what happened.
    next.put(UNKNOWN, EnumSet.of(SUBMITTED, FAILED));
    next.put(SUBMITTED, EnumSet.noneOf(TaskState.class));
    next.put(CANCELLED, EnumSet.noneOf(TaskState.class));
    Map<TaskState, Set<TaskState>> frozen = new EnumMap<>(TaskState.class);
    next.forEach((from, to) -> frozen.put(from, Collections.unmodifiableSet(to)));
    NEXT = Collections.unmodifiableMap(frozen);
  }

  private TaskTransitions() {
  }

  /** Every state that may directly follow {@code from}, guards aside. */
  public static Set<TaskState> next(TaskState from) {
    return NEXT.get(from);
  }

  /** The whole table, for documentation and tests. */
  public static Map<TaskState, Set<TaskState>> table() {
    return NEXT;
  }

  /**
   * Whether {@code from → to} is allowed for a task that has made {@code attempts} runs of at most
   * {@code maxAttempts}: the table, plus the retry guard on {@code FAILED → QUEUED}.
   */
  public static boolean allows(TaskState from, TaskState to, int attempts, int maxAttempts) {
    if (!NEXT.get(from).contains(to)) {
      return false;
    }
    return from != FAILED || to != QUEUED || attempts < maxAttempts;
  }

  /** States with no way out but a person's decision or none at all. */
  public static boolean terminal(TaskState state) {
    return state == SUBMITTED || state == CANCELLED || state == UNKNOWN || state == FAILED;
  }

  /** Thrown (as a failed future) for a change the table does not allow: a programming error in the caller. */
  public static final class IllegalTransition extends IllegalStateException {
    private final TaskState from;
    private final TaskState to;

    public IllegalTransition(TaskState from, TaskState to) {
      super("task state " + from + " may not become " + to);
      this.from = from;
      this.to = to;
    }

    public TaskState from() {
      return from;
    }

    public TaskState to() {
      return to;
    }
  }
}
