package com.jobswipe.automation.browser;

import java.util.List;

/**
 * A required question the robot must not answer by itself. The run stops before submit; a human answers it under
 * {@link #question()} (the normalised label) in {@link Applicant#answers()}, and the resumed run fills it.
 *
 * @param field the field's name (or id, or label) on the form
 * @param label the question as the employer wrote it
 * @param question the key to answer it under (the normalised label)
 * @param type the control: {@code text}, {@code textarea}, {@code select}, {@code radio}, {@code yes_no}, …
 * @param options the allowed answers of a select, radio group or combobox, as shown; empty for free text
 * @param reason why a human must answer it
 */
public record PendingQuestion(String field, String label, String question, String type, List<String> options,
                              Reason reason) {

  public enum Reason {
    /** EEO, pay, date of birth, government id, criminal record: never answered from the profile. */
    SENSITIVE,
    /** A question the profile does not answer. */
    UNKNOWN,
    /** Work authorisation for a country the applicant's stored answers do not cover. */
    WORK_AUTHORIZATION,
    /** The applicant never said whether they need sponsorship. */
    SPONSORSHIP,
    /** The profile lacks the value (no phone, no resume, …). */
    MISSING_FROM_PROFILE,
    /** The stored answer (or profile value) is none of the allowed options. */
    NOT_AN_OPTION
  }

  public PendingQuestion {
    options = List.copyOf(options);
  }

  static PendingQuestion of(FormField field, Reason reason) {
    return new PendingQuestion(field.displayName(), field.label().isEmpty() ? field.placeholder() : field.label(),
        field.question(), field.control().wireName(), field.options(), reason);
  }
}
