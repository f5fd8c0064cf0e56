package com.jobswipe.automation.browser;

/**
 * The apply page, opened.
 *
 * @param url where the browser ended up (after redirects and the ATS's own apply link)
 * @param status the HTTP status of the main document (Cloudflare challenges answer 403/503 and still open)
 * @param formFound an application form was rendered before the step's time ran out
 */
public record Opened(AtsKind ats, String url, int status, boolean formFound) {
}
