package com.jobswipe.automation.browser;

/**
 * A captcha found on a page.
 *
 * @param interactive a person has to do something before the form can be sent (a visible widget or challenge). A
 *     score-based script or an invisible widget is not interactive: the submit may pass, and
 *     {@link FormRun#confirmation()} tells if a challenge popped up instead
 * @param evidence the marker that matched (markup or frame URL), for the audit log
 */
public record Captcha(CaptchaKind kind, boolean interactive, String evidence) {
}
