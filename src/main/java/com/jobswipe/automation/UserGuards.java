package com.jobswipe.automation;

import com.jobswipe.text.CompanyNames;

import java.util.List;
import java.util.Optional;

/**
 * The per-user rules checked before a task may touch an employer's form: the user's do-not-apply list and the
 * per-company cap. Pure; {@link TaskStore#guard} reads the facts and applies the verdict atomically.
 *
 * <p>A refusal ends the task CANCELLED, not FAILED: FAILED means automation tried and could not, is retryable
 * ({@code FAILED → QUEUED}) and counts against the ATS in the domain's health; a refusal is the user's own rule,
 * nothing was sent, and trying again would be refused again.
 */
public final class UserGuards {

  /** Reason codes written to the audit log. */
  public static final String DO_NOT_APPLY = "do_not_apply";
  public static final String COMPANY_CAP = "company_cap";

  private UserGuards() {
  }

  /** The refusal reason, or empty when the task may go on. */
  public static Optional<String> verdict(String company, List<String> excludedCompanies, int othersInWindow, int cap) {
    if (excluded(company, excludedCompanies)) {
      return Optional.of(DO_NOT_APPLY);
    }
    if (othersInWindow >= cap) {
      return Optional.of(COMPANY_CAP);
    }
    return Optional.empty();
  }

  /** Whether the company is on the list, compared as company keys ("Acme, Inc." excludes "ACME"). */
  public static boolean excluded(String company, List<String> excludedCompanies) {
    String key = CompanyNames.key(company);
    return !key.isEmpty() && excludedCompanies.stream().map(CompanyNames::key).anyMatch(key::equals);
  }
}
