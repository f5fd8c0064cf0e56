package com.jobswipe.automation.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.WaitForSelectorState;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Greenhouse, both forms:
 * <ul>
 *   <li>legacy boards.greenhouse.io ({@code #application_form}): fields named {@code job_application[first_name]}…,
 *       custom questions {@code job_application[answers_attributes][n][text_value|boolean_value]}, and files sent
 *       ahead of the submit by separate forms ({@code #s3_upload_for_resume}, {@code #s3_upload_for_cover_letter})
 *       that fill hidden {@code job_application[resume_url]} fields;</li>
 *   <li>the React form on job-boards.greenhouse.io ({@code #application-form}): ids {@code first_name},
 *       {@code last_name}, {@code email}, {@code phone}, file inputs {@code resume} and {@code cover_letter},
 *       custom questions {@code question_<id>}, selects as comboboxes.</li>
 * </ul>
 * Company pages embed the legacy form in {@code iframe#grnhse_iframe}; the run opens the frame's page itself.
 */
final class GreenhouseForm implements AtsAdapter {

  private static final Map<String, FieldKind> NAMES = Map.ofEntries(
      Map.entry("job_application[first_name]", FieldKind.FIRST_NAME),
      Map.entry("job_application[last_name]", FieldKind.LAST_NAME),
      Map.entry("job_application[email]", FieldKind.EMAIL),
      Map.entry("job_application[phone]", FieldKind.PHONE),
      Map.entry("job_application[location]", FieldKind.LOCATION),
      Map.entry("job_application[resume_text]", FieldKind.UNKNOWN),
      Map.entry("job_application[cover_letter_text]", FieldKind.COVER_LETTER_TEXT),
      Map.entry("job_application[gender]", FieldKind.GENDER),
      Map.entry("job_application[race]", FieldKind.RACE_ETHNICITY),
      Map.entry("job_application[hispanic_ethnicity]", FieldKind.RACE_ETHNICITY),
      Map.entry("job_application[veteran_status]", FieldKind.VETERAN_STATUS),
      Map.entry("job_application[disability_status]", FieldKind.DISABILITY));
  private static final Map<String, FieldKind> IDS = Map.ofEntries(
      Map.entry("first_name", FieldKind.FIRST_NAME),
      Map.entry("last_name", FieldKind.LAST_NAME),
      Map.entry("email", FieldKind.EMAIL),
      Map.entry("phone", FieldKind.PHONE),
      Map.entry("candidate-location", FieldKind.LOCATION),
      Map.entry("country", FieldKind.UNKNOWN),
      Map.entry("gender", FieldKind.GENDER),
      Map.entry("race", FieldKind.RACE_ETHNICITY),
      Map.entry("hispanic_ethnicity", FieldKind.RACE_ETHNICITY),
      Map.entry("veteran_status", FieldKind.VETERAN_STATUS),
      Map.entry("disability_status", FieldKind.DISABILITY));
  private static final Duration UPLOAD_WAIT = Duration.ofSeconds(30);

  @Override
  public AtsKind kind() {
    return AtsKind.GREENHOUSE;
  }

  @Override
  public boolean recognisesUrl(URI url) {
    return AtsAdapter.hostIs(url, "boards.greenhouse.io", "job-boards.greenhouse.io", "boards.eu.greenhouse.io",
        "job-boards.eu.greenhouse.io");
  }

  @Override
  public boolean recognisesMarkup(String html) {
    String page = html.toLowerCase(Locale.ROOT);
    return page.contains("job_application[") || page.contains("grnhse_iframe") || page.contains("s3_upload_for_resume")
        || ((page.contains("greenhouse.io") || page.contains("greenhouse.com")) && page.contains("id=\"first_name\""));
  }

  @Override
  public void reachForm(Page page, PageNavigator navigator, Deadline deadline) {
    Locator embed = page.locator("iframe#grnhse_iframe");
    if (embed.count() > 0) {
      String src = embed.first().getAttribute("src");
      if (src != null && !src.isBlank()) {
        navigator.go(URI.create(page.url()).resolve(src).toString(), deadline);
      }
    }
    waitQuietly(page.locator("#first_name, [name=\"job_application[first_name]\"]").first(), deadline);
  }

  @Override
  public Optional<String> formScope() {
    return Optional.of("#application, #application-form, #application_form");
  }

  @Override
  public Optional<FieldKind> knownField(FormField field) {
    if (field.control() == FormField.Control.FILE) {
      if (field.formId().equals("s3_upload_for_resume") || field.id().equals("resume")) {
        return Optional.of(FieldKind.RESUME);
      }
      if (field.formId().equals("s3_upload_for_cover_letter") || field.id().equals("cover_letter")) {
        return Optional.of(FieldKind.COVER_LETTER_FILE);
      }
      return Optional.empty();
    }
    FieldKind byName = NAMES.get(field.name());
    if (byName != null) {
      return Optional.of(byName);
    }
    return Optional.ofNullable(IDS.get(field.id()));
  }

  /** The legacy form uploads to S3 as soon as a file is chosen; the submit must wait for the URL it gets back. */
  @Override
  public void afterUpload(Page page, FormField field, Deadline deadline) {
    String target = field.formId().equals("s3_upload_for_cover_letter") ? "cover_letter" : "resume";
    if (!field.formId().startsWith("s3_upload_for_")) {
      return;
    }
    page.waitForFunction("t => { const u = document.querySelector('input[name=\"job_application[' + t + '_url]\"]');"
            + " return !!u && !!u.value; }", target,
        new Page.WaitForFunctionOptions().setTimeout(deadline.atMost(UPLOAD_WAIT)));
  }

  @Override
  public String submitSelector() {
    return "#submit_app, button[type=submit], input[type=submit]";
  }

  @Override
  public ConfirmationRule confirmation() {
    return ConfirmationRule.of("/confirmation(?:[/?#]|$)", List.of("thank you for applying"),
        List.of("#application_confirmation"));
  }

  static void waitQuietly(Locator locator, Deadline deadline) {
    try {
      locator.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED)
          .setTimeout(deadline.remainingMillis()));
    } catch (PlaywrightException e) {
      // No form within the step's time: the run reports formFound = false.
    }
  }
}
