package com.jobswipe.automation;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of an application's audit trail ({@code application_audit_log}), shown to the user as a step.
 *
 * @param fields     form field NAMES touched by the step (never the values typed into them: those are PII)
 * @param screenshot the id of a screenshot saved with {@link TaskStore#saveScreenshot}, if the step took one
 * @param detail     facts about the step for people (reason codes, counts, URLs of the ATS); no personal values
 */
public record AuditEntry(String step, String outcome, Instant startedAt, Optional<Duration> duration,
                         List<String> fields, Optional<String> screenshot, JsonObject detail) {

  static final int MAX_FIELDS = 200;
  static final int MAX_FIELD_NAME = 200;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  public AuditEntry {
    Objects.requireNonNull(startedAt, "startedAt");
    if (!NAME.matcher(step).matches() || !NAME.matcher(outcome).matches()) {
      throw new IllegalArgumentException("step and outcome are short codes like 'fill' and 'ok'");
    }
    fields = List.copyOf(fields);
    if (fields.size() > MAX_FIELDS || fields.stream().anyMatch(f -> f.isBlank() || f.length() > MAX_FIELD_NAME)) {
      throw new IllegalArgumentException("fields holds up to " + MAX_FIELDS + " field names of up to "
          + MAX_FIELD_NAME + " characters");
    }
    duration.ifPresent(d -> {
      if (d.isNegative()) {
        throw new IllegalArgumentException("a step cannot take negative time");
      }
    });
    detail = detail == null ? new JsonObject() : detail.copy();
  }

  /** A step with nothing but its outcome, started now. */
  public static AuditEntry of(String step, String outcome) {
    return new AuditEntry(step, outcome, Instant.now(), Optional.empty(), List.of(), Optional.empty(), new JsonObject());
  }

  public AuditEntry withDetail(JsonObject more) {
    return new AuditEntry(step, outcome, startedAt, duration, fields, screenshot, detail.copy().mergeIn(more));
  }

  public AuditEntry withFields(List<String> names) {
    return new AuditEntry(step, outcome, startedAt, duration, names, screenshot, detail);
  }

  public AuditEntry withDuration(Duration took) {
    return new AuditEntry(step, outcome, startedAt, Optional.of(took), fields, screenshot, detail);
  }

  public AuditEntry withScreenshot(String screenshotId) {
    return new AuditEntry(step, outcome, startedAt, duration, fields, Optional.of(screenshotId), detail);
  }
}
