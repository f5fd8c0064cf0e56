package com.jobswipe.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailConfigTest {

  @Test
  void withoutSmtpUrlMailGoesToFilesAndTheOutboxHasItsDefaults() {
    MailConfig mail = ConfigLoader.load(Map.of()).mail();
    assertThat(mail.smtp()).isEmpty();
    assertThat(mail.from()).isEqualTo("JobSwipe <no-reply@jobswipe.local>");
    assertThat(mail.maxAttempts()).isEqualTo(8);
    assertThat(mail.backoffBase()).isEqualTo(Duration.ofSeconds(30));
    assertThat(mail.retention()).isEqualTo(Duration.ofDays(90));
    assertThat(mail.appleAppSiteAssociation()).isEmpty();
  }

  @Test
  void smtpRequiresStarttlsUnlessTheUrlSaysOtherwise() {
    MailConfig.Smtp plain = smtp("smtp://mailer:p%40ss%20word@relay.example.com").orElseThrow();
    assertThat(plain.port()).isEqualTo(587);
    assertThat(plain.implicitTls()).isFalse();
    assertThat(plain.starttls()).isEqualTo("required");
    assertThat(plain.username()).contains("mailer");
    assertThat(plain.password()).contains("p@ss word");
    assertThat(plain.toString()).doesNotContain("p@ss");

    MailConfig.Smtp tls = smtp("smtps://relay.example.com").orElseThrow();
    assertThat(tls.port()).isEqualTo(465);
    assertThat(tls.implicitTls()).isTrue();
    assertThat(tls.username()).isEmpty();

    assertThat(smtp("smtp://relay.example.com:2525?starttls=optional").orElseThrow().starttls()).isEqualTo("optional");
  }

  @Test
  void badSmtpUrlsNameTheVariable() {
    assertThatThrownBy(() -> smtp("http://relay.example.com")).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SMTP_URL:");
    assertThatThrownBy(() -> smtp("smtp://relay.example.com?starttls=maybe")).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SMTP_URL:");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_ASSETLINKS", "[{\"relation\":")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("JOBSWIPE_ASSETLINKS:");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_NOTIFY_MAX_ATTEMPTS", "0")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("JOBSWIPE_NOTIFY_MAX_ATTEMPTS:");
  }

  private static Optional<MailConfig.Smtp> smtp(String url) {
    return ConfigLoader.load(Map.of("SMTP_URL", url)).mail().smtp();
  }
}
