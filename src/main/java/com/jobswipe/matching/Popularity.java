package com.jobswipe.matching;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How many people liked (swiped right on, or saved) each open job lately: what a newcomer with nothing to rank by
 * is shown first, beside what is fresh. A snapshot of the most liked jobs, read from PostgreSQL at start and then
 * every {@link #REFRESH_EVERY_MS}; a job outside it counts as liked by nobody.
 */
record Popularity(Map<UUID, Integer> likes) {

  /** How far back likes count, and how many of the most liked jobs the snapshot holds. */
  static final int WINDOW_DAYS = 14;
  static final int TOP = 500;
  static final long REFRESH_EVERY_MS = 60_000;

  static final Popularity NONE = new Popularity(Map.of());

  Popularity {
    likes = Map.copyOf(likes);
  }

  /** In [0, 1]: the log of a job's likes over the log of the most liked job's, so a few likes already count. */
  double score(UUID job) {
    int most = likes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    int n = likes.getOrDefault(job, 0);
    return most == 0 ? 0 : Math.log1p(n) / Math.log1p(most);
  }

  /** The liked jobs, most liked first (ties by id, so the order is stable). */
  List<UUID> mostLiked() {
    return likes.entrySet().stream()
        .sorted(Map.Entry.<UUID, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).toList();
  }

  static Popularity of(Map<UUID, Integer> likes) {
    return new Popularity(new LinkedHashMap<>(likes));
  }
}
