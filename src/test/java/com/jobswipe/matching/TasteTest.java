package com.jobswipe.matching;

import com.jobswipe.text.Vectors;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TasteTest {

  private final Map<UUID, JobDoc> jobs = new HashMap<>();

  private JobDoc add(JobDoc job) {
    jobs.put(job.id(), job);
    return job;
  }

  @Test
  void rightSwipesPullTheQueryTowardTheJobAndLeftSwipesPushItAway() {
    float[] profile = {1, 0, 0};
    JobDoc liked = add(TestJobs.withVector(TestJobs.job("Liked", "A", List.of()), new float[] {0, 1, 0}, "m"));
    JobDoc disliked = add(TestJobs.withVector(TestJobs.job("Disliked", "B", List.of()), new float[] {0, 0, 1}, "m"));

    Taste taste = Taste.of(Optional.of(profile), List.of(), List.of(new Taste.Swipe(liked.id(), "right"),
        new Taste.Swipe(disliked.id(), "left")), jobs::get);

    float[] query = taste.queryVector().orElseThrow();
    assertThat(Vectors.dot(query, query)).isCloseTo(1f, within(1e-5f));
    assertThat(Vectors.dot(query, liked.vector().get())).isGreaterThan(0.5f);
    assertThat(Vectors.dot(query, disliked.vector().get())).isLessThan(0f);
    assertThat(taste.rights()).isEqualTo(1);
    assertThat(taste.lefts()).isEqualTo(1);
  }

  @Test
  void withoutAProfileVectorTheSwipesAloneMakeTheQuery() {
    JobDoc liked = add(TestJobs.withVector(TestJobs.job("Liked", "A", List.of()), new float[] {0, 3, 4}, "m"));

    Taste taste = Taste.of(Optional.empty(), List.of(), List.of(new Taste.Swipe(liked.id(), "right")), jobs::get);

    assertThat(taste.queryVector().orElseThrow()).containsExactly(new float[] {0, 0.6f, 0.8f}, within(1e-6f));
    assertThat(Taste.of(Optional.empty(), List.of(), List.of(), jobs::get).queryVector()).isEmpty();
  }

  @Test
  void skillWeightsLearnFromSwipesAndSavesCountAsNeither() {
    JobDoc kafka = add(TestJobs.job("Streaming", "A", List.of("Kafka", "Java")));
    JobDoc php = add(TestJobs.job("Legacy", "B", List.of("PHP", "Java")));
    JobDoc saved = add(TestJobs.job("Maybe", "C", List.of("Rust")));

    Taste taste = Taste.of(Optional.empty(), List.of("Java", "PHP"), List.of(
        new Taste.Swipe(kafka.id(), "right"), new Taste.Swipe(php.id(), "left"),
        new Taste.Swipe(saved.id(), "save")), jobs::get);

    assertThat(taste.skillWeights()).containsEntry("java", 1.25).containsEntry("php", 0.75)
        .containsEntry("kafka", 0.5).doesNotContainKey("rust");
  }

  @Test
  void swipesOnJobsNoLongerOpenAreSkipped() {
    Taste taste = Taste.of(Optional.of(new float[] {1, 0}), List.of("Go"),
        List.of(new Taste.Swipe(UUID.randomUUID(), "right")), jobs::get);

    assertThat(taste.rights()).isZero();
    assertThat(taste.queryVector().orElseThrow()).containsExactly(1f, 0f);
  }

  @Test
  void theProfileWeighsLessAsDecisionsAccumulateSoSwipesThatDisagreeWin() {
    float[] profile = {1, 0};
    JobDoc liked = add(TestJobs.withVector(TestJobs.job("Liked", "A", List.of()), new float[] {0, 1}, "m"));
    JobDoc disliked = add(TestJobs.withVector(TestJobs.job("Disliked", "B", List.of()), new float[] {1, 0}, "m"));
    List<Taste.Swipe> few = List.of(new Taste.Swipe(liked.id(), "right"), new Taste.Swipe(disliked.id(), "left"));
    List<Taste.Swipe> many = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(new Taste.Swipe(liked.id(), "right"));
      many.add(new Taste.Swipe(disliked.id(), "left"));
    }

    Taste early = Taste.of(Optional.of(profile), List.of(), few, jobs::get);
    Taste late = Taste.of(Optional.of(profile), List.of(), many, jobs::get);

    assertThat(early.profileWeight()).isCloseTo(1 / 1.1, within(1e-9));
    assertThat(late.profileWeight()).isCloseTo(0.25, within(1e-9));
    assertThat(Taste.of(Optional.of(profile), List.of(), List.of(), jobs::get).profileWeight()).isEqualTo(1);
    // After 60 decisions the query has left the profile's side altogether.
    assertThat(late.queryVector().orElseThrow()[0]).isLessThan(0).isLessThan(early.queryVector().orElseThrow()[0]);
  }
}
