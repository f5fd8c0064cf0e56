package com.jobswipe.matching;

import com.jobswipe.bus.MatchingMessages.FeedFilters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The hard filters and the text half of the index, on hand-made jobs. */
class JobIndexTest {

  private final JobIndex index = new JobIndex(Optional.of("m"));

  @AfterEach
  void close() {
    index.close();
  }

  private JobDoc add(JobDoc job, String description) {
    index.put(List.of(new JobIndex.IndexedJob(job, description)));
    index.refresh();
    return job;
  }

  private List<UUID> find(Map<String, Double> skills, FeedFilters filters, Set<UUID> excluded) {
    return index.search(new JobIndex.Search(skills, List.of(), Optional.empty(), 1, Optional.empty(), filters, excluded,
        100)).text().stream().map(FeedRanker.Hit::id).toList();
  }

  private static FeedFilters filters(String remote, List<String> locations, Integer floor, String currency,
                                     List<String> seniority, List<String> excludedCompanies) {
    return new FeedFilters(remote, locations, Optional.ofNullable(floor), Optional.ofNullable(currency), seniority,
        excludedCompanies);
  }

  @Test
  void aListedSkillOutranksAPassingMention() {
    JobDoc listed = add(TestJobs.job("Backend Engineer", "A", List.of("Kafka", "Java")), "Build services.");
    JobDoc mentioned = add(TestJobs.job("Backend Engineer", "B", List.of("Java")), "Nice to have: Kafka.");
    add(TestJobs.job("Nurse", "C", List.of("Triage")), "Care for patients.");

    assertThat(find(Map.of("kafka", 1.0), FeedFilters.none(), Set.of())).containsExactly(listed.id(), mentioned.id());
  }

  @Test
  void workplaceFilters() {
    JobDoc remote = add(TestJobs.where(TestJobs.job("Go Developer", "A", List.of("Go")), "remote", List.of(), null), "");
    JobDoc hybrid = add(TestJobs.where(TestJobs.job("Go Developer", "B", List.of("Go")), "hybrid", List.of(), null), "");
    JobDoc onsite = add(TestJobs.where(TestJobs.job("Go Developer", "C", List.of("Go")), "onsite", List.of(), null), "");
    JobDoc unknown = add(TestJobs.job("Go Developer", "D", List.of("Go")), "");
    Map<String, Double> go = Map.of("go", 1.0);

    assertThat(find(go, filters("remote", List.of(), null, null, List.of(), List.of()), Set.of()))
        .containsExactly(remote.id());
    assertThat(find(go, filters("hybrid", List.of(), null, null, List.of(), List.of()), Set.of()))
        .containsExactlyInAnyOrder(remote.id(), hybrid.id(), unknown.id());
    assertThat(find(go, filters("onsite", List.of(), null, null, List.of(), List.of()), Set.of()))
        .containsExactlyInAnyOrder(onsite.id(), hybrid.id(), unknown.id());
    assertThat(find(go, filters("any", List.of(), null, null, List.of(), List.of()), Set.of())).hasSize(4);
  }

  @Test
  void locationsMatchByCityAndRemoteJobsMatchEverywhere() {
    JobDoc berlin = add(TestJobs.where(TestJobs.job("Go Developer", "A", List.of("Go")), "onsite",
        List.of("Berlin, Germany"), null), "");
    add(TestJobs.where(TestJobs.job("Go Developer", "B", List.of("Go")), "onsite", List.of("Munich, Germany"), null), "");
    JobDoc remote = add(TestJobs.where(TestJobs.job("Go Developer", "C", List.of("Go")), "remote",
        List.of("Lisbon, Portugal"), null), "");
    JobDoc nowhere = add(TestJobs.job("Go Developer", "D", List.of("Go")), "");

    assertThat(find(Map.of("go", 1.0), filters("any", List.of("Berlin, DE"), null, null, List.of(), List.of()),
        Set.of())).containsExactlyInAnyOrder(berlin.id(), remote.id(), nowhere.id());
  }

  @Test
  void aSalaryFloorDropsJobsPayingLessInThatCurrencyPerYear() {
    JobDoc high = add(TestJobs.paying(TestJobs.job("Go Developer", "A", List.of("Go")), 120_000.0, "USD", "year"), "");
    add(TestJobs.paying(TestJobs.job("Go Developer", "B", List.of("Go")), 70_000.0, "USD", "year"), "");
    JobDoc hourly = add(TestJobs.paying(TestJobs.job("Go Developer", "C", List.of("Go")), 60.0, "USD", "hour"), "");
    JobDoc euros = add(TestJobs.paying(TestJobs.job("Go Developer", "D", List.of("Go")), 50_000.0, "EUR", "year"), "");
    JobDoc unpaid = add(TestJobs.job("Go Developer", "E", List.of("Go")), "");

    assertThat(find(Map.of("go", 1.0), filters("any", List.of(), 100_000, "USD", List.of(), List.of()), Set.of()))
        .containsExactlyInAnyOrder(high.id(), hourly.id(), euros.id(), unpaid.id());
  }

  @Test
  void senioritySwipedJobsAndExcludedCompaniesAreLeftOut() {
    JobDoc senior = add(TestJobs.where(TestJobs.job("Go Developer", "Acme", List.of("Go")), "onsite", List.of(),
        "senior"), "");
    add(TestJobs.where(TestJobs.job("Go Developer", "B", List.of("Go")), "onsite", List.of(), "junior"), "");
    JobDoc swiped = add(TestJobs.where(TestJobs.job("Go Developer", "C", List.of("Go")), "onsite", List.of(),
        "senior"), "");
    add(TestJobs.where(TestJobs.job("Go Developer", "Evil Corp", List.of("Go")), "onsite", List.of(), "senior"), "");

    assertThat(find(Map.of("go", 1.0), filters("any", List.of(), null, null, List.of("senior"),
        List.of("EVIL CORP, Inc.")), Set.of(swiped.id()))).containsExactly(senior.id());
  }

  @Test
  void withNothingToRankByTheNewestJobsCome() {
    JobDoc older = add(TestJobs.posted(TestJobs.job("A", "A", List.of()), java.time.Instant.parse("2026-01-01T00:00:00Z")), "");
    JobDoc newer = add(TestJobs.posted(TestJobs.job("B", "B", List.of()), java.time.Instant.parse("2026-06-01T00:00:00Z")), "");

    JobIndex.Candidates candidates = index.search(new JobIndex.Search(Map.of(), List.of(), Optional.empty(),
        1, Optional.empty(), FeedFilters.none(), Set.of(), 10));

    assertThat(candidates.newest()).extracting(FeedRanker.Hit::id).containsExactly(newer.id(), older.id());
  }

  @Test
  void removedJobsLeaveTheIndex() {
    JobDoc job = add(TestJobs.job("Go Developer", "A", List.of("Go")), "");
    index.remove(List.of(job.id()));
    index.refresh();

    assertThat(find(Map.of("go", 1.0), FeedFilters.none(), Set.of())).isEmpty();
    assertThat(index.get(job.id())).isNull();
  }

  @Test
  void aRepeatedSearchIsAnsweredFromTheSameViewAndSeesEveryLaterWrite() {
    JobDoc first = add(TestJobs.job("Backend Engineer", "A", List.of("Kafka")), "");
    Map<String, Double> kafka = new java.util.HashMap<>(Map.of("kafka", 1.0));
    JobIndex.Search search = new JobIndex.Search(kafka, List.of(), Optional.empty(), 1, Optional.empty(),
        FeedFilters.none(), Set.of(), 100);
    JobIndex.Candidates once = index.search(search);
    assertThat(index.search(search)).isSameAs(once);

    JobDoc second = add(TestJobs.job("Data Engineer", "B", List.of("Kafka")), "");
    assertThat(index.search(search).text()).extracting(FeedRanker.Hit::id)
        .containsExactlyInAnyOrder(first.id(), second.id());
    index.remove(List.of(first.id()));
    index.refresh();
    assertThat(index.search(search).text()).extracting(FeedRanker.Hit::id).containsExactly(second.id());
    // A caller changing its map afterwards changes neither what was kept nor what a new search finds.
    kafka.put("kafka", 0.0);
    assertThat(find(Map.of("kafka", 1.0), FeedFilters.none(), Set.of())).containsExactly(second.id());
    assertThat(find(Map.of("kafka", 1.0), FeedFilters.none(), Set.of(second.id()))).isEmpty();
  }

  @Test
  void eachFamilyOffersItsNewestJobsThatPassTheFiltersAndWereNotSwiped() {
    java.time.Instant day = java.time.Instant.parse("2026-06-01T00:00:00Z");
    JobDoc oldDesign = add(TestJobs.inFamily(TestJobs.posted(TestJobs.job("UX Designer", "A", List.of()),
        day.minusSeconds(86_400 * 3)), "design"), "");
    JobDoc swipedDesign = add(TestJobs.inFamily(TestJobs.posted(TestJobs.job("Product Designer", "B", List.of()),
        day), "design"), "");
    JobDoc midDesign = add(TestJobs.inFamily(TestJobs.posted(TestJobs.job("Visual Designer", "C", List.of()),
        day.minusSeconds(86_400)), "design"), "");
    add(TestJobs.inFamily(TestJobs.posted(TestJobs.job("Nurse", "Evil Corp", List.of()), day), "healthcare"), "");
    JobDoc closed = add(TestJobs.inFamily(TestJobs.posted(TestJobs.job("Accountant", "D", List.of()), day),
        "finance"), "");
    index.remove(List.of(closed.id()));
    index.refresh();

    Map<String, List<FeedRanker.Hit>> newest = index.newestPerFamily(filters("any", List.of(), null, null, List.of(),
        List.of("Evil Corp")), Set.of(swipedDesign.id()), 2);

    assertThat(newest).containsOnlyKeys("design");
    assertThat(newest.get("design")).extracting(FeedRanker.Hit::id).containsExactly(midDesign.id(), oldDesign.id());
  }

  @Test
  void familiesKeepTheMeanOfTheirVectors() {
    add(TestJobs.inFamily(TestJobs.withVector(TestJobs.job("Designer", "A", List.of()), new float[] {1, 0}, "m"),
        "design"), "");
    JobDoc moved = add(TestJobs.inFamily(TestJobs.withVector(TestJobs.job("Designer", "B", List.of()),
        new float[] {0, 1}, "m"), "design"), "");
    add(TestJobs.inFamily(TestJobs.withVector(TestJobs.job("Nurse", "C", List.of()), new float[] {0, 1}, "other-model"),
        "healthcare"), "");

    assertThat(index.familyCentroids().get("design")).containsExactly(new float[] {0.70710677f, 0.70710677f},
        org.assertj.core.api.Assertions.within(1e-6f));
    assertThat(index.familyCentroids()).doesNotContainKey("healthcare");

    index.remove(List.of(moved.id()));
    index.refresh();
    assertThat(index.familyCentroids().get("design")).containsExactly(1f, 0f);
  }

  @Test
  void aRetiredIndexServesTheSearchesStillHoldingItAndClosesAfterTheLast() {
    JobDoc job = add(TestJobs.job("Backend Engineer", "A", List.of("Kafka")), "");
    assertThat(index.hold()).isTrue();

    index.retire();

    assertThat(find(Map.of("kafka", 1.0), FeedFilters.none(), Set.of())).containsExactly(job.id());
    index.release();
    assertThat(index.hold()).as("a closed index takes no new holds").isFalse();
  }
}
