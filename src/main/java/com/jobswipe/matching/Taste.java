package com.jobswipe.matching;

import com.jobswipe.text.Vectors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a user's swipes say about them, folded into the two halves of the ranking query.
 *
 * <p>Vector half: Rocchio. The query is {@code α·profile + β·mean(right) − γ·mean(left)}, renormalised, so the
 * profile vector moves toward jobs swiped right and away from jobs swiped left; with no profile vector the
 * swipes alone make it. Text half: learned skill weights. Each profile skill starts at 1; every right swipe
 * on a job listing it adds {@link #RIGHT_SKILL}, every left swipe takes {@link #LEFT_SKILL}; skills the user
 * never listed but keeps swiping right on join the query at their earned weight. Saves count as neither.
 * Both halves read only the latest {@link #MEMORY} decisions, so taste can change.
 *
 * <p>The profile's weight decays with evidence: {@code α = 1 / (1 + decisions / }{@link #PROFILE_HALF}{@code )},
 * so after 20 decisions the profile weighs half, after 60 a quarter, and swipes that disagree with what the user
 * wrote (a career change, a careless profile) take over the vector, the titles and the headline of the query. A
 * truthful profile loses nothing by it: its right swipes point the same way. The decisions also make the
 * {@link Affinity} (per family, company, title pattern and vector side) that the ranker multiplies scores by.
 */
final class Taste {

  static final double ALPHA = 1.0;
  static final double BETA = 0.8;
  static final double GAMMA = 0.3;
  static final double RIGHT_SKILL = 0.5;
  static final double LEFT_SKILL = 0.25;
  static final double MAX_SKILL_WEIGHT = 4.0;
  /** Learned skills (not on the profile) that may join the query. */
  static final int MAX_LEARNED_SKILLS = 10;
  static final int MEMORY = 200;
  /** Decisions after which the profile weighs half as much as at the start. */
  static final double PROFILE_HALF = 20;

  /** One decision, newest first in the lists this class reads. */
  record Swipe(UUID jobId, String direction) {
  }

  private final Optional<float[]> queryVector;
  private final Map<String, Double> skillWeights;
  private final int rights;
  private final int lefts;
  private final double profileWeight;
  private final Affinity affinity;

  private Taste(Optional<float[]> queryVector, Map<String, Double> skillWeights, int rights, int lefts,
                double profileWeight, Affinity affinity) {
    this.queryVector = queryVector;
    this.skillWeights = skillWeights;
    this.rights = rights;
    this.lefts = lefts;
    this.profileWeight = profileWeight;
    this.affinity = affinity;
  }

  /**
   * @param profileVector the profile's unit vector, if it has one of the index's model
   * @param profileSkills the skills the user listed
   * @param recent        decisions, newest first (only the first {@link #MEMORY} are read)
   * @param jobs          the open jobs matching knows; decisions on jobs it no longer holds are skipped
   */
  static Taste of(Optional<float[]> profileVector, List<String> profileSkills, List<Swipe> recent,
                  Function<UUID, JobDoc> jobs) {
    Map<String, Double> profile = new LinkedHashMap<>();
    profileSkills.forEach(skill -> profile.put(skill.toLowerCase(Locale.ROOT), 1.0));
    Map<String, Double> learned = new TreeMap<>();
    double[] rightSum = null;
    double[] leftSum = null;
    int rights = 0;
    int lefts = 0;
    int rightVectors = 0;
    int leftVectors = 0;
    Affinity.Builder affinity = new Affinity.Builder();
    for (Swipe swipe : recent.subList(0, Math.min(MEMORY, recent.size()))) {
      JobDoc job = jobs.apply(swipe.jobId());
      if (job == null || swipe.direction().equals("save")) {
        continue;
      }
      boolean right = swipe.direction().equals("right");
      if (right) {
        rights++;
      } else {
        lefts++;
      }
      affinity.add(job, right);
      for (String skill : job.skills()) {
        String key = skill.toLowerCase(Locale.ROOT);
        double delta = right ? RIGHT_SKILL : -LEFT_SKILL;
        if (profile.containsKey(key)) {
          profile.merge(key, delta, Double::sum);
        } else {
          learned.merge(key, delta, Double::sum);
        }
      }
      if (job.vector().isPresent()) {
        float[] v = job.vector().get();
        if (right) {
          rightSum = rightSum == null ? new double[v.length] : rightSum;
          Vectors.addScaled(rightSum, v, 1);
          rightVectors++;
        } else {
          leftSum = leftSum == null ? new double[v.length] : leftSum;
          Vectors.addScaled(leftSum, v, 1);
          leftVectors++;
        }
      }
    }
    Map<String, Double> weights = new LinkedHashMap<>();
    profile.forEach((skill, w) -> weights.put(skill, clamp(w)));
    learned.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(MAX_LEARNED_SKILLS)
        .forEach(e -> weights.put(e.getKey(), clamp(e.getValue())));
    double alpha = ALPHA / (1 + (rights + lefts) / PROFILE_HALF);
    return new Taste(rocchio(profileVector, alpha, rightSum, rightVectors, leftSum, leftVectors), weights, rights,
        lefts, alpha / ALPHA, affinity.build());
  }

  private static Optional<float[]> rocchio(Optional<float[]> profile, double alpha, double[] rightSum, int rights,
                                           double[] leftSum, int lefts) {
    int dims = profile.map(p -> p.length).orElse(rightSum != null ? rightSum.length : 0);
    if (dims == 0 || (rightSum != null && rightSum.length != dims) || (leftSum != null && leftSum.length != dims)) {
      return profile;
    }
    double[] query = new double[dims];
    profile.ifPresent(p -> Vectors.addScaled(query, p, alpha));
    if (rightSum != null) {
      for (int i = 0; i < dims; i++) {
        query[i] += BETA * rightSum[i] / rights;
      }
    }
    if (leftSum != null && (profile.isPresent() || rightSum != null)) {
      for (int i = 0; i < dims; i++) {
        query[i] -= GAMMA * leftSum[i] / lefts;
      }
    }
    float[] unit = Vectors.normalized(Vectors.toFloats(query));
    return Vectors.dot(unit, unit) == 0 ? Optional.empty() : Optional.of(unit);
  }

  private static double clamp(double weight) {
    return Math.max(0, Math.min(MAX_SKILL_WEIGHT, weight));
  }

  /** The vector to search with: the profile moved by the swipes. */
  Optional<float[]> queryVector() {
    return queryVector;
  }

  /** Lower-case skill → weight for the text query; zero-weight skills stay listed (they match nothing). */
  Map<String, Double> skillWeights() {
    return skillWeights;
  }

  /** How much the profile's own words (titles, headline) still count in the query, from 1 down. */
  double profileWeight() {
    return profileWeight;
  }

  Affinity affinity() {
    return affinity;
  }

  int rights() {
    return rights;
  }

  int lefts() {
    return lefts;
  }
}
