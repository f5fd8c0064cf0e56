package com.jobswipe.ingestion;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text a job's vector is made from: title, company, skills and the start of the description. The title and
 * skills say most about the role; the description's first thousand characters add its domain without drowning
 * them (sentence models read a few hundred tokens at most, and boilerplate about benefits sits further down).
 */
final class JobText {

  static final int DESCRIPTION_CHARS = 1_000;

  private JobText() {
  }

  static String of(String title, String company, List<String> skills, String description) {
    StringBuilder text = new StringBuilder(clean(title));
    String at = clean(company);
    if (!at.isEmpty()) {
      text.append(text.length() == 0 ? "" : " at ").append(at);
    }
    String listed = skills.stream().map(JobText::clean).filter(s -> !s.isEmpty()).collect(Collectors.joining(", "));
    if (!listed.isEmpty()) {
      text.append("\nSkills: ").append(listed);
    }
    String about = clean(cut(description == null ? "" : description, DESCRIPTION_CHARS));
    if (!about.isEmpty()) {
      text.append('\n').append(about);
    }
    return text.toString().strip();
  }

  /** At most {@code max} characters, ending at a word boundary when there is one in the last tenth. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    int space = text.lastIndexOf(' ', end);
    return text.substring(0, space > end - max / 10 ? space : end);
  }

  private static String clean(String value) {
    return value == null ? "" : value.replaceAll("\\s+", " ").strip();
  }
}
