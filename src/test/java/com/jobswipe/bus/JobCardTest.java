package com.jobswipe.bus;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class JobCardTest {

  private static JobCard card(Optional<JobCard.Salary> salary) {
    return new JobCard(UUID.fromString("00000000-0000-0000-0000-000000000001"), "Backend Engineer", "Acme",
        List.of("Berlin", "Remote"), "hybrid", "https://jobs.example.com/1", Optional.of("full_time"), salary,
        Optional.of(Instant.parse("2026-11-30T08:00:00Z")), Optional.of("backend"), Optional.empty(),
        List.of("java", "postgresql"));
  }

  @Test
  void wholeAmountsAreWrittenAsWholeNumbersAndCentsStay() {
    JobCard job = card(Optional.of(new JobCard.Salary(OptionalDouble.of(120000), OptionalDouble.of(65.5), "EUR",
        Optional.of("year"))));

    assertThat(job.toJson().getJsonObject("salary").encode())
        .isEqualTo("{\"min\":120000,\"max\":65.5,\"currency\":\"EUR\",\"period\":\"year\"}");
  }

  @Test
  void everyContractFieldIsWrittenAndAbsentOnesAreNull() {
    JsonObject json = card(Optional.empty()).toJson();

    assertThat(json.fieldNames()).containsExactlyInAnyOrder("id", "title", "company", "location", "locations",
        "remote", "applyUrl", "employmentType", "salary", "postedAt", "family", "seniority", "skills");
    assertThat(json.getString("location")).isEqualTo("Berlin");
    assertThat(json.getString("postedAt")).isEqualTo("2026-11-30T08:00:00Z");
    assertThat(json.containsKey("salary")).isTrue();
    assertThat(json.getValue("salary")).isNull();
    assertThat(json.getValue("seniority")).isNull();
  }
}
