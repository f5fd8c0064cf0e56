package com.jobswipe.embedding;

import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code embedding.embed} request may carry. An empty request, more than {@code maxTexts} texts, or a
 * blank text is refused (BAD_REQUEST: the caller has a bug, retrying cannot help). A text longer than
 * {@code maxChars} is cut, not refused: the model reads only its first few hundred tokens anyway, so refusing
 * would fail a whole batch of jobs over one long description for no gain in quality.
 */
record RequestLimits(int maxTexts, int maxChars) {

  /** The texts to embed: as given, except over-long ones cut to {@code maxChars}. */
  List<String> admit(List<String> texts) {
    if (texts.isEmpty()) {
      throw bad("texts is empty");
    }
    if (texts.size() > maxTexts) {
      throw bad("at most " + maxTexts + " texts per request, got " + texts.size());
    }
    List<String> admitted = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text.isBlank()) {
        throw bad("texts[" + i + "] is blank");
      }
      admitted.add(cut(text, maxChars));
    }
    return admitted;
  }

  /** The first {@code max} characters, never splitting a surrogate pair. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  private static BusFailure bad(String why) {
    return new BusFailure(FailureCode.BAD_REQUEST, why);
  }
}
