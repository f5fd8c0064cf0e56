package com.jobswipe.analytics;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {

  @Test
  void fieldsAreQuotedOnlyWhenTheyMustBeAndLinesEndInCrlf() {
    assertThat(Csv.record(List.of("a", "b c", "12.5"))).isEqualTo("a,b c,12.5\r\n");
    assertThat(Csv.record(Arrays.asList("Acme, Inc.", "say \"hi\"", null, ""))).isEqualTo(
        "\"Acme, Inc.\",\"say \"\"hi\"\"\",,\r\n");
  }

  @Test
  void anRfc4180ParserReadsBackWhatWasWritten() throws Exception {
    List<String> awkward = List.of("comma, inside", "quote \" inside", "line\r\nbreak", "plain", "");
    try (CSVParser parser = CSVParser.parse(new StringReader(Csv.record(awkward) + Csv.record(List.of("x", "y", "z",
        "w", "v"))), CSVFormat.RFC4180)) {
      List<CSVRecord> records = parser.getRecords();
      assertThat(records).hasSize(2);
      assertThat(records.get(0).toList()).isEqualTo(awkward);
    }
  }
}
