package com.jobswipe.matching;

import com.jobswipe.bus.MatchingMessages.FeedFilters;
import com.jobswipe.bus.MatchingMessages.MatchProfile;
import com.jobswipe.text.Vectors;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One ranking of a user's feed: profile and swipes make the query ({@link Taste}), the index finds both
 * candidate lists under the hard filters with every swiped job left out, {@link FeedRanker} orders them (with the
 * swipes' {@link Affinity}), {@link Exploration} gives a few places to families the user has not judged, from the
 * index's newest jobs per family, and {@link Why} explains each. Plain Java over the index: the verticle runs it on
 * a worker thread.
 */
final class Recommender {

  /**
   * A job in feed order with what explains it: its places in both lists, its similarity to the query and the
   * ranking's {@link Why.Context}. The explanation itself is written by {@link #why} for the cards shown, not for
   * every job ranked.
   */
  record Scored(FeedRanker.Ranked ranked, Optional<Double> similarity, Why.Context context) {

    UUID jobId() {
      return ranked.id();
    }

    double score() {
      return ranked.score();
    }

    JsonObject why(JobDoc job) {
      return Why.of(ranked, job, context, similarity);
    }

    /** The item a stored ranking keeps: what {@link #why} needs besides the job and the ranking's context. */
    JsonObject toItem() {
      JsonObject item = new JsonObject().put("jobId", ranked.id().toString()).put("score", ranked.score());
      if (ranked.textRank() > 0) {
        item.put("textRank", ranked.textRank());
      }
      if (ranked.vectorRank() > 0) {
        item.put("vectorRank", ranked.vectorRank());
      }
      if (ranked.explore()) {
        item.put("explore", true);
      }
      similarity.ifPresent(s -> item.put("similarity", s));
      return item;
    }

    static Scored fromItem(JsonObject item, Why.Context context) {
      return new Scored(new FeedRanker.Ranked(UUID.fromString(item.getString("jobId")), item.getDouble("score"),
          item.getInteger("textRank", 0), item.getInteger("vectorRank", 0), item.getBoolean("explore", false)),
          Optional.ofNullable(item.getDouble("similarity")), context);
    }
  }

  /** Newest eligible jobs read per family for exploration: one is placed per family, the rest are spares. */
  static final int EXPLORE_PER_FAMILY = 3;

  private Recommender() {
  }

  static List<Scored> rank(JobIndex index, MatchProfile profile, FeedFilters filters, List<Taste.Swipe> swipes,
                           Instant now, int depth, Exploration.Policy exploration, Popularity popularity) {
    Searched searched = search(index, profile, filters, swipes, depth);
    Taste taste = searched.taste();
    Set<UUID> excluded = searched.excluded();
    JobIndex.Candidates candidates = searched.candidates();
    Affinity affinity = taste.affinity();
    List<FeedRanker.Ranked> ranked = candidates.text().isEmpty() && candidates.vector().isEmpty()
        ? FeedRanker.coldStart(candidates.newest(), index.passing(filters, popularity.mostLiked(), excluded),
            popularity, index::get, now, depth)
        : FeedRanker.rank(candidates.text(), candidates.vector(), index::get, now, depth, affinity);
    if (exploration.every() > 0) {
      Map<String, List<FeedRanker.Hit>> perFamily = index.newestPerFamily(filters, excluded, EXPLORE_PER_FAMILY);
      List<String> order = Exploration.adjacency(perFamily, index.familyCentroids(), taste.queryVector(), index::get);
      ranked = Exploration.apply(ranked, perFamily, order, affinity, exploration, index::get, now, depth);
    }
    return explained(index, profile, taste, affinity, ranked, now);
  }

  /**
   * The jobs the user's profile and swipes actually match (found by the text or the vector query), in feed order,
   * without exploration or a cold start's freshness order: what a digest may recommend. Empty for a user with
   * nothing to match by.
   */
  static List<Scored> matches(JobIndex index, MatchProfile profile, FeedFilters filters, List<Taste.Swipe> swipes,
                              Instant now, int depth) {
    Searched searched = search(index, profile, filters, swipes, depth);
    Taste taste = searched.taste();
    JobIndex.Candidates candidates = searched.candidates();
    if (candidates.text().isEmpty() && candidates.vector().isEmpty()) {
      return List.of();
    }
    Affinity affinity = taste.affinity();
    return explained(index, profile, taste, affinity,
        FeedRanker.rank(candidates.text(), candidates.vector(), index::get, now, depth, affinity), now);
  }

  /** The user's taste, the jobs left out (swiped), and both candidate lists under the hard filters. */
  private record Searched(Taste taste, Set<UUID> excluded, JobIndex.Candidates candidates) {
  }

  private static Searched search(JobIndex index, MatchProfile profile, FeedFilters filters, List<Taste.Swipe> swipes,
                                 int depth) {
    Optional<float[]> profileVector = profile.vector()
        .filter(v -> profile.vectorModel().isPresent() && profile.vectorModel().equals(index.model()))
        .map(Vectors::normalized);
    Taste taste = Taste.of(profileVector, profile.skills(), swipes, index::get);
    Set<UUID> excluded = new HashSet<>();
    swipes.forEach(s -> excluded.add(s.jobId()));
    return new Searched(taste, excluded, index.search(new JobIndex.Search(taste.skillWeights(), profile.titles(),
        profile.headline(), taste.profileWeight(), taste.queryVector(), filters, excluded, depth)));
  }

  private static List<Scored> explained(JobIndex index, MatchProfile profile, Taste taste, Affinity affinity,
                                        List<FeedRanker.Ranked> ranked, Instant now) {
    Map<String, String> spelled = new HashMap<>();
    profile.skills().forEach(s -> spelled.put(s.toLowerCase(Locale.ROOT), s));
    Map<String, String> wanted = new HashMap<>();
    taste.skillWeights().forEach((skill, weight) -> {
      if (weight > 0) {
        wanted.put(skill, spelled.getOrDefault(skill, skill));
      }
    });
    Why.Context context = new Why.Context(wanted, affinity.likedFamilies(), now);
    List<Scored> scored = new java.util.ArrayList<>(ranked.size());
    for (FeedRanker.Ranked r : ranked) {
      JobDoc job = index.get(r.id());
      if (job != null) {
        scored.add(new Scored(r, Why.similarity(taste.queryVector(), job), context));
      }
    }
    return scored;
  }
}
