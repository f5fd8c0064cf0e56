package com.jobswipe.matching;

import com.jobswipe.bus.MatchingMessages.FeedFilters;
import com.jobswipe.bus.MatchingMessages.MatchProfile;
import com.jobswipe.text.Vectors;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offline evaluation of how the feed follows what people do, with the real embedding model and the real index over
 * a catalogue of twelve job families. Four kinds of simulated user, one per family each (deterministic: the
 * catalogue is seeded and every user swipes by a fixed rule):
 * <ul>
 *   <li><b>truthful</b>: the profile lists family A's skills and title; right on A, left on the rest;</li>
 *   <li><b>switcher</b>: the profile is in family A; right only on family B (six families along), left on the rest;</li>
 *   <li><b>explorer</b>: the profile is in family A; right on A and on family C (three along), left on the rest;</li>
 *   <li><b>empty</b>: no profile at all; right only on family B.</li>
 * </ul>
 * Each user swipes the first ten cards of a new ranking, six times (60 swipes); explorers also the first twenty (the
 * API's default page), three times. Reported per kind: the swipe at which the first liked card came (1-based; for
 * explorers, in brackets, the first card of the second family), and nDCG@10 of the liked families in the ranking made
 * after 0, 20, 40 and 60 swipes.
 */
class SimulatedUsersTest {

  private static final String MODEL = "all-minilm-l6-v2-q";
  private static final int PER_FAMILY = 80;
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final int PAGE = 10;
  private static final int SWIPES = 60;
  private static final List<JobFixtures.Family> FAMILIES = JobFixtures.TWELVE_FAMILIES;

  private static EmbeddingModel model;
  private static JobIndex index;
  private static final Map<UUID, String> FAMILY_OF = new HashMap<>();
  private static final Map<String, Long> AVAILABLE = new HashMap<>();
  private static final List<String> REPORT = new ArrayList<>();

  /**
   * What one simulated user went through: the first liked swipe and the first swipe on a card of the second liked
   * family (0 = none in 60, or no second family), nDCG@10 after 0/20/40/60 swipes.
   */
  record Run(String user, int firstLiked, int firstOfSecond, double[] ndcg) {
  }

  @BeforeAll
  static void indexCatalogue() {
    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    List<JobFixtures.Posting> postings = JobFixtures.postings(FAMILIES, PER_FAMILY, 7, NOW, 30);
    var vectors = model.embedAll(postings.stream().map(p -> TextSegment.from(p.embeddingText())).toList()).content();
    index = new JobIndex(Optional.of(MODEL));
    List<JobIndex.IndexedJob> jobs = new ArrayList<>();
    for (int i = 0; i < postings.size(); i++) {
      JobFixtures.Posting p = postings.get(i);
      UUID id = new UUID(7, i);
      FAMILY_OF.put(id, p.family());
      AVAILABLE.merge(p.family(), 1L, Long::sum);
      JobDoc doc = new JobDoc(id, 1, p.title(), p.company(), p.company().toLowerCase(), p.locations(), p.remote(),
          Optional.of("full_time"), Optional.of(new JobDoc.Salary(OptionalDouble.empty(),
          OptionalDouble.of(p.salaryMax()), p.currency(), Optional.of("year"))), "https://jobs.example.com/" + id,
          Optional.of(p.postedAt()), Optional.of(p.family()), Optional.of(p.seniority()), p.skills(),
          Optional.of(Vectors.normalized(vectors.get(i).vector())), Optional.of(MODEL));
      jobs.add(new JobIndex.IndexedJob(doc, p.description()));
    }
    index.put(jobs);
    index.refresh();
  }

  @AfterAll
  static void close() {
    index.close();
    System.out.println("user                    first liked (second family)  nDCG@10 after 0 / 20 / 40 / 60 swipes");
    REPORT.forEach(System.out::println);
  }

  private static JobFixtures.Family family(int at) {
    return FAMILIES.get(Math.floorMod(at, FAMILIES.size()));
  }

  private static MatchProfile profileOf(JobFixtures.Family family) {
    List<String> skills = family.skills().subList(0, 4);
    String title = family.titles().get(0);
    float[] vector = model.embed(title + ". Skills: " + String.join(", ", skills) + ".").content().vector();
    return new MatchProfile(skills, List.of(title), Optional.empty(), Optional.of(vector), Optional.of(MODEL));
  }

  @Test
  void aTruthfulProfileStaysOnItsFamily() {
    List<Run> runs = new ArrayList<>();
    for (int a = 0; a < FAMILIES.size(); a++) {
      runs.add(simulate("truthful " + family(a).name(), profileOf(family(a)), List.of(family(a).name())));
    }
    report("truthful", runs);
    for (Run run : runs) {
      assertThat(run.firstLiked()).as("%s: first liked swipe", run.user()).isEqualTo(1);
      assertThat(run.ndcg()[1]).as("%s: nDCG@10 after 20 swipes", run.user()).isGreaterThanOrEqualTo(0.8);
      assertThat(run.ndcg()[3]).as("%s: nDCG@10 after 60 swipes", run.user()).isGreaterThanOrEqualTo(0.8);
    }
  }

  @Test
  void aCareerSwitcherIsFollowedBySwipesNotTheProfile() {
    List<Run> runs = new ArrayList<>();
    for (int a = 0; a < FAMILIES.size(); a++) {
      runs.add(simulate("switcher " + family(a).name() + "→" + family(a + 6).name(), profileOf(family(a)),
          List.of(family(a + 6).name())));
    }
    report("switcher", runs);
    for (Run run : runs) {
      assertThat(run.firstLiked()).as("%s: first liked swipe", run.user()).isBetween(1, 30);
      assertThat(run.ndcg()[3]).as("%s: nDCG@10 after 60 swipes", run.user()).isGreaterThanOrEqualTo(0.7);
    }
  }

  @Test
  void anExplorerFindsTheSecondFamily() {
    List<Run> runs = new ArrayList<>();
    for (int a = 0; a < FAMILIES.size(); a++) {
      runs.add(simulate("explorer " + family(a).name() + "+" + family(a + 3).name(), profileOf(family(a)),
          List.of(family(a).name(), family(a + 3).name())));
    }
    report("explorer", runs);
    for (Run run : runs) {
      assertThat(run.firstLiked()).as("%s: first liked swipe", run.user()).isEqualTo(1);
      assertThat(run.ndcg()[3]).as("%s: nDCG@10 after 60 swipes", run.user()).isGreaterThanOrEqualTo(0.7);
    }
  }

  @Test
  void anExplorerOnTheApisTwentyCardPagesMeetsNeighbouringFamilies() {
    List<Run> runs = new ArrayList<>();
    for (int a = 0; a < FAMILIES.size(); a++) {
      runs.add(simulate("explorer/20 " + family(a).name() + "+" + family(a + 3).name(), profileOf(family(a)),
          List.of(family(a).name(), family(a + 3).name()), 20));
    }
    report("explorer/20", runs);
    for (Run run : runs) {
      assertThat(run.ndcg()[3]).as("%s: nDCG@10 after 60 swipes", run.user()).isGreaterThanOrEqualTo(0.7);
    }
    // The 11th card of each page explores, nearest families first, so a second family near the first is met.
    assertThat(runs).filteredOn(run -> run.firstOfSecond() > 0).isNotEmpty();
  }

  @Test
  void anEmptyProfileConvergesFromSwipesAlone() {
    List<Run> runs = new ArrayList<>();
    for (int b = 0; b < FAMILIES.size(); b++) {
      runs.add(simulate("empty →" + family(b).name(), MatchProfile.empty(), List.of(family(b).name())));
    }
    report("empty", runs);
    for (Run run : runs) {
      assertThat(run.ndcg()[0]).as("%s: a first page exists", run.user()).isGreaterThanOrEqualTo(0);
      assertThat(run.ndcg()[3]).as("%s: nDCG@10 after 60 swipes", run.user()).isGreaterThanOrEqualTo(0.7);
    }
  }

  private static Run simulate(String user, MatchProfile profile, List<String> liked) {
    return simulate(user, profile, liked, PAGE);
  }

  /**
   * Swipes the first {@code page} cards of a new ranking until 60 swipes; a card of a liked family goes right, any
   * other left. nDCG@10 is read from the rankings made after 0, 20, 40 and 60 swipes.
   */
  private static Run simulate(String user, MatchProfile profile, List<String> liked, int page) {
    List<Taste.Swipe> swipes = new ArrayList<>();
    Map<String, Long> likedLeft = new HashMap<>();
    liked.forEach(f -> likedLeft.put(f, AVAILABLE.get(f)));
    double[] ndcg = new double[SWIPES / 20 + 1];
    int firstLiked = 0;
    int firstOfSecond = 0;
    while (true) {
      List<Recommender.Scored> ranking = rank(profile, swipes);
      if (swipes.size() % 20 == 0) {
        ndcg[swipes.size() / 20] = ndcg(ranking, liked, likedLeft.values().stream().mapToLong(Long::longValue).sum());
      }
      if (swipes.size() == SWIPES) {
        break;
      }
      assertThat(ranking).as("%s: ranking after %d swipes", user, swipes.size()).hasSizeGreaterThanOrEqualTo(page);
      for (Recommender.Scored card : ranking.subList(0, page)) {
        String family = FAMILY_OF.get(card.jobId());
        boolean right = liked.contains(family);
        swipes.add(0, new Taste.Swipe(card.jobId(), right ? "right" : "left"));
        if (right) {
          likedLeft.merge(family, -1L, Long::sum);
          firstLiked = firstLiked == 0 ? swipes.size() : firstLiked;
          boolean second = liked.size() > 1 && family.equals(liked.get(1));
          firstOfSecond = firstOfSecond == 0 && second ? swipes.size() : firstOfSecond;
        }
      }
    }
    return new Run(user, firstLiked, firstOfSecond, ndcg);
  }

  private static List<Recommender.Scored> rank(MatchProfile profile, List<Taste.Swipe> swipes) {
    return Recommender.rank(index, profile, FeedFilters.none(), swipes, NOW, 300, Exploration.Policy.DEFAULT,
        Popularity.NONE);
  }

  private static double ndcg(List<Recommender.Scored> ranking, List<String> liked, long relevantLeft) {
    List<String> relevant = ranking.stream().map(s -> liked.contains(FAMILY_OF.get(s.jobId())) ? "yes" : "no")
        .toList();
    return JobFixtures.ndcg(relevant, "yes", PAGE, (int) relevantLeft);
  }

  private static void report(String kind, List<Run> runs) {
    for (Run run : runs) {
      REPORT.add(String.format("%-28s %3s %4s   %.2f / %.2f / %.2f / %.2f", run.user(),
          run.firstLiked() == 0 ? "—" : String.valueOf(run.firstLiked()),
          kind.startsWith("explorer") ? run.firstOfSecond() == 0 ? "(—)" : "(" + run.firstOfSecond() + ")" : "",
          run.ndcg()[0], run.ndcg()[1], run.ndcg()[2], run.ndcg()[3]));
    }
    double[] mean = new double[4];
    for (int i = 0; i < 4; i++) {
      int at = i;
      mean[i] = runs.stream().mapToDouble(r -> r.ndcg()[at]).average().orElse(0);
    }
    long found = runs.stream().filter(r -> r.firstLiked() > 0).count();
    double firstMean = runs.stream().filter(r -> r.firstLiked() > 0).mapToInt(Run::firstLiked).average().orElse(0);
    REPORT.add(String.format("%-28s %d/%d found, mean first %.1f   %.2f / %.2f / %.2f / %.2f", "MEAN " + kind,
        found, runs.size(), firstMean, mean[0], mean[1], mean[2], mean[3]));
  }
}
