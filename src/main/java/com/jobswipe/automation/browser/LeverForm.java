package com.jobswipe.automation.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lever ({@code jobs.lever.co/<company>/<posting>/apply}): one full-name field {@code name}, {@code email},
 * {@code phone}, {@code location}, {@code org} (current company), links {@code urls[LinkedIn]}, {@code urls[GitHub]},
 * {@code urls[Portfolio]}, {@code urls[Other]}, the {@code resume} file, {@code comments} ("Additional information",
 * where the cover letter goes), custom questions {@code cards[<uuid>][fieldN]} read by their visible label, and EEO
 * {@code eeo[gender]}, {@code eeo[race]}, {@code eeo[veteran]}, {@code eeo[disability]}. Lever parses an uploaded
 * resume and writes what it finds into the form, so the filler uploads first and waits for that to finish.
 */
final class LeverForm implements AtsAdapter {

  private static final Map<String, FieldKind> NAMES = Map.ofEntries(
      Map.entry("name", FieldKind.FULL_NAME),
      Map.entry("email", FieldKind.EMAIL),
      Map.entry("phone", FieldKind.PHONE),
      Map.entry("location", FieldKind.LOCATION),
      Map.entry("org", FieldKind.UNKNOWN),
      Map.entry("urls[LinkedIn]", FieldKind.LINKEDIN),
      Map.entry("urls[GitHub]", FieldKind.GITHUB),
      Map.entry("urls[Portfolio]", FieldKind.WEBSITE),
      Map.entry("urls[Other]", FieldKind.OTHER_LINK),
      Map.entry("urls[Twitter]", FieldKind.UNKNOWN),
      Map.entry("resume", FieldKind.RESUME),
      Map.entry("comments", FieldKind.COVER_LETTER_TEXT),
      Map.entry("eeo[gender]", FieldKind.GENDER),
      Map.entry("eeo[race]", FieldKind.RACE_ETHNICITY),
      Map.entry("eeo[veteran]", FieldKind.VETERAN_STATUS),
      Map.entry("eeo[disability]", FieldKind.DISABILITY),
      Map.entry("eeo[disabilitySignature]", FieldKind.DISABILITY),
      Map.entry("eeo[disabilitySignatureDate]", FieldKind.DISABILITY));
  private static final Duration PARSE_WAIT = Duration.ofSeconds(20);

  @Override
  public AtsKind kind() {
    return AtsKind.LEVER;
  }

  @Override
  public boolean recognisesUrl(URI url) {
    return AtsAdapter.hostIs(url, "jobs.lever.co", "jobs.eu.lever.co");
  }

  @Override
  public boolean recognisesMarkup(String html) {
    String page = html.toLowerCase(Locale.ROOT);
    return page.contains("name=\"urls[") || page.contains("data-qa=\"btn-submit\"")
        || (page.contains("lever.co") && page.contains("application-form"));
  }

  @Override
  public void reachForm(Page page, PageNavigator navigator, Deadline deadline) {
    URI url = URI.create(page.url());
    if (page.locator("#application-form, form.application-form").count() == 0
        && recognisesUrl(url) && !url.getPath().endsWith("/apply")) {
      navigator.go(url.resolve(url.getPath().replaceAll("/$", "") + "/apply").toString(), deadline);
    }
    GreenhouseForm.waitQuietly(page.locator("#application-form input[name=name], form input[name=name]").first(),
        deadline);
  }

  @Override
  public Optional<String> formScope() {
    return Optional.of("#application-form, form.application-form");
  }

  @Override
  public Optional<FieldKind> knownField(FormField field) {
    return Optional.ofNullable(NAMES.get(field.name()));
  }

  @Override
  public void afterUpload(Page page, FormField field, Deadline deadline) {
    if (!field.name().equals("resume")) {
      return;
    }
    try {
      page.waitForFunction("() => { const ok = document.querySelector('.resume-upload-success');"
              + " const bad = document.querySelector('.resume-upload-failure');"
              + " const shown = e => !!e && e.getClientRects().length > 0; return shown(ok) || shown(bad); }", null,
          new Page.WaitForFunctionOptions().setTimeout(deadline.atMost(PARSE_WAIT)));
    } catch (PlaywrightException e) {
      // No parse indicator (some Lever forms do not parse): nothing to wait for.
      deadline.check("waiting for Lever to parse the resume");
    }
  }

  @Override
  public String submitSelector() {
    return "#btn-submit, button[data-qa=btn-submit], button[type=submit]";
  }

  @Override
  public ConfirmationRule confirmation() {
    return ConfirmationRule.of("/thanks(?:[/?#]|$)", List.of("application submitted"),
        List.of("[data-qa=msg-submit-success]"));
  }
}
