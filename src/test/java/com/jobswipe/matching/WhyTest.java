package com.jobswipe.matching;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WhyTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private static JobDoc job(String title, String family, List<String> skills) {
    return TestJobs.inFamily(TestJobs.job(title, "Acme", skills), family);
  }

  @Test
  void anExploredCardSaysItIsNewForTheUser() {
    JobDoc designer = job("Product Designer", "design", List.of("Figma"));

    JsonObject why = Why.of(new FeedRanker.Ranked(designer.id(), 0.5, 0, 0, true), designer, Map.of(),
        Optional.empty(), Affinity.none(), NOW);

    assertThat(why.getString("reason")).isEqualTo("explore");
    assertThat(why.getString("summary"))
        .isEqualTo("New for you: a Product Designer role — you haven't seen this kind yet");
    JobDoc engineer = job("iOS Engineer", "mobile", List.of());
    assertThat(Why.of(new FeedRanker.Ranked(engineer.id(), 0.5, 0, 0, true), engineer, Map.of(), Optional.empty(),
        Affinity.none(), NOW).getString("summary")).startsWith("New for you: an iOS Engineer role");
  }

  @Test
  void aCardOfAFamilyTheUserLikesSaysSo() {
    Affinity.Builder builder = new Affinity.Builder();
    for (int i = 0; i < 4; i++) {
      builder.add(job("Android Developer " + i, "mobile", List.of()), true);
    }
    JobDoc card = job("iOS Engineer", "mobile", List.of("Swift"));

    JsonObject why = Why.of(new FeedRanker.Ranked(card.id(), 0.9, 3, 0), card, Map.of("swift", "Swift"),
        Optional.empty(), builder.build(), NOW);

    assertThat(why.getString("reason")).isEqualTo("swipes");
    assertThat(why.getInteger("likedInFamily")).isEqualTo(4);
    assertThat(why.getString("summary")).isEqualTo("Like the 4 mobile roles you liked; matches your skills Swift");
  }

  @Test
  void aCardFoundByTheProfileOrByNothingSaysThat() {
    JobDoc card = job("Backend Engineer", "software_engineering", List.of("Java"));

    assertThat(Why.of(new FeedRanker.Ranked(card.id(), 0.9, 1, 0), card, Map.of("java", "Java"), Optional.empty(),
        Affinity.none(), NOW).getString("reason")).isEqualTo("profile");
    assertThat(Why.of(new FeedRanker.Ranked(card.id(), 0.9, 0, 0), card, Map.of(), Optional.empty(),
        Affinity.none(), NOW).getString("reason")).isEqualTo("fresh");
    assertThat(Why.label("software_engineering")).isEqualTo("software engineering");
    assertThat(Why.label("data_ml")).isEqualTo("data ML");
  }
}
