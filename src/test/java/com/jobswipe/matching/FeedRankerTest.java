package com.jobswipe.matching;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeedRankerTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private final Map<UUID, JobDoc> jobs = new HashMap<>();

  private JobDoc add(JobDoc job) {
    jobs.put(job.id(), job);
    return job;
  }

  private static FeedRanker.Hit hit(JobDoc job) {
    return new FeedRanker.Hit(job.id(), 1);
  }

  @Test
  void aJobHighInBothListsBeatsOneTopOfOnlyOne() {
    JobDoc both = add(TestJobs.job("Both", "A", List.of()));
    JobDoc textOnly = add(TestJobs.job("Text", "B", List.of()));
    JobDoc vectorOnly = add(TestJobs.job("Vector", "C", List.of()));

    List<FeedRanker.Ranked> ranked = FeedRanker.rank(List.of(hit(textOnly), hit(both)),
        List.of(hit(vectorOnly), hit(both)), jobs::get, NOW, 10, Affinity.none());

    assertThat(ranked).extracting(FeedRanker.Ranked::id).first().isEqualTo(both.id());
    FeedRanker.Ranked first = ranked.get(0);
    assertThat(first.textRank()).isEqualTo(2);
    assertThat(first.vectorRank()).isEqualTo(2);
    // RRF: 1/62 + 1/62, over the maximum 2/61 × 1.2 (undated: no freshness boost).
    assertThat(first.score()).isCloseTo((2.0 / 62) / (2.0 / 61 * 1.2), within(1e-9));
  }

  @Test
  void fresherJobsWinTies() {
    JobDoc old = add(TestJobs.posted(TestJobs.job("Old", "A", List.of()), NOW.minus(Duration.ofDays(60))));
    JobDoc fresh = add(TestJobs.posted(TestJobs.job("Fresh", "B", List.of()), NOW.minus(Duration.ofHours(2))));

    List<FeedRanker.Ranked> ranked = FeedRanker.rank(List.of(hit(old)), List.of(hit(fresh)), jobs::get, NOW, 10, Affinity.none());

    assertThat(ranked).extracting(FeedRanker.Ranked::id).containsExactly(fresh.id(), old.id());
    assertThat(FeedRanker.freshness(Optional.of(NOW.minus(Duration.ofDays(14))), NOW)).isCloseTo(0.5, within(1e-9));
    assertThat(FeedRanker.freshness(Optional.empty(), NOW)).isZero();
  }

  @Test
  void noCompanyHasMoreThanTwoCardsInAnyTenWhileOthersRemain() {
    List<FeedRanker.Hit> text = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      text.add(hit(add(TestJobs.job("Wall " + i, "Megacorp", List.of()))));
    }
    for (int i = 0; i < 8; i++) {
      text.add(hit(add(TestJobs.job("Other " + i, "Company " + i, List.of()))));
    }

    List<FeedRanker.Ranked> ranked = FeedRanker.rank(text, List.of(), jobs::get, NOW, 100, Affinity.none());

    List<String> companies = ranked.stream().map(r -> jobs.get(r.id()).companyKey()).toList();
    assertThat(companies).hasSize(20);
    // The eight others run out after position 9; until then every window of ten holds two Megacorp cards at most.
    for (int start = 0; start + 10 <= 12; start++) {
      assertThat(companies.subList(start, start + 10).stream().filter("megacorp"::equals).count())
          .as("Megacorp cards in positions %d..%d", start, start + 9).isLessThanOrEqualTo(2);
    }
    assertThat(companies.get(0)).isEqualTo("megacorp");
    // When only Megacorp is left, the rest still follow rather than vanish.
    assertThat(companies.subList(10, 20)).containsOnly("megacorp");
  }

  @Test
  void jobsClosedMeanwhileAreDropped() {
    JobDoc open = add(TestJobs.job("Open", "A", List.of()));
    FeedRanker.Hit gone = new FeedRanker.Hit(UUID.randomUUID(), 9);

    assertThat(FeedRanker.rank(List.of(gone, hit(open)), List.of(), jobs::get, NOW, 10, Affinity.none()))
        .extracting(FeedRanker.Ranked::id).containsExactly(open.id());
  }

  @Test
  void theDepthBoundsTheRanking() {
    List<FeedRanker.Hit> text = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      text.add(hit(add(TestJobs.job("Job " + i, "Company " + i, List.of()))));
    }
    assertThat(FeedRanker.rank(text, List.of(), jobs::get, NOW, 20, Affinity.none())).hasSize(20);
  }

  @Test
  void aFamilyTheUserKeepsRejectingSinksAndHasAtMostTwoCardsInAnyTen() {
    List<FeedRanker.Hit> text = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      text.add(hit(add(TestJobs.inFamily(TestJobs.job("Account Executive " + i, "Sales Co " + i, List.of()),
          "sales"))));
    }
    for (int i = 0; i < 185; i++) {
      text.add(new FeedRanker.Hit(UUID.randomUUID(), 1));
    }
    // Design comes far down the text list: even sunk, sales outscores it, so only the cap makes room for design.
    for (int i = 0; i < 15; i++) {
      text.add(hit(add(TestJobs.inFamily(TestJobs.job("Designer " + i, "Design Co " + i, List.of()), "design"))));
    }
    Affinity.Builder rejecting = new Affinity.Builder();
    for (int i = 0; i < 3; i++) {
      rejecting.add(TestJobs.inFamily(TestJobs.job("Sales Rep", "Elsewhere " + i, List.of()), "sales"), false);
    }

    List<FeedRanker.Ranked> ranked = FeedRanker.rank(text, List.of(), jobs::get, NOW, 100, rejecting.build());

    List<String> families = ranked.stream().map(r -> jobs.get(r.id()).family().orElseThrow()).toList();
    assertThat(families.subList(0, 3)).containsExactly("sales", "sales", "design");
    // Design runs out after position 18; until then every window of ten holds two sales cards at most.
    for (int start = 0; start + 10 <= 19; start++) {
      assertThat(families.subList(start, start + 10).stream().filter("sales"::equals).count())
          .as("sales cards in positions %d..%d", start, start + 9).isLessThanOrEqualTo(2);
    }
    assertThat(families).hasSize(30);
    // Without swipes the order stands: the fifteen sales jobs come first.
    assertThat(FeedRanker.rank(text, List.of(), jobs::get, NOW, 100, Affinity.none()).subList(0, 10))
        .allMatch(r -> jobs.get(r.id()).family().orElseThrow().equals("sales"));
  }

  @Test
  void aColdStartMixesFamilies() {
    List<FeedRanker.Hit> newest = new ArrayList<>();
    for (String family : List.of("sales", "design", "healthcare")) {
      for (int i = 0; i < 6; i++) {
        newest.add(hit(add(TestJobs.inFamily(TestJobs.posted(TestJobs.job(family + i, family + " co " + i,
            List.of()), NOW.minus(Duration.ofHours(newest.size()))), family))));
      }
    }

    List<String> families = FeedRanker.coldStart(newest, List.of(), Popularity.NONE, jobs::get, NOW, 100).stream()
        .map(r -> jobs.get(r.id()).family().orElseThrow()).toList();

    assertThat(families.subList(0, 6)).containsExactly("sales", "sales", "design", "design", "healthcare",
        "healthcare");
  }

  @Test
  void aColdStartPutsWhatOthersLikedBesideWhatIsFresh() {
    List<FeedRanker.Hit> newest = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      newest.add(hit(add(TestJobs.inFamily(TestJobs.posted(TestJobs.job("fresh" + i, "fresh co " + i, List.of()),
          NOW.minus(Duration.ofHours(i))), "sales"))));
    }
    // A month old, so not among the newest; liked by five people, against one for the freshest job.
    FeedRanker.Hit loved = hit(add(TestJobs.inFamily(TestJobs.posted(TestJobs.job("loved", "loved co", List.of()),
        NOW.minus(Duration.ofDays(30))), "design")));
    Popularity popularity = Popularity.of(Map.of(loved.id(), 5, newest.get(0).id(), 1));

    List<FeedRanker.Ranked> ranked = FeedRanker.coldStart(newest, List.of(loved), popularity, jobs::get, NOW, 100);

    assertThat(ranked.get(0).id()).as("liked by most, though a month old").isEqualTo(loved.id());
    assertThat(ranked.get(1).id()).as("the freshest, liked once").isEqualTo(newest.get(0).id());
    assertThat(ranked).extracting(FeedRanker.Ranked::id).doesNotHaveDuplicates().hasSize(5);
    assertThat(ranked).allSatisfy(r -> assertThat(r.score()).isBetween(0.0, 1.0));
    assertThat(FeedRanker.coldStart(newest, List.of(loved), Popularity.NONE, jobs::get, NOW, 100).get(0).id())
        .as("with nobody's likes, freshness alone").isEqualTo(newest.get(0).id());
  }
}
