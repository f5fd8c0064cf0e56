package com.jobswipe.automation.browser;

import com.jobswipe.automation.browser.FormField.Control;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SelectOption;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Operates the controls of one scanned form on its page: types, ticks, chooses options (native selects, radio
 * and checkbox groups, yes/no buttons, comboboxes) and uploads files. Fields are found by the
 * {@code data-jobswipe-key} the scan stamped on them. Runs on the browser slot's thread, inside a step.
 */
final class FieldControls {

  private static final Logger log = LoggerFactory.getLogger(FieldControls.class);
  private static final Duration OPTION_WAIT = Duration.ofSeconds(2);

  private final Page page;
  private final AtsAdapter adapter;

  FieldControls(Page page, AtsAdapter adapter) {
    this.page = page;
    this.adapter = adapter;
  }

  /** A combobox shows its options only while open: open each, read them, close it again. */
  List<FormField> withComboboxOptions(List<FormField> fields, Deadline deadline) {
    List<FormField> out = new ArrayList<>(fields.size());
    for (FormField f : fields) {
      if (f.control() != Control.COMBOBOX || !f.visible() || !f.options().isEmpty()) {
        out.add(f);
        continue;
      }
      deadline.check("reading the options of " + f.displayName());
      Locator input = field(f);
      List<String> options = List.of();
      try {
        input.click(new Locator.ClickOptions().setTimeout(deadline.atMost(OPTION_WAIT)));
        Locator shown = optionsOf(input);
        shown.first().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE)
            .setTimeout(deadline.atMost(OPTION_WAIT)));
        options = shown.allInnerTexts().stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
      } catch (PlaywrightException e) {
        // An async typeahead shows nothing until one types: it keeps no options.
      }
      closeMenu(input);
      out.add(f.withOptions(options));
    }
    return out;
  }

  /** Performs one action; false when an optional field could not be operated (a required one fails the step). */
  boolean perform(FieldAction action, Applicant applicant, Deadline deadline) {
    FormField f = action.field();
    double timeout = deadline.remainingMillis();
    try {
      Locator el = field(f);
      switch (action.op()) {
        case TYPE -> el.fill(typed(f, action.value()), new Locator.FillOptions().setTimeout(timeout));
        case CHECK -> tick(el, timeout);
        case CHOOSE -> choose(f, el, action.value(), deadline);
        case UPLOAD_RESUME -> {
          Applicant.ResumeFile resume = applicant.resume().orElseThrow();
          el.setInputFiles(new FilePayload(resume.filename(), resume.contentType(), Files.readAllBytes(resume.path())),
              new Locator.SetInputFilesOptions().setTimeout(timeout));
          adapter.afterUpload(page, f, deadline);
        }
        case UPLOAD_COVER_LETTER -> {
          byte[] text = applicant.coverLetter().orElseThrow().getBytes(StandardCharsets.UTF_8);
          el.setInputFiles(new FilePayload("cover-letter.txt", "text/plain", text),
              new Locator.SetInputFilesOptions().setTimeout(timeout));
          adapter.afterUpload(page, f, deadline);
        }
        default -> throw new IllegalStateException("unknown action " + action.op());
      }
      return true;
    } catch (IOException e) {
      throw new StepException(StepFailure.Kind.FILL_FAILED, "the resume file could not be read: " + e.getMessage());
    } catch (PlaywrightException e) {
      deadline.check("filling " + f.displayName());
      if (f.required()) {
        throw new StepException(StepFailure.Kind.FILL_FAILED,
            "could not fill " + f.displayName() + ": " + PlaywrightErrors.firstLine(e));
      }
      log.debug("optional field {} left blank: {}", f.displayName(), PlaywrightErrors.firstLine(e));
      return false;
    }
  }

  /** URL fields validate as URLs: a profile link stored without its scheme gets https://. */
  static String typed(FormField f, String value) {
    if (f.control() == Control.URL && !value.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
      return "https://" + value;
    }
    return value;
  }

  private void choose(FormField f, Locator el, String option, Deadline deadline) {
    double timeout = deadline.remainingMillis();
    switch (f.control()) {
      case SELECT -> el.selectOption(new SelectOption().setLabel(option),
          new Locator.SelectOptionOptions().setTimeout(timeout).setForce(!el.isVisible()));
      case RADIO, CHECKBOX_GROUP -> tick(page.locator("[data-jobswipe-key=\"" + f.key() + "\"][data-jobswipe-option=\""
          + f.options().indexOf(option) + "\"]"), timeout);
      case YES_NO -> el.locator("button").filter(new Locator.FilterOptions()
              .setHasText(Pattern.compile("^\\s*" + jsRegexLiteral(option) + "\\s*$", Pattern.CASE_INSENSITIVE)))
          .first().click(new Locator.ClickOptions().setTimeout(timeout));
      case COMBOBOX -> pick(f, el, option, timeout, deadline);
      default -> throw new StepException(StepFailure.Kind.FILL_FAILED, f.displayName() + " takes no option");
    }
  }

  /** Types the option into the combobox to narrow its menu, then clicks the entry that reads the same. */
  private void pick(FormField f, Locator el, String option, double timeout, Deadline deadline) {
    el.click(new Locator.ClickOptions().setTimeout(timeout));
    el.fill(option, new Locator.FillOptions().setTimeout(timeout));
    Locator shown = optionsOf(el);
    shown.first().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE)
        .setTimeout(deadline.atMost(OPTION_WAIT)));
    List<String> texts = shown.allInnerTexts();
    int index = -1;
    for (int i = 0; i < texts.size() && index < 0; i++) {
      if (Labels.normalise(texts.get(i)).equals(Labels.normalise(option))) {
        index = i;
      }
    }
    if (index < 0) {
      closeMenu(el);
      throw new StepException(StepFailure.Kind.FILL_FAILED, "the option is missing from " + f.displayName());
    }
    shown.nth(index).click(new Locator.ClickOptions().setTimeout(deadline.remainingMillis()));
  }

  /** {@code text} as a regex that JavaScript reads literally (Playwright hands patterns to the page, where
   *  Java's {@code \\Q…\\E} quoting means nothing). */
  static String jsRegexLiteral(String text) {
    return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}/]", "\\\\$0");
  }

  /** Ticks a checkbox or radio; a custom-styled one hides its input, so its label is clicked instead. */
  private static void tick(Locator el, double timeout) {
    Locator one = el.first();
    if (one.isVisible()) {
      one.check(new Locator.CheckOptions().setTimeout(timeout));
    } else if (!one.isChecked()) {
      one.evaluate("e => ((e.labels && e.labels[0]) || e).click()");
    }
  }

  private Locator field(FormField f) {
    return page.locator("[data-jobswipe-key=\"" + f.key() + "\"]").first();
  }

  private Locator optionsOf(Locator combobox) {
    String controls = combobox.getAttribute("aria-controls");
    if (controls != null && !controls.isBlank()) {
      return page.locator("[id=\"" + controls.replace("\"", "\\\"") + "\"] [role=option]");
    }
    return page.locator("[role=option]:visible");
  }

  private static void closeMenu(Locator combobox) {
    try {
      combobox.press("Escape", new Locator.PressOptions().setTimeout(1000));
    } catch (PlaywrightException e) {
      // Already closed or gone.
    }
  }
}
