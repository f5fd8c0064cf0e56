package com.jobswipe.automation.browser;

import com.microsoft.playwright.Page;

import java.net.URI;
import java.util.Optional;

/**
 * What one applicant tracking system does differently: how to recognise it, how to get from the posting to its
 * form, its own field names, how its uploads settle, its submit control and its thank-you page. EmptyRequest else
 * (scanning, mapping, filling) is shared.
 */
interface AtsAdapter {

  AtsKind kind();

  /** Its hosted pages, by URL. */
  boolean recognisesUrl(URI url);

  /** Its markup, for forms on company domains (embeds, custom domains) and for our replicas. */
  boolean recognisesMarkup(String html);

  /** Goes from the opened page to the rendered form (apply sub-page, embedded frame); best effort, never throws
   *  for a missing form — the caller reports it. */
  void reachForm(Page page, PageNavigator navigator, Deadline deadline);

  /** CSS selector of the element holding the form's fields; empty = choose the best form on the page. */
  Optional<String> formScope();

  /** The ATS's own field names, mapped exactly; empty leaves the field to {@link FieldMapper}. */
  Optional<FieldKind> knownField(FormField field);

  /** Waits until the ATS has taken a file just set (uploaded, parsed into the form). */
  default void afterUpload(Page page, FormField field, Deadline deadline) {
  }

  /** The submit control, relative to the form's scope. */
  String submitSelector();

  ConfirmationRule confirmation();

  /** The host ends with one of {@code hosts} (a host or a subdomain of it). */
  static boolean hostIs(URI url, String... hosts) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(java.util.Locale.ROOT);
    for (String h : hosts) {
      if (host.equals(h) || host.endsWith("." + h)) {
        return true;
      }
    }
    return false;
  }
}
