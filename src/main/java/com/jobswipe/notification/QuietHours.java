package com.jobswipe.notification;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A user's quiet hours: a daily window in their own time zone (it may span midnight, 22:00–07:00) during which
 * pushes wait. Computed on the wall clock of the zone, so a window keeps its local hours across DST changes.
 *
 * @param urgentPasses urgent kinds (an application waiting for the user) go out during quiet hours
 */
record QuietHours(ZoneId zone, Optional<LocalTime> start, Optional<LocalTime> end, boolean urgentPasses) {

  static QuietHours none() {
    return new QuietHours(ZoneId.of("UTC"), Optional.empty(), Optional.empty(), true);
  }

  /** When a push due at {@code now} may go out: empty for at once, else the end of the current quiet window. */
  Optional<Instant> holdUntil(Instant now, boolean urgent) {
    if (start.isEmpty() || end.isEmpty() || start.get().equals(end.get()) || (urgent && urgentPasses)) {
      return Optional.empty();
    }
    ZonedDateTime local = now.atZone(zone);
    LocalTime time = local.toLocalTime();
    LocalTime from = start.get();
    LocalTime to = end.get();
    boolean spansMidnight = from.isAfter(to);
    boolean quiet = spansMidnight
        ? !time.isBefore(from) || time.isBefore(to)
        : !time.isBefore(from) && time.isBefore(to);
    if (!quiet) {
      return Optional.empty();
    }
    ZonedDateTime endsAt = local.toLocalDate().atTime(to).atZone(zone);
    if (!endsAt.isAfter(local)) {
      endsAt = local.toLocalDate().plusDays(1).atTime(to).atZone(zone);
    }
    return Optional.of(endsAt.toInstant());
  }
}
