package com.jobswipe.config;

import java.time.Duration;

/**
 * Ranking and the matching index.
 *
 * @param feedDepth      how many jobs one ranking holds (a cursor walks at most this many before the feed
 *                       starts a new ranking)
 * @param reconcileEvery how often the index compares itself with PostgreSQL (catches any missed jobs.* event)
 * @param rankingTtl     how long a feed cursor stays valid
 */
public record MatchingConfig(int feedDepth, Duration reconcileEvery, Duration rankingTtl) {

  static MatchingConfig from(Settings s) {
    return new MatchingConfig(
        s.integer("JOBSWIPE_FEED_DEPTH", "matching.feedDepth", 20, 2_000),
        Duration.ofSeconds(s.integer("JOBSWIPE_MATCHING_RECONCILE_SECONDS", "matching.reconcileSeconds", 1, 3_600)),
        Duration.ofHours(s.integer("JOBSWIPE_FEED_CURSOR_HOURS", "matching.cursorHours", 1, 168)));
  }
}
