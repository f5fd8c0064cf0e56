package com.jobswipe.config;

import java.time.Duration;

/**
 * Ranking and the matching index.
 *
 * @param feedDepth      how many jobs one ranking holds (a cursor walks at most this many before the feed
 *                       starts a new ranking)
 * @param reconcileEvery how often the index compares itself with PostgreSQL (catches any missed jobs.* event)
 * @param rankingTtl     how long a feed cursor stays valid
 * @param exploreEvery   one place in this many of a ranking goes to a job family the user has not judged yet
 *                       (10: the 11th, 21st, … card; more while the user keeps swiping left); 0 turns exploration off
 * @param exploreDepth   how far into a ranking those places go (50: the first pages)
 */
public record MatchingConfig(int feedDepth, Duration reconcileEvery, Duration rankingTtl, int exploreEvery,
                             int exploreDepth) {

  static MatchingConfig from(Settings s) {
    return new MatchingConfig(
        s.integer("JOBSWIPE_FEED_DEPTH", "matching.feedDepth", 20, 2_000),
        Duration.ofSeconds(s.integer("JOBSWIPE_MATCHING_RECONCILE_SECONDS", "matching.reconcileSeconds", 1, 3_600)),
        Duration.ofHours(s.integer("JOBSWIPE_FEED_CURSOR_HOURS", "matching.cursorHours", 1, 168)),
        s.integer("JOBSWIPE_FEED_EXPLORE_EVERY", "matching.exploreEvery", 0, 100),
        s.integer("JOBSWIPE_FEED_EXPLORE_DEPTH", "matching.exploreDepth", 0, 2_000));
  }
}
