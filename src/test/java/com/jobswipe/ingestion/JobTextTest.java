package com.jobswipe.ingestion;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JobTextTest {

  @Test
  void titleCompanySkillsAndTheStartOfTheDescription() {
    String description = "We build payment rails.\n\n  You will   own APIs. " + "Benefits galore. ".repeat(100);

    String text = JobText.of(" Senior Backend Engineer ", "Northwind Payments", List.of("Java", " Kafka "),
        description);

    assertThat(text).startsWith("Senior Backend Engineer at Northwind Payments\nSkills: Java, Kafka\n"
        + "We build payment rails. You will own APIs. Benefits galore.");
    assertThat(text.length()).isLessThanOrEqualTo(100 + JobText.DESCRIPTION_CHARS);
    assertThat(text).doesNotEndWith(" ").endsWith("galore.");
  }

  @Test
  void missingPartsLeaveNoDanglingSeparators() {
    assertThat(JobText.of("Welder", "", List.of(), null)).isEqualTo("Welder");
    assertThat(JobText.of("", "Initech", java.util.Arrays.asList("", null), "  ")).isEqualTo("Initech");
  }
}
