package com.jobswipe.config;

import java.time.Duration;

/**
 * Polling job sources.
 *
 * @param scheduler whether this node polls due sources by itself (off only for tests and benchmarks)
 * @param hostDelay the least time between two requests to one host (politeness)
 * @param maxBodyBytes the largest response read from a source; more is refused
 */
public record IngestionConfig(boolean scheduler, Duration hostDelay, long maxBodyBytes) {

  static IngestionConfig from(Settings s) {
    return new IngestionConfig(
        s.bool("JOBSWIPE_INGESTION_SCHEDULER", "ingestion.scheduler"),
        Duration.ofMillis(s.integer("JOBSWIPE_FETCH_HOST_DELAY_MS", "ingestion.hostDelayMs", 0, 60_000)),
        s.integer("JOBSWIPE_FETCH_MAX_BYTES", "ingestion.maxBodyBytes", 64 * 1024, 512 * 1024 * 1024));
  }
}
