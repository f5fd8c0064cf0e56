package com.jobswipe.analytics;

import com.jobswipe.edge.Problem;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWindowTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-12-03");

  @Test
  void withoutDatesTheWindowIsTheLastThirtyDaysUpToToday() {
    ReportWindow window = ReportWindow.parse(Map.of(), TODAY);
    assertThat(window.from()).isEqualTo("2026-11-04");
    assertThat(window.to()).isEqualTo(TODAY);
    assertThat(window.groupBy()).isEqualTo(ReportWindow.Grouping.DAY);
  }

  @Test
  void aWindowOfThreeHundredSixtySixDaysIsTheLongest() {
    assertThat(ReportWindow.parse(Map.of("from", List.of("2024-01-01"), "to", List.of("2024-12-31"),
        "groupBy", List.of("week")), TODAY).groupBy()).isEqualTo(ReportWindow.Grouping.WEEK);
    assertThatThrownBy(() -> ReportWindow.parse(Map.of("from", List.of("2023-12-31"), "to", List.of("2024-12-31")),
        TODAY)).isInstanceOf(Problem.class).hasMessageContaining("366");
  }

  @Test
  void reversedWindowsRepeatsAndUnknownGroupingsAreRefusedByName() {
    // A date's own form is the contract's to judge (ContractParamsTest); the window's shape is judged here.
    assertRefused(Map.of("from", List.of("2026-12-02"), "to", List.of("2026-12-01")), "from");
    assertRefused(Map.of("to", List.of("2026-12-01", "2026-12-02")), "to");
    assertRefused(Map.of("groupBy", List.of("hour")), "groupBy");
  }

  private static void assertRefused(Map<String, List<String>> query, String field) {
    assertThatThrownBy(() -> ReportWindow.parse(query, TODAY)).isInstanceOfSatisfying(Problem.class, problem -> {
      assertThat(problem.status()).isEqualTo(400);
      assertThat(problem.toJson(null).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(field);
    });
  }
}
