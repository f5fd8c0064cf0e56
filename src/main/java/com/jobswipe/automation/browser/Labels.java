package com.jobswipe.automation.browser;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How question labels and field names are compared. A human's answer is stored under the normalised label the
 * pending question carried, so the same question on the resumed run finds it even when the employer's markup
 * adds an asterisk, a "(required)" suffix, different spacing or curly quotes.
 */
public final class Labels {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern REQUIRED_NOTES = Pattern.compile("\\((?:required|optional)\\)");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

  private Labels() {
  }

  /**
   * Lower case, accents dropped, "(required)"/"(optional)" and every run of punctuation, asterisks or space made
   * one space: {@code "Are you legally authorised to work in the U.S.? *"} → {@code "are you legally authorised
   * to work in the u s"}.
   */
  public static String normalise(String label) {
    if (label == null) {
      return "";
    }
    String s = Normalizer.normalize(label, Normalizer.Form.NFKD);
    s = MARKS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
    s = REQUIRED_NOTES.matcher(s).replaceAll(" ");
    return NOT_WORD.matcher(s).replaceAll(" ").trim();
  }

  /**
   * The words of a field's name or id: {@code job_application[first_name]} → [job, application, first, name];
   * {@code urls[LinkedIn]} → [urls, linked, in]; {@code _systemfield_email} → [systemfield, email].
   */
  public static List<String> words(String name) {
    if (name == null || name.isBlank()) {
      return List.of();
    }
    String spaced = CAMEL.matcher(name).replaceAll(" ");
    List<String> words = new ArrayList<>();
    for (String w : NOT_WORD.split(normalise(spaced))) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  /** {@code text} (already normalised) contains {@code phrase} as whole words. */
  public static boolean hasPhrase(String text, String phrase) {
    if (text.isEmpty()) {
      return false;
    }
    String padded = " " + text + " ";
    return padded.contains(" " + phrase + " ");
  }

  /** Whether {@code text} (normalised) contains any of the phrases as whole words. */
  public static boolean hasAny(String text, String... phrases) {
    for (String phrase : phrases) {
      if (hasPhrase(text, phrase)) {
        return true;
      }
    }
    return false;
  }
}
