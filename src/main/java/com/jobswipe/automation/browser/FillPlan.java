package com.jobswipe.automation.browser;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What filling a form will do: the actions, the required questions a human must answer first, and the optional
 * fields left blank (with why) — the last two by the field's scan key.
 */
public record FillPlan(List<FieldAction> actions, Map<String, PendingQuestion> pendingByKey,
                       Map<String, Skipped> skippedByKey) {

  /** An optional field left blank. */
  public record Skipped(String field, String label, String reason) {
  }

  public FillPlan {
    actions = List.copyOf(actions);
    pendingByKey = Collections.unmodifiableMap(new LinkedHashMap<>(pendingByKey));
    skippedByKey = Collections.unmodifiableMap(new LinkedHashMap<>(skippedByKey));
  }

  public List<PendingQuestion> pending() {
    return List.copyOf(pendingByKey.values());
  }

  public List<Skipped> skipped() {
    return List.copyOf(skippedByKey.values());
  }

  public boolean complete() {
    return pendingByKey.isEmpty();
  }
}
