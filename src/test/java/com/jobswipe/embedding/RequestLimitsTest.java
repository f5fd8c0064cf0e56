package com.jobswipe.embedding;

import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestLimitsTest {

  private final RequestLimits limits = new RequestLimits(3, 10);

  @Test
  void emptyTooManyAndBlankAreBadRequests() {
    assertThatThrownBy(() -> limits.admit(List.of())).isInstanceOf(BusFailure.class)
        .hasMessage("texts is empty")
        .satisfies(e -> assertThat(((BusFailure) e).code()).isEqualTo(FailureCode.BAD_REQUEST));
    assertThatThrownBy(() -> limits.admit(Collections.nCopies(4, "x")))
        .hasMessage("at most 3 texts per request, got 4");
    assertThatThrownBy(() -> limits.admit(List.of("fine", " \n\t")))
        .hasMessage("texts[1] is blank");
  }

  @Test
  void longTextsAreCutNeverSplittingASurrogatePair() {
    assertThat(limits.admit(List.of("short", "0123456789abcdef"))).containsExactly("short", "0123456789");
    String emoji = "123456789\uD83D\uDE00tail";
    assertThat(RequestLimits.cut(emoji, 10)).isEqualTo("123456789");
  }
}
