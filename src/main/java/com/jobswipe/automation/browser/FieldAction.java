package com.jobswipe.automation.browser;

/**
 * One thing the filler will do to one field. {@link #toString()} leaves the value out: actions are logged.
 *
 * @param value the text to type, or the exact option to pick; empty for checks and uploads
 */
public record FieldAction(FormField field, FieldKind kind, Source source, Op op, String value) {

  public enum Op { TYPE, CHOOSE, CHECK, UPLOAD_RESUME, UPLOAD_COVER_LETTER }

  /** Where the value came from. */
  public enum Source { PROFILE, ANSWER }

  @Override
  public String toString() {
    return "FieldAction[" + field.displayName() + " " + op + " from " + source + " as " + kind + "]";
  }
}
