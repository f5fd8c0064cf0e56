package com.jobswipe.matching;

import com.jobswipe.text.Vectors;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a user's decisions say about kinds of job, beyond the query: how often they swiped right and left on each
 * job family, each company and each title pattern, and where their left and right swipes sit in vector space. It
 * turns that into a factor in (0, 1] on a candidate's score, so a run of left swipes on one kind of job pushes that
 * kind down on the very next ranking instead of waiting for the Rocchio query to drift.
 *
 * <ul>
 *   <li><b>Family</b>: {@code min(1, 2·(r + 1)/(r + l + 2))} — the like rate with one pseudo-decision each way,
 *       doubled so that a family liked at least half the time keeps its full score. Three lefts and no right:
 *       0.4; ten: 0.17.</li>
 *   <li><b>Company</b> and <b>title pattern</b> (the title without seniority words and qualifiers, so
 *       "Senior Account Executive (EMEA)" is "account executive"): the same with two pseudo-decisions each way,
 *       from the second left on (one left is a job, two are a pattern): two lefts 0.67, four 0.5, eight 0.33.</li>
 *   <li><b>Vector</b>: {@code exp(−3·max(0, cos(job, lefts) − cos(job, rights)))} with the unit means of the jobs
 *       swiped left and right (a missing side counts 0): a job nearer what was rejected than what was liked sinks,
 *       whether or not its family is known.</li>
 * </ul>
 * A family whose factor is under {@link #REJECTED} is <em>rejected</em>: diversity then allows only a few of its
 * cards per page. Saves count as neither right nor left.
 */
final class Affinity {

  static final double FAMILY_PRIOR = 1;
  static final double PATTERN_PRIOR = 2;
  static final double VECTOR_PENALTY = 3;
  static final double REJECTED = 0.5;

  private static final String QUALIFIER_MARKS = "-–—|/";
  private static final Set<String> LEVEL_WORDS = Set.of("senior", "sr", "sr.", "junior", "jr", "jr.", "lead", "staff",
      "principal", "head", "chief", "associate", "intern", "graduate", "entry", "level", "mid", "i", "ii", "iii",
      "iv");

  private final Map<String, int[]> families;
  private final Map<String, int[]> companies;
  private final Map<String, int[]> titles;
  /** {@code mean left − mean right} (a missing side is 0): one dot product gives the difference of the cosines. */
  private final Optional<float[]> leftOverRight;
  private final boolean titlePatterns;
  private final int leftRun;

  private Affinity(Map<String, int[]> families, Map<String, int[]> companies, Map<String, int[]> titles,
                   Optional<float[]> leftMean, Optional<float[]> rightMean, int leftRun) {
    this.families = families;
    this.companies = companies;
    this.titles = titles;
    this.leftOverRight = leftMean.map(left -> {
      float[] d = left.clone();
      rightMean.filter(right -> right.length == d.length).ifPresent(right -> {
        for (int i = 0; i < d.length; i++) {
          d[i] -= right[i];
        }
      });
      return d;
    });
    // Patterns count from their second left: without one, no title needs its pattern worked out.
    this.titlePatterns = titles.values().stream().anyMatch(count -> count[1] >= 2);
    this.leftRun = leftRun;
  }

  /** No decisions: every factor is 1. */
  static Affinity none() {
    return new Builder().build();
  }

  /** Collects decisions newest first (the order the left run is counted in). */
  static final class Builder {
    private final Map<String, int[]> families = new HashMap<>();
    private final Map<String, int[]> companies = new HashMap<>();
    private final Map<String, int[]> titles = new HashMap<>();
    private double[] leftSum;
    private double[] rightSum;
    private int leftRun;
    private boolean runOver;

    Builder add(JobDoc job, boolean right) {
      int side = right ? 0 : 1;
      job.family().ifPresent(f -> families.computeIfAbsent(f, k -> new int[2])[side]++);
      if (!job.companyKey().isEmpty()) {
        companies.computeIfAbsent(job.companyKey(), k -> new int[2])[side]++;
      }
      String pattern = titlePattern(job.title());
      if (!pattern.isEmpty()) {
        titles.computeIfAbsent(pattern, k -> new int[2])[side]++;
      }
      job.vector().ifPresent(v -> {
        if (right) {
          rightSum = add(rightSum, v);
        } else {
          leftSum = add(leftSum, v);
        }
      });
      if (right) {
        runOver = true;
      } else if (!runOver) {
        leftRun++;
      }
      return this;
    }

    private static double[] add(double[] sum, float[] v) {
      if (sum == null) {
        sum = new double[v.length];
      } else if (sum.length != v.length) {
        return sum;
      }
      Vectors.addScaled(sum, v, 1);
      return sum;
    }

    Affinity build() {
      return new Affinity(families, companies, titles, unit(leftSum), unit(rightSum), leftRun);
    }

    private static Optional<float[]> unit(double[] sum) {
      if (sum == null) {
        return Optional.empty();
      }
      float[] unit = Vectors.normalized(Vectors.toFloats(sum));
      return Vectors.dot(unit, unit) == 0 ? Optional.empty() : Optional.of(unit);
    }
  }

  /**
   * The title as a pattern: lower case, without a qualifier after "(", "," or a spaced dash, bar or slash, without
   * seniority words. Plain string scanning: it runs once per candidate of every ranking that has swipes.
   */
  static String titlePattern(String title) {
    String base = title.toLowerCase(Locale.ROOT);
    int cut = base.length();
    for (int i = 0; i < base.length(); i++) {
      char c = base.charAt(i);
      boolean spacedMark = c == ' ' && i + 2 < base.length() && QUALIFIER_MARKS.indexOf(base.charAt(i + 1)) >= 0
          && base.charAt(i + 2) == ' ';
      if (c == '(' || c == ',' || spacedMark) {
        cut = i;
        break;
      }
    }
    StringBuilder out = new StringBuilder();
    for (String word : base.substring(0, cut).split(" ")) {
      if (!word.isEmpty() && !LEVEL_WORDS.contains(word)) {
        out.append(out.length() == 0 ? "" : " ").append(word);
      }
    }
    return out.toString();
  }

  /** The factor on a candidate's score, in (0, 1]. */
  double factor(JobDoc job) {
    double factor = job.family().map(this::familyFactor).orElse(1.0);
    factor *= pattern(companies.get(job.companyKey()));
    if (titlePatterns) {
      factor *= pattern(titles.get(titlePattern(job.title())));
    }
    if (leftOverRight.isPresent() && job.vector().isPresent()
        && job.vector().get().length == leftOverRight.get().length) {
      factor *= Math.exp(-VECTOR_PENALTY * Math.max(0, Vectors.dot(job.vector().get(), leftOverRight.get())));
    }
    return factor;
  }

  double familyFactor(String family) {
    return rate(families.get(family), FAMILY_PRIOR);
  }

  /** A company or title pattern counts from its second left: one left is a job, two are a pattern. */
  private static double pattern(int[] count) {
    return count == null || count[1] < 2 ? 1 : rate(count, PATTERN_PRIOR);
  }

  private static double rate(int[] count, double prior) {
    if (count == null) {
      return 1;
    }
    return Math.min(1, 2 * (count[0] + prior) / (count[0] + count[1] + 2 * prior));
  }

  /** Whether the user decided on any job of this family. */
  boolean judged(String family) {
    return families.containsKey(family);
  }

  /** A family the user keeps swiping left on: diversity allows few of its cards. */
  boolean rejects(String family) {
    return familyFactor(family) < REJECTED;
  }

  /** Right swipes on jobs of this family. */
  int rightsIn(String family) {
    int[] count = families.get(family);
    return count == null ? 0 : count[0];
  }

  /**
   * Right swipes per family, for the families a card may say the user liked: liked at least once and not held back
   * by their lefts ({@link #familyFactor} at 1).
   */
  Map<String, Integer> likedFamilies() {
    Map<String, Integer> liked = new HashMap<>();
    families.forEach((family, count) -> {
      if (count[0] > 0 && familyFactor(family) >= 1) {
        liked.put(family, count[0]);
      }
    });
    return liked;
  }

  /** Left swipes since the latest right one (saves skipped): a long run says the feed is not working. */
  int leftRun() {
    return leftRun;
  }
}
