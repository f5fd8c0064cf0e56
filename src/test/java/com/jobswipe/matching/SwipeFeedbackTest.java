package com.jobswipe.matching;

import com.jobswipe.bus.MatchingMessages.FeedFilters;
import com.jobswipe.bus.MatchingMessages.MatchProfile;
import com.jobswipe.text.Vectors;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offline evaluation of swipe feedback, with the real embedding model and the real index: a simulated user
 * whose profile lists one skill from each of three families swipes right only on jobs of one of them (left on
 * the rest) through two pages of ten. nDCG@10 of that family in the next ranking must rise above the first
 * ranking's, for every family.
 */
class SwipeFeedbackTest {

  private static final String MODEL = "all-minilm-l6-v2-q";
  private static final int PER_FAMILY = 30;
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private static EmbeddingModel model;
  private static JobIndex index;
  private static final Map<UUID, String> FAMILY_OF = new HashMap<>();
  private static final List<double[]> RESULTS = new ArrayList<>();

  @BeforeAll
  static void indexFixtures() {
    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    List<JobFixtures.Posting> postings = JobFixtures.postings(PER_FAMILY, 42, NOW, 30);
    List<TextSegment> texts = postings.stream().map(p -> TextSegment.from(p.embeddingText())).toList();
    var vectors = model.embedAll(texts).content();
    index = new JobIndex(Optional.of(MODEL));
    List<JobIndex.IndexedJob> jobs = new ArrayList<>();
    for (int i = 0; i < postings.size(); i++) {
      JobFixtures.Posting p = postings.get(i);
      UUID id = UUID.randomUUID();
      FAMILY_OF.put(id, p.family());
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
    double before = RESULTS.stream().mapToDouble(r -> r[0]).average().orElse(0);
    double after = RESULTS.stream().mapToDouble(r -> r[1]).average().orElse(0);
    System.out.printf("swipe feedback: mean nDCG@10 %.3f before, %.3f after 20 swipes%n", before, after);
  }

  static Stream<String> families() {
    return JobFixtures.FAMILIES.stream().map(JobFixtures.Family::name);
  }

  @ParameterizedTest(name = "a user who only likes {0} jobs sees more of them after 20 swipes")
  @MethodSource("families")
  void rightSwipesOnOneFamilyRaiseItsNdcg(String wanted) {
    List<JobFixtures.Family> all = JobFixtures.FAMILIES;
    int at = all.indexOf(JobFixtures.family(wanted));
    List<String> skills = List.of(all.get(at).skills().get(0), all.get((at + 1) % all.size()).skills().get(0),
        all.get((at + 3) % all.size()).skills().get(0));
    float[] profileVector = model.embed("Skills: " + String.join(", ", skills) + ".").content().vector();
    MatchProfile profile = new MatchProfile(skills, List.of(), Optional.empty(), Optional.of(profileVector),
        Optional.of(MODEL));

    List<Taste.Swipe> swipes = new ArrayList<>();
    double before = ndcg(rank(profile, swipes), wanted, swipes);
    for (int page = 0; page < 2; page++) {
      List<Recommender.Scored> ranking = rank(profile, swipes);
      for (Recommender.Scored card : ranking.subList(0, 10)) {
        String direction = FAMILY_OF.get(card.jobId()).equals(wanted) ? "right" : "left";
        swipes.add(0, new Taste.Swipe(card.jobId(), direction));
      }
    }
    double after = ndcg(rank(profile, swipes), wanted, swipes);
    RESULTS.add(new double[] {before, after});
    System.out.printf("%-9s nDCG@10 %.3f -> %.3f%n", wanted, before, after);

    assertThat(swipes).hasSize(20);
    assertThat(after).as("nDCG@10 for %s after 20 swipes", wanted).isGreaterThan(before).isGreaterThanOrEqualTo(0.8);
  }

  private static List<Recommender.Scored> rank(MatchProfile profile, List<Taste.Swipe> swipes) {
    return Recommender.rank(index, profile, FeedFilters.none(), swipes, NOW, 300, Exploration.Policy.DEFAULT,
        Popularity.NONE);
  }

  private static double ndcg(List<Recommender.Scored> ranking, String wanted, List<Taste.Swipe> swipes) {
    long swipedRight = swipes.stream().filter(s -> s.direction().equals("right")).count();
    List<String> families = ranking.stream().map(s -> FAMILY_OF.get(s.jobId())).toList();
    return JobFixtures.ndcg(families, wanted, 10, (int) (PER_FAMILY - swipedRight));
  }
}
