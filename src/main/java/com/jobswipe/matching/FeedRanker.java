package com.jobswipe.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Fuses the two candidate lists into one feed order. Versioned: a change to any weight or step is a new
 * {@link #VERSION}, recorded with every impression so analytics can compare rankings.
 *
 * <ol>
 *   <li><b>Reciprocal rank fusion</b>: {@code text/(K + textRank) + vector/(K + vectorRank)} over the BM25 list
 *       and the vector list (ranks from 1; a list that misses a job contributes 0). RRF needs no score
 *       calibration between BM25 and cosine, which live on unrelated scales.</li>
 *   <li><b>Freshness</b>: the fused score is multiplied by {@code 1 + FRESHNESS · 2^(−age / HALF_LIFE)}; undated
 *       jobs get no boost.</li>
 *   <li><b>Feedback</b>: and by the user's {@link Affinity} for the job (its family, company, title pattern and
 *       vector side), in (0, 1], so what the user keeps rejecting sinks on the next ranking.</li>
 *   <li><b>Diversity</b>: greedy re-order so that no company has more than {@code PER_COMPANY} cards in any
 *       {@code WINDOW} consecutive ones, and no family the user keeps rejecting (or, during a long run of lefts, any
 *       family they never liked) more than {@code PER_REJECTED_FAMILY}, unless nothing else is left.</li>
 *   <li><b>Exploration</b> ({@link Exploration}) then gives a few places to families the user has not judged.</li>
 * </ol>
 * The score shown to clients is the fused, freshness- and feedback-weighted score divided by its maximum (first in
 * both lists, posted now, nothing against it), so it lies in (0, 1].
 */
final class FeedRanker {

  static final String VERSION = "hybrid-rrf-2";
  static final double K = 60;
  static final double TEXT_WEIGHT = 1.0;
  static final double VECTOR_WEIGHT = 1.0;
  static final double FRESHNESS = 0.2;
  static final Duration HALF_LIFE = Duration.ofDays(14);
  static final int PER_COMPANY = 2;
  static final int WINDOW = 10;
  /** Cards of a family the user keeps rejecting ({@link Affinity#rejects}) in any {@code WINDOW} in a row. */
  static final int PER_REJECTED_FAMILY = 2;
  /** Cards of one family in any {@code WINDOW} in a row when there is nothing to rank by (a cold start). */
  static final int PER_FAMILY_COLD = 2;
  /** In a cold start, how much being liked by others counts beside freshness (which counts 1). */
  static final double POPULARITY = 1.0;

  private static final double MAX_SCORE = (TEXT_WEIGHT + VECTOR_WEIGHT) / (K + 1) * (1 + FRESHNESS);

  /** One job of a candidate list with the list's own score (BM25, or cosine similarity). */
  record Hit(UUID id, double score) {
  }

  /**
   * A job in feed order with where it came from, for the explanation. Ranks are 1-based, 0 when absent;
   * {@code explore} marks a job placed by {@link Exploration}, not by its score.
   */
  record Ranked(UUID id, double score, int textRank, int vectorRank, boolean explore) {
    Ranked(UUID id, double score, int textRank, int vectorRank) {
      this(id, score, textRank, vectorRank, false);
    }
  }

  private FeedRanker() {
  }

  /**
   * The feed order of the union of both lists. {@code jobs} answers the job of an id; hits whose job it does
   * not know (closed meanwhile) are dropped.
   */
  static List<Ranked> rank(List<Hit> text, List<Hit> vector, Function<UUID, JobDoc> jobs, Instant now, int depth,
                           Affinity affinity) {
    Map<UUID, int[]> ranks = new LinkedHashMap<>();
    for (int i = 0; i < text.size(); i++) {
      ranks.computeIfAbsent(text.get(i).id(), id -> new int[2])[0] = i + 1;
    }
    for (int i = 0; i < vector.size(); i++) {
      ranks.computeIfAbsent(vector.get(i).id(), id -> new int[2])[1] = i + 1;
    }
    List<Ranked> fused = new ArrayList<>(ranks.size());
    // Read each job once: the index may drop one (closed) while this runs on another thread.
    Map<UUID, JobDoc> read = new HashMap<>();
    ranks.forEach((id, r) -> {
      JobDoc job = jobs.apply(id);
      if (job == null) {
        return;
      }
      read.put(id, job);
      double score = (r[0] > 0 ? TEXT_WEIGHT / (K + r[0]) : 0) + (r[1] > 0 ? VECTOR_WEIGHT / (K + r[1]) : 0);
      score *= 1 + FRESHNESS * freshness(job.postedAt(), now);
      score *= affinity.factor(job);
      fused.add(new Ranked(id, score / MAX_SCORE, r[0], r[1]));
    });
    fused.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::id));
    List<Ranked> top = fused.subList(0, Math.min(depth, fused.size()));
    return diversify(top, read::get, family -> capped(family, affinity) ? PER_REJECTED_FAMILY : WINDOW);
  }

  /**
   * A family is held to {@link #PER_REJECTED_FAMILY} cards in a window when the user keeps rejecting it, or when
   * they have swiped a whole window's worth left in a row and never liked it: the feed is not working, and a page of
   * one unjudged kind would teach as little as a page of the rejected one.
   */
  static boolean capped(String family, Affinity affinity) {
    return affinity.rightsIn(family) == 0 && (affinity.rejects(family) || affinity.leftRun() >= WINDOW);
  }

  /**
   * When there is nothing to rank by (an empty profile and no swipes): the newest jobs and the ones others liked
   * lately, in the same shape, scored by freshness and popularity together, then mixed by family.
   */
  static List<Ranked> coldStart(List<Hit> newest, List<Hit> liked, Popularity popularity,
                                Function<UUID, JobDoc> jobs, Instant now, int depth) {
    Map<UUID, Ranked> ranked = new LinkedHashMap<>();
    Map<UUID, JobDoc> read = new HashMap<>();
    for (List<Hit> list : List.of(newest, liked)) {
      for (Hit hit : list) {
        JobDoc job = jobs.apply(hit.id());
        if (job != null && !ranked.containsKey(hit.id())) {
          read.put(hit.id(), job);
          double score = (freshnessScore(job, now) + POPULARITY * popularity.score(hit.id())) / (1 + POPULARITY);
          ranked.put(hit.id(), new Ranked(hit.id(), score, 0, 0));
        }
      }
    }
    List<Ranked> ordered = new ArrayList<>(ranked.values());
    ordered.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::id));
    // Nothing says what the user wants yet: a mix of kinds teaches the most per swipe.
    return diversify(ordered.subList(0, Math.min(depth, ordered.size())), read::get, family -> PER_FAMILY_COLD);
  }

  /** The score of a job placed for its freshness alone (cold start, exploration), in (0, 1]. */
  static double freshnessScore(JobDoc job, Instant now) {
    return (1 + FRESHNESS * freshness(job.postedAt(), now)) / (1 + FRESHNESS);
  }

  /** {@code 2^(−age/halfLife)}: 1 for a job posted now, ½ after two weeks, 0 for an undated one. */
  static double freshness(Optional<Instant> postedAt, Instant now) {
    if (postedAt.isEmpty()) {
      return 0;
    }
    double ageDays = Math.max(0, Duration.between(postedAt.get(), now).toMinutes() / 1440.0);
    return Math.pow(2, -ageDays / (HALF_LIFE.toMinutes() / 1440.0));
  }

  /**
   * Keeps the order, except that a job whose company already has {@link #PER_COMPANY} cards among the last
   * {@link #WINDOW - 1} placed, or whose family already has its cap there, waits until it fits; when only such
   * jobs are left they follow in order. Jobs without a family are capped by company only.
   */
  static List<Ranked> diversify(List<Ranked> ordered, Function<UUID, JobDoc> jobs, ToIntFunction<String> familyCap) {
    Function<UUID, String> companyOf = id -> jobs.apply(id).companyKey();
    Function<UUID, String> familyOf = id -> jobs.apply(id).family().orElse(null);
    List<Ranked> out = new ArrayList<>(ordered.size());
    Deque<Ranked> waiting = new ArrayDeque<>(ordered);
    Map<String, Integer> companies = new HashMap<>();
    Map<String, Integer> families = new HashMap<>();
    while (!waiting.isEmpty()) {
      Ranked chosen = null;
      for (Iterator<Ranked> it = waiting.iterator(); it.hasNext(); ) {
        Ranked candidate = it.next();
        UUID id = candidate.id();
        String family = familyOf.apply(id);
        if (companies.getOrDefault(companyOf.apply(id), 0) < PER_COMPANY
            && (family == null || families.getOrDefault(family, 0) < familyCap.applyAsInt(family))) {
          chosen = candidate;
          it.remove();
          break;
        }
      }
      out.add(chosen != null ? chosen : waiting.removeFirst());
      // The counts cover the last WINDOW - 1 placed: the window the next card would complete.
      UUID added = out.get(out.size() - 1).id();
      count(added, 1, companies, families, companyOf, familyOf);
      if (out.size() >= WINDOW) {
        count(out.get(out.size() - WINDOW).id(), -1, companies, families, companyOf, familyOf);
      }
    }
    return out;
  }

  /** Moves a job's company and family counts by {@code delta}; jobs without a family count for their company only. */
  private static void count(UUID job, int delta, Map<String, Integer> companies, Map<String, Integer> families,
                            Function<UUID, String> companyOf, Function<UUID, String> familyOf) {
    companies.merge(companyOf.apply(job), delta, Integer::sum);
    String family = familyOf.apply(job);
    if (family != null) {
      families.merge(family, delta, Integer::sum);
    }
  }
}
