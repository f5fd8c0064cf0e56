package com.jobswipe.automation.browser;

import com.jobswipe.automation.browser.FieldAction.Source;

/**
 * A field the robot filled. Names only: the value never leaves the browser.
 *
 * @param field the field's name on the form (or id, or label)
 * @param label the question as the employer wrote it
 */
public record FilledField(String field, String label, FieldKind kind, Source source) {
}
