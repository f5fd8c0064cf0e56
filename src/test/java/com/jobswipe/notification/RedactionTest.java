package com.jobswipe.notification;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

  @Test
  void anAddressKeepsItsFirstLetterAndDomainOnly() {
    assertThat(Redaction.maskEmail("alice.smith@example.com")).isEqualTo("a•••@example.com");
    assertThat(Redaction.maskEmail("x@y.io")).isEqualTo("x•••@y.io");
    assertThat(Redaction.maskEmail("not-an-address")).isEqualTo("•••");
  }
}
