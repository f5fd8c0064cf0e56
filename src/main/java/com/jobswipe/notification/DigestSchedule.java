package com.jobswipe.notification;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * When a user's daily digest is due: once per local day, from {@code hour}:00 on the wall clock of their zone (a
 * DST gap moves that hour forward, so the digest still comes that day).
 */
record DigestSchedule(ZoneId zone, int hour) {

  /** The digest hour when the user never chose one: early evening, after a working day's postings. */
  static final int DEFAULT_HOUR = 18;

  /**
   * The zone a user's digest hour is read in: the one of their notification settings when they chose it (set quiet
   * hours, or named a zone other than the UTC default), else the zone their newest phone reported, else UTC. A name
   * Java does not know (stored before a tzdata change) falls back the same way.
   */
  static ZoneId zoneOf(Optional<String> settingsZone, boolean quietHoursSet, Optional<String> deviceZone) {
    Optional<ZoneId> chosen = settingsZone.filter(z -> quietHoursSet || !"UTC".equals(z)).flatMap(DigestSchedule::parse);
    return chosen.or(() -> deviceZone.flatMap(DigestSchedule::parse)).orElse(ZoneOffset.UTC);
  }

  private static Optional<ZoneId> parse(String zone) {
    try {
      return Optional.of(ZoneId.of(zone));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The local day whose digest is due at {@code now}: the hour has come there and that day's is not done yet. */
  Optional<LocalDate> due(Instant now, Optional<LocalDate> lastDone) {
    LocalDate today = now.atZone(zone).toLocalDate();
    if (lastDone.isPresent() && !lastDone.get().isBefore(today)) {
      return Optional.empty();
    }
    Instant from = today.atTime(hour, 0).atZone(zone).toInstant();
    return now.isBefore(from) ? Optional.empty() : Optional.of(today);
  }
}
