package com.jobswipe.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1));

  @Test
  void eachAttemptDoublesTheStepAndJitterKeepsBetweenHalfAndAll() {
    assertThat(backoff.next(1, 0.0, Duration.ZERO)).isEqualTo(Duration.ofSeconds(15));
    assertThat(backoff.next(1, 0.999_999, Duration.ZERO)).isBetween(Duration.ofMillis(29_999), Duration.ofSeconds(30));
    assertThat(backoff.next(2, 0.0, Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.next(3, 0.5, Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
    assertThat(backoff.next(5, 0.0, Duration.ZERO)).isEqualTo(Duration.ofMinutes(4));
  }

  @Test
  void theStepStopsGrowingAtTheCapEvenAfterManyAttempts() {
    assertThat(backoff.next(8, 1.0, Duration.ZERO)).isEqualTo(Duration.ofHours(1));
    assertThat(backoff.next(1_000, 0.0, Duration.ZERO)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void aProvidersRetryAfterIsNeverUndercut() {
    assertThat(backoff.next(1, 0.0, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    assertThat(backoff.next(6, 1.0, Duration.ofSeconds(10))).isEqualTo(Duration.ofMinutes(16));
  }
}
