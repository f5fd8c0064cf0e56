package com.jobswipe.automation.browser;

/**
 * Why a step did not do its work. Browser exceptions never reach the caller; they become one of these.
 *
 * @param detail a one-line explanation for the audit log (never a value typed into the form)
 * @param submitMayHaveHappened the submit control may have been clicked: the caller must verify (confirmation page,
 *     ATS, or a human) and never click again
 */
public record StepFailure(Kind kind, String detail, boolean submitMayHaveHappened) {

  public enum Kind {
    /** No Chromium at the configured path. */
    BROWSER_UNAVAILABLE,
    /** Every browser of the pool stayed busy for the whole wait. */
    POOL_EXHAUSTED,
    /** Not http(s), or (unless allowed) a loopback, private or link-local host. */
    URL_NOT_ALLOWED,
    /** DNS, connection, TLS or another network error. */
    NAVIGATION_FAILED,
    /** The page answered 404 or 410: the posting is gone. */
    GONE,
    /** The step ran out of time. */
    TIMEOUT,
    /** No application form on the page. */
    NO_FORM,
    /** A field could not be operated (the detail names it). */
    FILL_FAILED,
    /** No visible submit control in the form. */
    NO_SUBMIT_BUTTON,
    /** Steps called out of order: fill before open, submit before fill or with pending questions. */
    NOT_READY,
    /** {@code submit()} was already called on this run; it never clicks twice. */
    ALREADY_SUBMITTED,
    /** The browser crashed or another unexpected browser error. */
    BROWSER_FAILED,
    /** The run was closed, or an earlier step timed out and left the page in an unknown state. */
    CLOSED,
    /** The calling thread was interrupted while waiting. */
    INTERRUPTED
  }

  static StepFailure of(Kind kind, String detail) {
    return new StepFailure(kind, detail, false);
  }
}
