package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting.Salary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SalaryRangesTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "$120k - $150k                        | 120000 | 150000 | USD | year",
      "$120-150k                            | 120000 | 150000 | USD | year",
      "$100,000 – $120,000                  | 100000 | 120000 | USD | year",
      "€50,000 – €60,000 per year           | 50000  | 60000  | EUR | year",
      "EUR 4.500 - 5.500 / month            | 4500   | 5500   | EUR | month",
      "£45 - £60 per hour                   | 45     | 60     | GBP | hour",
      "$52.50/hr                            | 52.5   | 52.5   | USD | hour",
      "USD 90,000-110,000 annually          | 90000  | 110000 | USD | year",
      "90000 - 110000 USD                   | 90000  | 110000 | USD | year",
      "CA$95k – CA$115k                     | 95000  | 115000 | CAD | year",
      "From $90k                            | 90000  | -      | USD | year",
      "$140k+                               | 140000 | -      | USD | year",
      "Up to €75k                           | -      | 75000  | EUR | year",
      "$600 a day                           | 600    | 600    | USD | day",
  })
  void readsUnambiguousText(String text, String min, String max, String currency, String period) {
    assertThat(SalaryRanges.parse(text)).contains(new Salary(
        Optional.ofNullable(min).map(BigDecimal::new), Optional.ofNullable(max).map(BigDecimal::new), currency, period));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "",
      "Competitive",
      "120k - 150k",
      "$40 - $60",
      "$100k + 0.5% equity + $20k bonus",
      "$120k - €150k",
      "$150k - $120k",
      "DOE",
  })
  void leavesAmbiguousTextAlone(String text) {
    assertThat(SalaryRanges.parse(text)).isEmpty();
  }
}
