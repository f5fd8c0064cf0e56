package com.jobswipe.config;

import java.time.Duration;

/**
 * The audit trail of sensitive acts.
 *
 * @param retention how long a record is kept before the hourly sweep deletes it
 */
public record AuditConfig(Duration retention) {

  static AuditConfig from(Settings s) {
    return new AuditConfig(Duration.ofDays(s.integer("JOBSWIPE_AUDIT_RETENTION_DAYS", "audit.retentionDays", 1, 3650)));
  }
}
