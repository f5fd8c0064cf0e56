package com.jobswipe.automation;

import com.jobswipe.automation.DomainRules.Circuit;
import com.jobswipe.automation.DomainRules.Gate;
import com.jobswipe.automation.DomainRules.Limits;
import com.jobswipe.automation.DomainRules.RecentStarts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate-window and breaker arithmetic. */
class DomainRulesTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Limits LIMITS = new Limits(5, 10, 100, 500, Duration.ZERO);

  @Test
  void aWindowIsFullWhileItsLimitthMostRecentStartIsInsideIt() {
    RecentStarts tenthWasThirtySecondsAgo = new RecentStarts(Optional.of(NOW.minusSeconds(30)), Optional.empty(),
        Optional.empty(), Optional.of(NOW.minusSeconds(1)));
    assertThat(DomainRules.rateRetryAt(NOW, LIMITS, tenthWasThirtySecondsAgo)).contains(NOW.plusSeconds(30));

    RecentStarts tenthWasTwoMinutesAgo = new RecentStarts(Optional.of(NOW.minusSeconds(120)), Optional.empty(),
        Optional.empty(), Optional.of(NOW.minusSeconds(1)));
    assertThat(DomainRules.rateRetryAt(NOW, LIMITS, tenthWasTwoMinutesAgo)).isEmpty();
  }

  @Test
  void theLatestFreeingWindowDecides() {
    RecentStarts starts = new RecentStarts(Optional.of(NOW.minusSeconds(50)), Optional.of(NOW.minusSeconds(600)),
        Optional.of(NOW.minus(Duration.ofHours(23))), Optional.of(NOW.minusSeconds(5)));
    assertThat(DomainRules.rateRetryAt(NOW, LIMITS, starts)).contains(NOW.minus(Duration.ofHours(23)).plus(Duration.ofDays(1)));
  }

  @Test
  void theLeastIntervalSpacesStarts() {
    Limits spaced = new Limits(5, 10, 100, 500, Duration.ofSeconds(20));
    RecentStarts justNow = new RecentStarts(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(NOW.minusSeconds(5)));
    assertThat(DomainRules.rateRetryAt(NOW, spaced, justNow)).contains(NOW.plusSeconds(15));
    assertThat(DomainRules.rateRetryAt(NOW, LIMITS, justNow)).isEmpty();
  }

  @Test
  void theBreakerShutsUntilTheCooldownThenLetsOneTrialThrough() {
    Duration cooldown = Duration.ofMinutes(5);
    assertThat(DomainRules.gate(NOW, Circuit.CLOSED, Optional.empty(), Optional.empty(), cooldown))
        .isInstanceOf(Gate.Open.class);
    assertThat(DomainRules.gate(NOW, Circuit.OPEN, Optional.of(NOW.minusSeconds(60)), Optional.empty(), cooldown))
        .isEqualTo(new Gate.Shut("circuit_open", NOW.plusSeconds(240)));
    assertThat(DomainRules.gate(NOW, Circuit.OPEN, Optional.of(NOW.minusSeconds(300)), Optional.empty(), cooldown))
        .isInstanceOf(Gate.Trial.class);
    // While a trial runs, nobody else; a trial that never reported is replaced after another cool-down.
    assertThat(DomainRules.gate(NOW, Circuit.HALF_OPEN, Optional.of(NOW.minusSeconds(10)), Optional.empty(), cooldown))
        .isEqualTo(new Gate.Shut("circuit_half_open", NOW.plusSeconds(290)));
    assertThat(DomainRules.gate(NOW, Circuit.HALF_OPEN, Optional.of(NOW.minusSeconds(400)), Optional.empty(), cooldown))
        .isInstanceOf(Gate.Trial.class);
    // An operator's pause wins over everything.
    assertThat(DomainRules.gate(NOW, Circuit.CLOSED, Optional.empty(), Optional.of(NOW.plusSeconds(60)), cooldown))
        .isEqualTo(new Gate.Shut("paused", NOW.plusSeconds(60)));
  }

  @Test
  void failuresOpenAtTheThresholdAndAFailedTrialReopens() {
    assertThat(DomainRules.opensOn(Circuit.CLOSED, 4, 5)).isFalse();
    assertThat(DomainRules.opensOn(Circuit.CLOSED, 5, 5)).isTrue();
    assertThat(DomainRules.opensOn(Circuit.HALF_OPEN, 1, 5)).isTrue();
  }
}
