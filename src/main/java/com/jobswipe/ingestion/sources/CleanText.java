package com.jobswipe.ingestion.sources;

import org.jsoup.parser.Parser;

import java.util.Optional;
import java.util.regex.Pattern;

/** One-line values (titles, company names, locations) as the sources send them: entity-escaped, padded, ragged. */
final class CleanText {

  // \p{Z} catches NBSP and the other Unicode spaces that \s misses; \p{Cc} drops control characters.
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}\\p{Cc}]+");

  private CleanText() {
  }

  /**
   * Unescapes HTML entities once ({@code R&amp;D} → {@code R&D}; feeds often escape twice), collapses every run of
   * whitespace to one space and trims. Never null.
   */
  static String line(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    String unescaped = raw.indexOf('&') >= 0 ? Parser.unescapeEntities(raw, false) : raw;
    return SPACES.matcher(unescaped).replaceAll(" ").trim();
  }

  static Optional<String> nonEmpty(String raw) {
    String line = line(raw);
    return line.isEmpty() ? Optional.empty() : Optional.of(line);
  }
}
