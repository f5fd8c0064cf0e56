package com.jobswipe.feed;

import com.jobswipe.feed.SwipeRules.Decision;
import com.jobswipe.feed.SwipeRules.JobState;
import com.jobswipe.feed.SwipeRules.Swipe;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SwipeRulesTest {

  private static final UUID JOB = UUID.randomUUID();
  private static final UUID OTHER_JOB = UUID.randomUUID();

  private static Interaction stored(UUID job, Direction direction, String clientId) {
    OffsetDateTime now = OffsetDateTime.now();
    return new Interaction(UUID.randomUUID(), job, direction, clientId, now, now);
  }

  @Test
  void theSameSwipeWithTheSameKeyIsAReplay() {
    assertThat(SwipeRules.forKnownKey(new Swipe(JOB, Direction.RIGHT, "k1"), stored(JOB, Direction.RIGHT, "k1")))
        .isEqualTo(Decision.REPLAY);
  }

  @Test
  void aKeyStoredOnAnotherJobOrDirectionIsRefused() {
    assertThat(SwipeRules.forKnownKey(new Swipe(OTHER_JOB, Direction.RIGHT, "k1"), stored(JOB, Direction.RIGHT, "k1")))
        .isEqualTo(Decision.KEY_USED_FOR_ANOTHER_SWIPE);
    assertThat(SwipeRules.forKnownKey(new Swipe(JOB, Direction.LEFT, "k1"), stored(JOB, Direction.RIGHT, "k1")))
        .isEqualTo(Decision.KEY_USED_FOR_ANOTHER_SWIPE);
  }

  @Test
  void aFirstSwipeOnAnOpenJobIsStored() {
    for (Direction direction : Direction.values()) {
      assertThat(SwipeRules.forNewKey(new Swipe(JOB, direction, "k"), JobState.OPEN, Optional.empty()))
          .isEqualTo(Decision.INSERT);
    }
  }

  @Test
  void aClosedJobTakesNoRightSwipeButMayBeSavedOrPassed() {
    assertThat(SwipeRules.forNewKey(new Swipe(JOB, Direction.RIGHT, "k"), JobState.CLOSED, Optional.empty()))
        .isEqualTo(Decision.JOB_CLOSED);
    assertThat(SwipeRules.forNewKey(new Swipe(JOB, Direction.SAVE, "k"), JobState.CLOSED, Optional.empty()))
        .isEqualTo(Decision.INSERT);
    assertThat(SwipeRules.forNewKey(new Swipe(JOB, Direction.LEFT, "k"), JobState.CLOSED,
        Optional.of(stored(JOB, Direction.SAVE, "old")))).isEqualTo(Decision.REPLACE_SAVE);
    assertThat(SwipeRules.forNewKey(new Swipe(JOB, Direction.RIGHT, "k"), JobState.CLOSED,
        Optional.of(stored(JOB, Direction.SAVE, "old")))).isEqualTo(Decision.JOB_CLOSED);
  }

  @Test
  void anUnknownJobIsNotFound() {
    assertThat(SwipeRules.forNewKey(new Swipe(JOB, Direction.SAVE, "k"), JobState.MISSING, Optional.empty()))
        .isEqualTo(Decision.NO_SUCH_JOB);
  }

  @Test
  void onlyASaveIsReplacedAndOnlyByRightOrLeft() {
    assertThat(SwipeRules.forNewKey(new Swipe(JOB, Direction.RIGHT, "k"), JobState.OPEN,
        Optional.of(stored(JOB, Direction.SAVE, "old")))).isEqualTo(Decision.REPLACE_SAVE);
    assertThat(SwipeRules.forNewKey(new Swipe(JOB, Direction.LEFT, "k"), JobState.OPEN,
        Optional.of(stored(JOB, Direction.SAVE, "old")))).isEqualTo(Decision.REPLACE_SAVE);
    assertThat(SwipeRules.forNewKey(new Swipe(JOB, Direction.SAVE, "k"), JobState.OPEN,
        Optional.of(stored(JOB, Direction.SAVE, "old")))).isEqualTo(Decision.ALREADY_SWIPED);
    for (Direction earlier : new Direction[] {Direction.RIGHT, Direction.LEFT}) {
      for (Direction later : Direction.values()) {
        assertThat(SwipeRules.forNewKey(new Swipe(JOB, later, "k"), JobState.OPEN,
            Optional.of(stored(JOB, earlier, "old")))).as(earlier + " then " + later).isEqualTo(Decision.ALREADY_SWIPED);
      }
    }
  }

  @Test
  void aRowAnIdenticalConcurrentRequestCommittedIsAReplay() {
    // The key was not found, then the locked row carried it: the twin request won the race.
    assertThat(SwipeRules.forNewKey(new Swipe(JOB, Direction.RIGHT, "k"), JobState.OPEN,
        Optional.of(stored(JOB, Direction.RIGHT, "k")))).isEqualTo(Decision.REPLAY);
    assertThat(SwipeRules.forNewKey(new Swipe(JOB, Direction.LEFT, "k"), JobState.OPEN,
        Optional.of(stored(JOB, Direction.RIGHT, "k")))).isEqualTo(Decision.KEY_USED_FOR_ANOTHER_SWIPE);
  }
}
