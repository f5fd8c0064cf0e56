package com.jobswipe.ingestion.sources;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Maps each source's words for employment type, workplace and pay period onto {@link com.jobswipe.ingestion.JobPosting}'s. */
final class PostingVocabulary {

  // "intern", "interns", "internship" as a word: "International EOR" must not read as an internship.
  private static final Pattern INTERN = Pattern.compile("\\bintern(s|ships?)?\\b");
  private static final Pattern TEMP = Pattern.compile("\\btemp\\b");
  private static final Pattern CDD = Pattern.compile("\\bcdd\\b");
  private static final Pattern CDI = Pattern.compile("\\bcdi\\b");

  private PostingVocabulary() {
  }

  /**
   * {@code full_time}, {@code part_time}, {@code contract}, {@code temporary}, {@code internship}, or {@code other}
   * for a stated type we do not recognise; empty when nothing is stated.
   */
  static Optional<String> employmentType(String raw) {
    String lower = CleanText.line(raw).toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      return Optional.empty();
    }
    String letters = lower.replaceAll("[^a-z]", "");
    String words = lower.replaceAll("[^a-z]+", " ");
    if (INTERN.matcher(words).find()) {
      return Optional.of("internship");
    }
    // English first, then the French and German words European boards use (CDD/befristet: fixed term).
    if (letters.contains("temporary") || letters.contains("fixedterm") || letters.contains("seasonal")
        || TEMP.matcher(words).find() || letters.contains("befristet") || CDD.matcher(words).find()) {
      return Optional.of("temporary");
    }
    if (letters.contains("contract") || letters.contains("freelance")) {
      return Optional.of("contract");
    }
    if (letters.contains("parttime") || letters.contains("tempspartiel") || letters.contains("teilzeit")) {
      return Optional.of("part_time");
    }
    if (letters.contains("fulltime") || letters.contains("permanent") || letters.contains("tempsplein")
        || letters.contains("vollzeit") || CDI.matcher(words).find()) {
      return Optional.of("full_time");
    }
    return Optional.of("other");
  }

  /** {@code remote}, {@code hybrid}, {@code onsite} or {@code unknown}. */
  static String workplace(String raw) {
    String letters = CleanText.line(raw).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    if (letters.isEmpty()) {
      return "unknown";
    }
    if (letters.contains("hybrid")) {
      return "hybrid";
    }
    if (letters.contains("remote") || letters.contains("telecommut")) {
      return "remote";
    }
    if (letters.contains("onsite") || letters.equals("inoffice") || letters.equals("office")
        || letters.equals("inperson") || letters.equals("onpremises")) {
      return "onsite";
    }
    return "unknown";
  }

  /** {@code hour}, {@code day}, {@code week}, {@code month} or {@code year}; empty for anything else ("one-time", "NONE"). */
  static Optional<String> period(String raw) {
    String lower = CleanText.line(raw).toLowerCase(Locale.ROOT);
    if (lower.contains("year") || lower.contains("annual") || lower.contains("annum") || lower.equals("yr")) {
      return Optional.of("year");
    }
    if (lower.contains("month")) {
      return Optional.of("month");
    }
    if (lower.contains("week")) {
      return Optional.of("week");
    }
    if (lower.contains("day") || lower.contains("daily")) {
      return Optional.of("day");
    }
    if (lower.contains("hour") || lower.equals("hr")) {
      return Optional.of("hour");
    }
    return Optional.empty();
  }
}
