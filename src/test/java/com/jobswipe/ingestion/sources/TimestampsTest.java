package com.jobswipe.ingestion.sources;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Dates a broken source sends: found by {@link SourceFuzzTest} (an epoch past what an Instant holds threw). */
class TimestampsTest {

  @Test
  void epochNumbersPastTheLastPlausibleDateAreNotRead() {
    assertThat(Timestamps.ofEpochSeconds(Long.MAX_VALUE)).isEmpty();
    assertThat(Timestamps.ofEpochMillis(Long.MAX_VALUE)).isEmpty();
    assertThat(Timestamps.ofEpochSeconds(-1)).isEmpty();
    assertThat(Timestamps.ofEpochSeconds(1_717_243_200)).contains(Instant.parse("2024-06-01T12:00:00Z"));
  }

  @Test
  void aDraftDropsADateOutsideTheYearsAPostingCanHave() {
    Optional<Instant> farFuture = Timestamps.parse("+99999-01-01T00:00:00Z");
    assertThat(farFuture).as("a valid ISO date, but not a posting's").isPresent();
    assertThat(Timestamps.plausible(farFuture.orElseThrow())).isFalse();
    assertThat(Timestamps.plausible(Instant.parse("1969-12-31T00:00:00Z"))).isFalse();
    assertThat(Timestamps.plausible(Instant.parse("2024-06-01T12:00:00Z"))).isTrue();
  }
}
