package com.jobswipe.applications;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MessageBudgetTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  @Test
  void aMinutesWorthMayComeAtOnceThenThePaceIsKept() {
    long t = 42 * SECOND;
    MessageBudget budget = new MessageBudget(60, t);
    for (int i = 0; i < 60; i++) {
      assertThat(budget.spend(t)).as("message %d of the burst", i + 1).isTrue();
    }
    assertThat(budget.spend(t)).as("the 61st at once").isFalse();

    assertThat(budget.spend(t + SECOND)).as("one second later, one more").isTrue();
    assertThat(budget.spend(t + SECOND)).isFalse();
    assertThat(budget.spend(t + 3 * SECOND)).isTrue();
  }

  @Test
  void aQuietSocketSavesNoMoreThanAMinutesWorth() {
    MessageBudget budget = new MessageBudget(5, 0);
    long hourLater = 3_600 * SECOND;
    for (int i = 0; i < 5; i++) {
      assertThat(budget.spend(hourLater)).isTrue();
    }
    assertThat(budget.spend(hourLater)).isFalse();
  }
}
