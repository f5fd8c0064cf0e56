package com.jobswipe.matching;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ExplorationTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private final Map<UUID, JobDoc> jobs = new HashMap<>();

  private JobDoc add(String title, String family) {
    JobDoc job = TestJobs.inFamily(TestJobs.posted(TestJobs.job(title, title, List.of()), NOW), family);
    jobs.put(job.id(), job);
    return job;
  }

  private List<FeedRanker.Ranked> ranking(String family, int size) {
    List<FeedRanker.Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ranked.add(new FeedRanker.Ranked(add(family + " job " + i, family).id(), 1 - i / 100.0, i + 1, i + 1));
    }
    return ranked;
  }

  private Map<String, List<FeedRanker.Hit>> newest(String... families) {
    Map<String, List<FeedRanker.Hit>> out = new LinkedHashMap<>();
    for (String family : families) {
      out.put(family, List.of(new FeedRanker.Hit(add(family + " newest", family).id(), 0),
          new FeedRanker.Hit(add(family + " next", family).id(), 0)));
    }
    return out;
  }

  private List<String> families(List<FeedRanker.Ranked> ranked) {
    return ranked.stream().map(r -> jobs.get(r.id()).family().orElseThrow() + (r.explore() ? "*" : "")).toList();
  }

  @Test
  void oneCardInTenAfterTheFirstPageGoesToAFamilyNotJudgedYet() {
    List<FeedRanker.Ranked> ranked = ranking("sales", 60);
    Map<String, List<FeedRanker.Hit>> newest = newest("design", "healthcare", "finance", "legal", "sales", "hr");

    List<FeedRanker.Ranked> explored = Exploration.apply(ranked, newest, List.of("design", "healthcare", "finance",
        "legal", "sales", "hr"), Affinity.none(), Exploration.Policy.DEFAULT, jobs::get, NOW, 60);

    List<String> families = families(explored);
    assertThat(families).hasSize(60);
    assertThat(families.subList(0, 10)).containsOnly("sales");
    assertThat(families.get(10)).isEqualTo("design*");
    assertThat(families.get(20)).isEqualTo("healthcare*");
    assertThat(families.get(30)).isEqualTo("finance*");
    assertThat(families.get(40)).isEqualTo("legal*");
    // Sales is already shown, and places end at the policy's depth: hr waits for the next ranking.
    assertThat(families.subList(41, 60)).containsOnly("sales");
    assertThat(explored.get(10).score()).isGreaterThan(0).isLessThanOrEqualTo(1);
  }

  @Test
  void aLongRunOfLeftSwipesOpensPlacesOnTheFirstPageForUnjudgedFamiliesOnly() {
    Affinity.Builder builder = new Affinity.Builder();
    for (int i = 0; i < 15; i++) {
      builder.add(add("rejected design " + i, "design"), false);
    }
    Affinity affinity = builder.build();
    List<FeedRanker.Ranked> ranked = ranking("sales", 30);
    Map<String, List<FeedRanker.Hit>> newest = newest("design", "healthcare", "finance", "legal", "hr", "education");

    List<String> families = families(Exploration.apply(ranked, newest, List.of("design", "healthcare", "finance",
        "legal", "hr", "education"), affinity, Exploration.Policy.DEFAULT, jobs::get, NOW, 30));

    assertThat(Exploration.places(Exploration.Policy.DEFAULT, 15)).containsExactly(1, 3, 5, 6, 8, 10, 20, 30, 40);
    assertThat(families.subList(0, 10)).containsExactly("sales", "healthcare*", "sales", "finance*", "sales",
        "legal*", "hr*", "sales", "education*", "sales");
    assertThat(families).doesNotContain("design*");
  }

  @Test
  void aFewLeftsAtTheEndOfAGoodPageOpenNothingAndZeroTurnsExplorationOff() {
    assertThat(Exploration.places(Exploration.Policy.DEFAULT, 9)).containsExactly(10, 20, 30, 40);
    assertThat(Exploration.places(new Exploration.Policy(0, 50), 40)).isEmpty();

    List<FeedRanker.Ranked> ranked = ranking("sales", 20);
    assertThat(Exploration.apply(ranked, newest("design"), List.of("design"), Affinity.none(),
        new Exploration.Policy(0, 50), jobs::get, NOW, 20)).isSameAs(ranked);
  }

  @Test
  void aShortRankingIsNotPaddedAndAnExploredJobIsNotShownTwice() {
    List<FeedRanker.Ranked> ranked = ranking("sales", 11);
    JobDoc design = add("Product Designer", "design");
    ranked.add(new FeedRanker.Ranked(design.id(), 0.5, 12, 0));

    List<FeedRanker.Ranked> explored = Exploration.apply(ranked, Map.of("design",
        List.of(new FeedRanker.Hit(design.id(), 0))), List.of("design"), Affinity.none(), Exploration.Policy.DEFAULT,
        jobs::get, NOW, 300);

    assertThat(families(explored)).hasSize(12).endsWith("design*", "sales");
    assertThat(explored.stream().map(FeedRanker.Ranked::id).distinct()).hasSize(12);
  }

  @Test
  void neighbouringFamiliesComeFirst() {
    Map<String, List<FeedRanker.Hit>> newest = newest("design", "healthcare", "mobile");
    Map<String, float[]> centroids = Map.of("design", new float[] {0.6f, 0.8f}, "healthcare", new float[] {0, 1},
        "mobile", new float[] {1, 0});

    assertThat(Exploration.adjacency(newest, centroids, Optional.of(new float[] {1, 0}), jobs::get))
        .containsExactly("mobile", "design", "healthcare");
    assertThat(Exploration.adjacency(newest, centroids, Optional.empty(), jobs::get))
        .containsExactly("design", "healthcare", "mobile");
  }
}
