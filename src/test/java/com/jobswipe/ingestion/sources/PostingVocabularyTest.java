package com.jobswipe.ingestion.sources;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PostingVocabularyTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "Full-time                | full_time",
      "FullTime                 | full_time",
      "FULL_TIME                | full_time",
      "Full Time - Permanent    | full_time",
      "permanent                | full_time",
      "Part-time                | part_time",
      "part_time                | part_time",
      "Teilzeit                 | part_time",
      "Contract                 | contract",
      "Contractor               | contract",
      "freelance                | contract",
      "Temporary                | temporary",
      "Fixed-term               | temporary",
      "Intern                   | internship",
      "Internship               | internship",
      "International EOR        | other",
      "Volunteer                | other",
      "''                       | -",
  })
  void employmentTypes(String raw, String expected) {
    assertThat(PostingVocabulary.employmentType(raw).orElse(null)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "remote       | remote",
      "Remote       | remote",
      "hybrid       | hybrid",
      "Hybrid       | hybrid",
      "on-site      | onsite",
      "OnSite       | onsite",
      "In Office    | onsite",
      "unspecified  | unknown",
      "''           | unknown",
  })
  void workplaces(String raw, String expected) {
    assertThat(PostingVocabulary.workplace(raw)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "per-year-salary  | year",
      "1 YEAR           | year",
      "Annual           | year",
      "per-month-salary | month",
      "per-hour-wage    | hour",
      "1 HOUR           | hour",
      "per-day-wage     | day",
      "per-week-salary  | week",
      "one-time         | -",
      "NONE             | -",
  })
  void periods(String raw, String expected) {
    assertThat(PostingVocabulary.period(raw).orElse(null)).isEqualTo(expected);
  }
}
