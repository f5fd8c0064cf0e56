package com.jobswipe.automation.browser;

import com.microsoft.playwright.Page;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ashby ({@code jobs.ashbyhq.com/<org>/<posting>/application}): a client-rendered form. Every question sits in a
 * {@code .ashby-application-form-field-entry} with an {@code .ashby-application-form-question-title} label; system
 * fields are {@code _systemfield_name}, {@code _systemfield_email}, {@code _systemfield_resume} (and
 * {@code _systemfield_location}), custom questions carry UUIDs and are read by their label; booleans are Yes/No
 * button pairs. The submit posts from script and the form is replaced by a success message in place.
 */
final class AshbyForm implements AtsAdapter {

  private static final Map<String, FieldKind> NAMES = Map.of(
      "_systemfield_name", FieldKind.FULL_NAME,
      "_systemfield_email", FieldKind.EMAIL,
      "_systemfield_phone", FieldKind.PHONE,
      "_systemfield_location", FieldKind.LOCATION,
      "_systemfield_resume", FieldKind.RESUME,
      "_systemfield_cover_letter", FieldKind.COVER_LETTER_FILE);

  @Override
  public AtsKind kind() {
    return AtsKind.ASHBY;
  }

  @Override
  public boolean recognisesUrl(URI url) {
    return AtsAdapter.hostIs(url, "jobs.ashbyhq.com");
  }

  @Override
  public boolean recognisesMarkup(String html) {
    String page = html.toLowerCase(Locale.ROOT);
    return page.contains("ashby-application-form") || page.contains("_systemfield_");
  }

  @Override
  public void reachForm(Page page, PageNavigator navigator, Deadline deadline) {
    URI url = URI.create(page.url());
    if (recognisesUrl(url) && !url.getPath().endsWith("/application")
        && page.locator("#_systemfield_name, .ashby-application-form-field-entry").count() == 0) {
      navigator.go(url.resolve(url.getPath().replaceAll("/$", "") + "/application").toString(), deadline);
    }
    GreenhouseForm.waitQuietly(page.locator("#_systemfield_name, .ashby-application-form-field-entry").first(),
        deadline);
  }

  @Override
  public Optional<String> formScope() {
    return Optional.of(".ashby-application-form-container");
  }

  @Override
  public Optional<FieldKind> knownField(FormField field) {
    FieldKind kind = NAMES.get(field.name().isEmpty() ? field.id() : field.name());
    return Optional.ofNullable(kind);
  }

  @Override
  public String submitSelector() {
    return "button.ashby-application-form-submit-button, button[type=submit]";
  }

  @Override
  public ConfirmationRule confirmation() {
    return ConfirmationRule.of("/application/(?:success|submitted)", List.of("thanks for applying"),
        List.of(".ashby-application-form-success-container"));
  }
}
