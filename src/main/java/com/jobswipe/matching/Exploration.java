package com.jobswipe.matching;

import com.jobswipe.text.Vectors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Gives a few places of every ranking to job families the user has not judged yet, so a profile that says one
 * thing cannot hide what the user would have wanted: a career changer, a careless profile, a taste that moved.
 *
 * <p><b>Where</b>: one place in every {@link Policy#every()}, from position {@code every} (0-based; the first page's
 * top ten stay the best matches) up to {@link Policy#depth()} — with the defaults the 11th, 21st, 31st and 41st cards.
 * While the user keeps swiping left (a run of at least {@code every} since their latest right swipe), the first
 * {@code every} positions open one more place per {@link #RUN_PER_SLOT} lefts in a row, at most {@code every / 2},
 * spread evenly and never the first card: the worse the feed is doing, the more it looks elsewhere; one right swipe
 * closes them again. With the defaults: three places on the page after ten lefts, five after fifteen.
 *
 * <p><b>What</b>: at each place, the next family in adjacency order (the family's mean vector nearest the query
 * first, so neighbouring kinds come before distant ones; without a query vector, the family with the freshest job
 * first) that the user has not judged and that no card before this place shows; its newest eligible job goes
 * there. Every unjudged family is therefore seen within a few pages. A place with no such family goes to the
 * ranking's next job, and a ranking that runs out ends there (exploration adds places, not a tail). A job placed
 * here leaves its later place in the ranking.
 */
final class Exploration {

  /**
   * Lefts in a row that open one more exploration place among the first {@code every}, once the run is at least
   * {@code every} long (a whole page without a right swipe: a few lefts at the end of a good page do not count).
   */
  static final int RUN_PER_SLOT = 3;

  /**
   * @param every one exploration place in this many (0 turns exploration off)
   * @param depth positions of a ranking that may hold an exploration place
   */
  record Policy(int every, int depth) {
    static final Policy DEFAULT = new Policy(10, 50);

    Policy {
      if (every < 0 || depth < 0) {
        throw new IllegalArgumentException("exploration every and depth are at least 0");
      }
    }
  }

  private Exploration() {
  }

  /** The positions (0-based) that explore, for a user with this many lefts since their latest right. */
  static Set<Integer> places(Policy policy, int leftRun) {
    Set<Integer> places = new TreeSet<>();
    if (policy.every() == 0) {
      return places;
    }
    for (int at = policy.every(); at < policy.depth(); at += policy.every()) {
      places.add(at);
    }
    int extra = leftRun < policy.every() ? 0 : Math.min(policy.every() / 2, leftRun / RUN_PER_SLOT);
    for (int i = 1; i <= extra; i++) {
      places.add(Math.max(1, i * policy.every() / (extra + 1)));
    }
    return places;
  }

  /**
   * Families by nearness of their mean vector to the query, nearest first; without a query (or a family without a
   * mean), by their freshest candidate, then by name.
   */
  static List<String> adjacency(Map<String, List<FeedRanker.Hit>> candidates, Map<String, float[]> centroids,
                                Optional<float[]> query, Function<UUID, JobDoc> jobs) {
    Function<String, Double> nearness = family -> query.flatMap(q -> Optional.ofNullable(centroids.get(family))
        .filter(c -> c.length == q.length).map(c -> (double) Vectors.dot(c, q))).orElse(-2.0);
    Function<String, Long> newest = family -> candidates.get(family).stream().findFirst()
        .map(h -> jobs.apply(h.id())).flatMap(j -> j == null ? Optional.empty() : j.postedAt())
        .map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
    List<String> order = new ArrayList<>(candidates.keySet());
    order.sort(Comparator.comparing(nearness).reversed().thenComparing(Comparator.comparing(newest).reversed())
        .thenComparing(Comparator.naturalOrder()));
    return order;
  }

  /**
   * The ranking with exploration places filled.
   *
   * @param ranked     the ranking, best first
   * @param candidates eligible jobs per family, newest first ({@link JobIndex#newestPerFamily})
   * @param order      the families in the order to explore them ({@link #adjacency})
   */
  static List<FeedRanker.Ranked> apply(List<FeedRanker.Ranked> ranked, Map<String, List<FeedRanker.Hit>> candidates,
                                       List<String> order, Affinity affinity, Policy policy,
                                       Function<UUID, JobDoc> jobs, Instant now, int depth) {
    Set<Integer> places = places(policy, affinity.leftRun());
    if (places.isEmpty()) {
      return ranked;
    }
    List<FeedRanker.Ranked> out = new ArrayList<>(Math.min(depth, ranked.size() + places.size()));
    Set<UUID> placed = new HashSet<>();
    Set<String> shown = new HashSet<>();
    Iterator<FeedRanker.Ranked> next = ranked.iterator();
    while (out.size() < depth) {
      FeedRanker.Ranked card = places.contains(out.size()) ? explore(candidates, order, affinity, shown, placed, jobs,
          now) : null;
      while (card == null && next.hasNext()) {
        FeedRanker.Ranked candidate = next.next();
        if (!placed.contains(candidate.id())) {
          card = candidate;
        }
      }
      if (card == null) {
        break;
      }
      out.add(card);
      placed.add(card.id());
      JobDoc job = jobs.apply(card.id());
      if (job != null) {
        job.family().ifPresent(shown::add);
      }
    }
    return out;
  }

  private static FeedRanker.Ranked explore(Map<String, List<FeedRanker.Hit>> candidates, List<String> order,
                                           Affinity affinity, Set<String> shown, Set<UUID> placed,
                                           Function<UUID, JobDoc> jobs, Instant now) {
    for (String family : order) {
      if (affinity.judged(family) || shown.contains(family)) {
        continue;
      }
      for (FeedRanker.Hit hit : candidates.getOrDefault(family, List.of())) {
        JobDoc job = jobs.apply(hit.id());
        if (job != null && !placed.contains(hit.id())) {
          return new FeedRanker.Ranked(hit.id(), FeedRanker.freshnessScore(job, now) * affinity.factor(job), 0, 0,
              true);
        }
      }
    }
    return null;
  }
}
