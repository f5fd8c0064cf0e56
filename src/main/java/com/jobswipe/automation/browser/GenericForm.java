package com.jobswipe.automation.browser;

import com.microsoft.playwright.Page;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Any other form: every input, select and textarea is mapped by {@link FieldMapper}. A careers page usually holds
 * more than one form (site search, newsletter sign-up); the application is the form with the most profile fields,
 * and it needs at least two, so a lone newsletter email box is never taken for it.
 */
final class GenericForm implements AtsAdapter {

  @Override
  public AtsKind kind() {
    return AtsKind.GENERIC;
  }

  @Override
  public boolean recognisesUrl(URI url) {
    return true;
  }

  @Override
  public boolean recognisesMarkup(String html) {
    return true;
  }

  @Override
  public void reachForm(Page page, PageNavigator navigator, Deadline deadline) {
  }

  @Override
  public Optional<String> formScope() {
    return Optional.empty();
  }

  @Override
  public Optional<FieldKind> knownField(FormField field) {
    return Optional.empty();
  }

  @Override
  public String submitSelector() {
    return "button[type=submit], input[type=submit], button:not([type])";
  }

  @Override
  public ConfirmationRule confirmation() {
    return ConfirmationRule.common();
  }

  /**
   * The index of the application form among the fields' forms ({@code -1} = fields outside any form), or empty
   * when no form asks for at least two profile fields.
   */
  static Optional<Integer> chooseForm(List<FormField> fields) {
    Map<Integer, Integer> score = new TreeMap<>();
    for (FormField field : fields) {
      if (!field.visible() && field.control() != FormField.Control.FILE) {
        continue;
      }
      FieldKind kind = FieldMapper.map(field);
      int points = switch (kind) {
        case RESUME -> 3;
        case FIRST_NAME, LAST_NAME, FULL_NAME, EMAIL, PHONE, LINKEDIN, COVER_LETTER_FILE, COVER_LETTER_TEXT -> 1;
        default -> 0;
      };
      score.merge(field.form(), points, Integer::sum);
    }
    return score.entrySet().stream()
        .filter(e -> e.getValue() >= 2)
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey);
  }
}
