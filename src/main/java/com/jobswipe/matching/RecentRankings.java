package com.jobswipe.matching;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rankings this node made or read lately, so most cursor pages need no database read: a client usually
 * pages on the node that ranked for it. Least recently used first out. Used only from the matching verticle's
 * event loop, so it needs no locking. PostgreSQL stays the record: a page on another node reads it there.
 */
final class RecentRankings {

  private final Map<UUID, MatchingStore.Ranking> rankings;

  RecentRankings(int capacity) {
    this.rankings = new LinkedHashMap<>(capacity, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<UUID, MatchingStore.Ranking> eldest) {
        return size() > capacity;
      }
    };
  }

  void put(MatchingStore.Ranking ranking) {
    rankings.put(ranking.id(), ranking);
  }

  Optional<MatchingStore.Ranking> get(UUID id) {
    return Optional.ofNullable(rankings.get(id));
  }
}
