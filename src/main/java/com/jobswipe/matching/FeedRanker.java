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
 *   <li><b>Diversity</b>: greedy re-order so that no company has more than {@code PER_COMPANY} cards in any
 *       {@code WINDOW} consecutive ones, unless nothing else is left.</li>
 * </ol>
 * The score shown to clients is the fused, freshness-weighted score divided by its maximum (first in both
 * lists, posted now), so it lies in (0, 1].
 */
final class FeedRanker {

  static final String VERSION = "hybrid-rrf-1";
  static final double K = 60;
  static final double TEXT_WEIGHT = 1.0;
  static final double VECTOR_WEIGHT = 1.0;
  static final double FRESHNESS = 0.2;
  static final Duration HALF_LIFE = Duration.ofDays(14);
  static final int PER_COMPANY = 2;
  static final int WINDOW = 10;

  private static final double MAX_SCORE = (TEXT_WEIGHT + VECTOR_WEIGHT) / (K + 1) * (1 + FRESHNESS);

  /** One job of a candidate list with the list's own score (BM25, or cosine similarity). */
  record Hit(UUID id, double score) {
  }

  /** A job in feed order with where it came from, for the explanation. Ranks are 1-based, 0 when absent. */
  record Ranked(UUID id, double score, int textRank, int vectorRank) {
  }

  private FeedRanker() {
  }

  /**
   * The feed order of the union of both lists. {@code jobs} answers the job of an id; hits whose job it does
   * not know (closed meanwhile) are dropped.
   */
  static List<Ranked> rank(List<Hit> text, List<Hit> vector, Function<UUID, JobDoc> jobs, Instant now, int depth) {
    Map<UUID, int[]> ranks = new LinkedHashMap<>();
    for (int i = 0; i < text.size(); i++) {
      ranks.computeIfAbsent(text.get(i).id(), id -> new int[2])[0] = i + 1;
    }
    for (int i = 0; i < vector.size(); i++) {
      ranks.computeIfAbsent(vector.get(i).id(), id -> new int[2])[1] = i + 1;
    }
    List<Ranked> fused = new ArrayList<>(ranks.size());
    // Read each job once: the index may drop one (closed) while this runs on another thread.
    Map<UUID, String> companies = new HashMap<>();
    ranks.forEach((id, r) -> {
      JobDoc job = jobs.apply(id);
      if (job == null) {
        return;
      }
      companies.put(id, job.companyKey());
      double score = (r[0] > 0 ? TEXT_WEIGHT / (K + r[0]) : 0) + (r[1] > 0 ? VECTOR_WEIGHT / (K + r[1]) : 0);
      score *= 1 + FRESHNESS * freshness(job.postedAt(), now);
      fused.add(new Ranked(id, score / MAX_SCORE, r[0], r[1]));
    });
    fused.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(Ranked::id));
    List<Ranked> top = fused.subList(0, Math.min(depth, fused.size()));
    return diversify(top, companies::get);
  }

  /**
   * The newest jobs when there is nothing to rank by (an empty profile and no swipes), in the same shape:
   * a score from freshness alone.
   */
  static List<Ranked> newest(List<Hit> newest, Function<UUID, JobDoc> jobs, Instant now) {
    List<Ranked> ranked = new ArrayList<>();
    Map<UUID, String> companies = new HashMap<>();
    for (Hit hit : newest) {
      JobDoc job = jobs.apply(hit.id());
      if (job != null) {
        companies.put(hit.id(), job.companyKey());
        ranked.add(new Ranked(hit.id(), (1 + FRESHNESS * freshness(job.postedAt(), now)) / (1 + FRESHNESS), 0, 0));
      }
    }
    return diversify(ranked, companies::get);
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
   * {@link #WINDOW - 1} placed waits until it fits; when only such jobs are left they follow in order.
   */
  static <T> List<T> diversify(List<T> ordered, Function<UUID, String> companyOf, Function<T, UUID> idOf) {
    List<T> out = new ArrayList<>(ordered.size());
    Deque<T> waiting = new ArrayDeque<>(ordered);
    while (!waiting.isEmpty()) {
      T chosen = null;
      for (Iterator<T> it = waiting.iterator(); it.hasNext(); ) {
        T candidate = it.next();
        if (fits(out, companyOf.apply(idOf.apply(candidate)), companyOf, idOf)) {
          chosen = candidate;
          it.remove();
          break;
        }
      }
      out.add(chosen != null ? chosen : waiting.removeFirst());
    }
    return out;
  }

  private static List<Ranked> diversify(List<Ranked> ordered, Function<UUID, String> companyOf) {
    return diversify(ordered, companyOf, Ranked::id);
  }

  private static <T> boolean fits(List<T> placed, String company, Function<UUID, String> companyOf,
                                  Function<T, UUID> idOf) {
    Map<String, Integer> recent = new HashMap<>();
    for (int i = Math.max(0, placed.size() - (WINDOW - 1)); i < placed.size(); i++) {
      recent.merge(companyOf.apply(idOf.apply(placed.get(i))), 1, Integer::sum);
    }
    return recent.getOrDefault(company, 0) < PER_COMPANY;
  }
}
