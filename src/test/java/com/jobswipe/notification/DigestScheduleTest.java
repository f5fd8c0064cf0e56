package com.jobswipe.notification;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DigestScheduleTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void dueFromTheHourOnTheUsersWallClockOncePerLocalDay() {
    DigestSchedule at18 = new DigestSchedule(BERLIN, 18);
    // 15:59 UTC is 17:59 in Berlin (CEST).
    assertThat(at18.due(Instant.parse("2026-06-01T15:59:00Z"), Optional.empty())).isEmpty();
    assertThat(at18.due(Instant.parse("2026-06-01T16:00:00Z"), Optional.empty()))
        .contains(LocalDate.parse("2026-06-01"));
    assertThat(at18.due(Instant.parse("2026-06-01T21:30:00Z"), Optional.of(LocalDate.parse("2026-06-01"))))
        .as("done today").isEmpty();
    assertThat(at18.due(Instant.parse("2026-06-01T21:30:00Z"), Optional.of(LocalDate.parse("2026-05-30"))))
        .as("a missed day is not made up twice: today's only").contains(LocalDate.parse("2026-06-01"));
    // 23:30 UTC is already the next day in Berlin, before its 18:00.
    assertThat(at18.due(Instant.parse("2026-06-01T23:30:00Z"), Optional.of(LocalDate.parse("2026-06-01")))).isEmpty();
  }

  @Test
  void anHourThatDstSkipsStillComesThatDay() {
    // 2026-03-29 02:00 does not exist in Berlin: clocks go from 02:00 to 03:00 (01:00 UTC).
    DigestSchedule at2 = new DigestSchedule(BERLIN, 2);
    assertThat(at2.due(Instant.parse("2026-03-29T00:59:00Z"), Optional.empty())).isEmpty();
    assertThat(at2.due(Instant.parse("2026-03-29T01:00:00Z"), Optional.empty()))
        .contains(LocalDate.parse("2026-03-29"));
  }

  @Test
  void theZoneIsTheChosenOneElseThePhonesElseUtc() {
    assertThat(DigestSchedule.zoneOf(Optional.of("Asia/Tokyo"), false, Optional.of("America/New_York")))
        .isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(DigestSchedule.zoneOf(Optional.of("UTC"), false, Optional.of("America/New_York")))
        .as("UTC is the stored default, not a choice").isEqualTo(ZoneId.of("America/New_York"));
    assertThat(DigestSchedule.zoneOf(Optional.of("UTC"), true, Optional.of("America/New_York")))
        .as("with quiet hours set, UTC was chosen").isEqualTo(ZoneId.of("UTC"));
    assertThat(DigestSchedule.zoneOf(Optional.empty(), false, Optional.of("Not/AZone"))).isEqualTo(ZoneOffset.UTC);
    assertThat(DigestSchedule.zoneOf(Optional.empty(), false, Optional.empty())).isEqualTo(ZoneOffset.UTC);
  }
}
