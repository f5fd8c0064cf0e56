package com.jobswipe.matching;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How many people liked (swiped right on, or saved) each open job lately: what a newcomer with nothing to rank by
 * is shown first, beside what is fresh. A snapshot of the most liked jobs, read from PostgreSQL at start and then
 * every {@link #REFRESH_EVERY_MS}; a job outside it counts as liked by nobody.
 */
final class Popularity {

  /** How far back likes count, and how many of the most liked jobs the snapshot holds. */
  static final int WINDOW_DAYS = 14;
  static final int TOP = 500;
  static final long REFRESH_EVERY_MS = 60_000;

  static final Popularity NONE = new Popularity(Map.of());

  private final Map<UUID, Integer> likes;
  /** {@code log(1 + likes)} of the most liked job: the scale of {@link #score}, read once per snapshot. */
  private final double scale;
  /** Most liked first, ties by id so the order is stable. */
  private final List<UUID> mostLiked;

  private Popularity(Map<UUID, Integer> likes) {
    this.likes = Map.copyOf(likes);
    this.scale = Math.log1p(this.likes.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    this.mostLiked = this.likes.entrySet().stream()
        .sorted(Map.Entry.<UUID, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).toList();
  }

  static Popularity of(Map<UUID, Integer> likes) {
    return likes.isEmpty() ? NONE : new Popularity(likes);
  }

  Map<UUID, Integer> likes() {
    return likes;
  }

  /** In [0, 1]: the log of a job's likes over the log of the most liked job's, so a few likes already count. */
  double score(UUID job) {
    return scale == 0 ? 0 : Math.log1p(likes.getOrDefault(job, 0)) / scale;
  }

  /** The liked jobs, most liked first (ties by id, so the order is stable). */
  List<UUID> mostLiked() {
    return mostLiked;
  }
}
