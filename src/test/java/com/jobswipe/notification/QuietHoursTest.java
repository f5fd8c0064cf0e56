package com.jobswipe.notification;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class QuietHoursTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static QuietHours window(String from, String to, boolean urgentPasses) {
    return new QuietHours(BERLIN, Optional.of(LocalTime.parse(from)), Optional.of(LocalTime.parse(to)), urgentPasses);
  }

  @Test
  void aPushAtNightInTheUsersZoneWaitsUntilTheMorning() {
    // 23:30 in Berlin (CET, UTC+1) is 22:30 UTC; the window ends at 07:00 Berlin = 06:00 UTC the next day.
    assertThat(window("22:00", "07:00", false).holdUntil(Instant.parse("2026-01-14T22:30:00Z"), false))
        .contains(Instant.parse("2026-01-15T06:00:00Z"));
    // 03:00 Berlin, after midnight: still quiet, ends the same day.
    assertThat(window("22:00", "07:00", false).holdUntil(Instant.parse("2026-01-15T02:00:00Z"), false))
        .contains(Instant.parse("2026-01-15T06:00:00Z"));
  }

  @Test
  void outsideTheWindowAndAtItsEndPushesGoAtOnce() {
    QuietHours night = window("22:00", "07:00", false);
    assertThat(night.holdUntil(Instant.parse("2026-01-15T12:00:00Z"), false)).isEmpty();
    assertThat(night.holdUntil(Instant.parse("2026-01-15T06:00:00Z"), false)).as("07:00 sharp is awake").isEmpty();
    assertThat(night.holdUntil(Instant.parse("2026-01-14T21:00:00Z"), false)).as("22:00 sharp is quiet").isPresent();
  }

  @Test
  void aWindowWithinOneDayHoldsUntilItsEnd() {
    assertThat(window("12:00", "14:00", false).holdUntil(Instant.parse("2026-07-01T11:30:00Z"), false))
        .as("13:30 CEST").contains(Instant.parse("2026-07-01T12:00:00Z"));
  }

  @Test
  void theWindowKeepsItsLocalHoursAcrossTheDaylightSavingChange() {
    // The night of 28/29 March 2026: clocks go from 02:00 CET to 03:00 CEST; 07:00 local is 05:00 UTC.
    assertThat(window("22:00", "07:00", false).holdUntil(Instant.parse("2026-03-28T23:00:00Z"), false))
        .contains(Instant.parse("2026-03-29T05:00:00Z"));
  }

  @Test
  void urgentKindsPassOnlyWhenTheUserLetsThem() {
    Instant night = Instant.parse("2026-01-14T23:00:00Z");
    assertThat(window("22:00", "07:00", true).holdUntil(night, true)).isEmpty();
    assertThat(window("22:00", "07:00", true).holdUntil(night, false)).isPresent();
    assertThat(window("22:00", "07:00", false).holdUntil(night, true)).isPresent();
  }

  @Test
  void noWindowOrAnEmptyOneNeverHolds() {
    assertThat(QuietHours.none().holdUntil(Instant.parse("2026-01-14T23:00:00Z"), false)).isEmpty();
    assertThat(window("22:00", "22:00", false).holdUntil(Instant.parse("2026-01-14T21:30:00Z"), false)).isEmpty();
  }
}
