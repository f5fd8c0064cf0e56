package com.jobswipe.ingestion.sources;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** The date shapes the sources send. Times without a zone (Remotive) and bare dates (Workable) are read as UTC. */
final class Timestamps {

  /**
   * Dates outside these are a broken field, not a posting date: {@link PostingDraft} drops them rather than store
   * them (PostgreSQL's {@code timestamptz} ends in 294276 AD), and epoch numbers past them are not read at all (a
   * year of 292 billion does not fit an {@link Instant}).
   */
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  private static final long LATEST_SECONDS = LATEST.getEpochSecond();

  private Timestamps() {
  }

  static Optional<Instant> parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String text = raw.trim();
    if (text.length() > 10 && text.charAt(10) == ' ') {
      text = text.substring(0, 10) + 'T' + text.substring(11);
    }
    try {
      return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeException ignored) {
      // try the next shape
    }
    try {
      return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException ignored) {
      // try the next shape
    }
    try {
      return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeException ignored) {
      return Optional.empty();
    }
  }

  static Optional<Instant> ofEpochMillis(long millis) {
    return millis > 0 && millis / 1000 <= LATEST_SECONDS ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty();
  }

  static Optional<Instant> ofEpochSeconds(long seconds) {
    return seconds > 0 && seconds <= LATEST_SECONDS ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
  }

  static boolean plausible(Instant instant) {
    return instant.isAfter(EARLIEST) && !instant.isAfter(LATEST);
  }
}
