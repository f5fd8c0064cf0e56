package com.jobswipe.automation.browser;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A thank-you signal counts only when it appeared after the click. */
class ConfirmationRuleTest {

  private static PageState page(String url, String text, String... matched) {
    return new PageState(url, text, List.of(), List.of(), List.of(matched));
  }

  @Test
  void aThankYouTextThatWasAlreadyOnTheFormDoesNotCount() {
    ConfirmationRule rule = ConfirmationRule.common();
    PageState form = page("https://acme.example/jobs/1", "Thank you for your application interest. Apply below.");
    assertThat(rule.confirms(form, form)).isEmpty();
    assertThat(rule.confirms(page("https://acme.example/jobs/1", "Apply below"),
        page("https://acme.example/jobs/1", "Thanks for applying! We will be in touch."))).isPresent();
  }

  @Test
  void thankYouUrlsAndElements() {
    ConfirmationRule lever = new LeverForm().confirmation();
    PageState form = page("https://jobs.lever.co/acme/1/apply", "Submit your application");
    assertThat(lever.confirms(form, page("https://jobs.lever.co/acme/1/thanks", ""))).contains("url /acme/1/thanks");
    ConfirmationRule ashby = new AshbyForm().confirmation();
    assertThat(ashby.confirms(page("u", "x"), page("u", "x", ".ashby-application-form-success-container")))
        .contains("element .ashby-application-form-success-container");
    assertThat(new GreenhouseForm().confirmation().confirms(page("https://boards.greenhouse.io/acme/jobs/1", "Apply"),
        page("https://boards.greenhouse.io/acme/jobs/1/confirmation", "Thank you for applying."))).isPresent();
  }
}
