package com.jobswipe.automation.browser;

import java.time.Instant;

/**
 * The one click on the submit control.
 *
 * @param button the control's text ("Submit application")
 */
public record SubmitReport(Instant clickedAt, String button) {
}
