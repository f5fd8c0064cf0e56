package com.jobswipe.automation.browser;

import java.util.List;

/**
 * What {@link FormRun#fill} did.
 *
 * @param filled the fields filled, by name, never with their values
 * @param pending required questions only a human can answer; when any, {@link FormRun#submit()} refuses
 * @param skipped optional fields left blank, and why
 * @param screenshot a PNG of the whole filled form (what a dry run shows the user)
 */
public record FillReport(AtsKind ats, List<FilledField> filled, List<PendingQuestion> pending,
                         List<FillPlan.Skipped> skipped, byte[] screenshot) {

  public FillReport {
    filled = List.copyOf(filled);
    pending = List.copyOf(pending);
    skipped = List.copyOf(skipped);
  }

  public boolean readyToSubmit() {
    return pending.isEmpty();
  }

  /** The names of the filled fields. */
  public List<String> filledNames() {
    return filled.stream().map(FilledField::field).toList();
  }
}
