package com.jobswipe.automation.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an ATS says "received": a URL it moves to, an element it shows, or a sentence. A signal counts only if it
 * was not there before the click — job pages often say "thank you for your interest" above the form. Pure.
 *
 * @param url the path of the thank-you page
 * @param texts sentences of the thank-you message (case-insensitive)
 * @param selectors elements only the thank-you state shows
 */
record ConfirmationRule(Pattern url, List<Pattern> texts, List<String> selectors) {

  /** Thank-you sentences every ATS and most careers sites use. */
  static final List<Pattern> COMMON_TEXTS = List.of(
      Pattern.compile("thank(?:s| you)(?: so much)?,? for (?:applying|your application|submitting)",
          Pattern.CASE_INSENSITIVE),
      Pattern.compile("application (?:has been |was )?(?:successfully )?(?:submitted|received|sent)",
          Pattern.CASE_INSENSITIVE),
      Pattern.compile("we(?:'ve|’ve| have) received your application", Pattern.CASE_INSENSITIVE),
      Pattern.compile("your application (?:has been|was|is) (?:successfully )?(?:submitted|received|sent|in)",
          Pattern.CASE_INSENSITIVE),
      Pattern.compile("successfully (?:applied|submitted)", Pattern.CASE_INSENSITIVE));
  static final Pattern COMMON_URL =
      Pattern.compile("/(?:thanks|thank-you|thankyou|confirmation|application-submitted|submitted|success)(?:[/?#]|$)",
          Pattern.CASE_INSENSITIVE);

  static ConfirmationRule common() {
    return new ConfirmationRule(COMMON_URL, COMMON_TEXTS, List.of());
  }

  static ConfirmationRule of(String urlRegex, List<String> extraTexts, List<String> selectors) {
    List<Pattern> texts = new ArrayList<>();
    for (String t : extraTexts) {
      texts.add(Pattern.compile(t, Pattern.CASE_INSENSITIVE));
    }
    texts.addAll(COMMON_TEXTS);
    return new ConfirmationRule(Pattern.compile(urlRegex, Pattern.CASE_INSENSITIVE), texts, selectors);
  }

  /** The evidence that {@code after} is the thank-you state and {@code before} (the filled form) was not. */
  Optional<String> confirms(PageState before, PageState after) {
    for (String selector : after.matched()) {
      if (!before.matched().contains(selector)) {
        return Optional.of("element " + selector);
      }
    }
    if (!after.url().equals(before.url())) {
      String path = path(after.url());
      if (url.matcher(path).find() || COMMON_URL.matcher(path).find()) {
        return Optional.of("url " + path);
      }
    }
    for (Pattern text : texts) {
      Matcher m = text.matcher(after.text());
      if (m.find() && !text.matcher(before.text()).find()) {
        return Optional.of("text \"" + m.group() + "\"");
      }
    }
    return Optional.empty();
  }

  private static String path(String url) {
    try {
      URI uri = URI.create(url);
      return uri.getRawPath() == null ? url : uri.getRawPath();
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
