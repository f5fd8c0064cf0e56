package com.jobswipe.automation.browser;

/**
 * What a form field asks for. Applicant kinds are filled from the profile; {@link #WORK_AUTHORIZATION} and
 * {@link #SPONSORSHIP} only from the applicant's stored answers; sensitive kinds and {@link #UNKNOWN} are never
 * guessed: left blank when optional, a pending question for a human when required.
 */
public enum FieldKind {
  FIRST_NAME(Category.APPLICANT),
  LAST_NAME(Category.APPLICANT),
  FULL_NAME(Category.APPLICANT),
  EMAIL(Category.APPLICANT),
  PHONE(Category.APPLICANT),
  LOCATION(Category.APPLICANT),
  LINKEDIN(Category.APPLICANT),
  GITHUB(Category.APPLICANT),
  WEBSITE(Category.APPLICANT),
  OTHER_LINK(Category.APPLICANT),
  RESUME(Category.APPLICANT),
  COVER_LETTER_FILE(Category.APPLICANT),
  COVER_LETTER_TEXT(Category.APPLICANT),
  WORK_AUTHORIZATION(Category.ELIGIBILITY),
  SPONSORSHIP(Category.ELIGIBILITY),
  GENDER(Category.SENSITIVE),
  RACE_ETHNICITY(Category.SENSITIVE),
  VETERAN_STATUS(Category.SENSITIVE),
  DISABILITY(Category.SENSITIVE),
  SEXUAL_ORIENTATION(Category.SENSITIVE),
  COMPENSATION(Category.SENSITIVE),
  DATE_OF_BIRTH(Category.SENSITIVE),
  GOVERNMENT_ID(Category.SENSITIVE),
  CRIMINAL_RECORD(Category.SENSITIVE),
  UNKNOWN(Category.UNKNOWN);

  /** Where an answer may come from. */
  public enum Category {
    /** The profile. */
    APPLICANT,
    /** The applicant's stored work authorisation; absent means a human answers. */
    ELIGIBILITY,
    /** Equal-opportunity, pay, identity and record questions: only ever a human's answer. */
    SENSITIVE,
    /** Nothing we know: only ever a human's answer. */
    UNKNOWN
  }

  private final Category category;

  FieldKind(Category category) {
    this.category = category;
  }

  public Category category() {
    return category;
  }

  public boolean sensitive() {
    return category == Category.SENSITIVE;
  }
}
