package com.jobswipe.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxMailTest {

  private static final String MESSAGE = "From: JobSwipe <no-reply@jobswipe.local>\r\nTo: demo@example.com\r\n"
      + "Subject: Confirm your email\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
      + "Open this link: http://localhost:8080/verify-email?token=3DAbc_def-123456789012345678901234=\r\n"
      + "567890 =E2=80=94 valid for 24 hours.\r\n";

  @Test
  void readsTheTokenAcrossQuotedPrintableSoftBreaks() {
    assertThat(OutboxMail.token(MESSAGE, "demo@example.com")).contains("Abc_def-123456789012345678901234567890");
  }

  @Test
  void mailToSomeoneElseHasNoTokenForUs() {
    assertThat(OutboxMail.token(MESSAGE, "admin@example.com")).isEmpty();
  }

  @Test
  void plainSevenBitTextPassesUnchanged() {
    assertThat(OutboxMail.quotedPrintable("a=b?token=x")).isEqualTo("a=b?token=x");
  }
}
