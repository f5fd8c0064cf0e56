package com.jobswipe.profile.resume;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one resume parse. Every bound exists because the file comes from a stranger: size and pages cap
 * the work, the DOCX numbers stop zip bombs before POI inflates anything, the PDF number stops the same trick
 * inside PDF streams (PDFBox inflates a whole stream into memory), and the timeout caps whatever is left.
 *
 * @param maxBytes                 largest upload accepted (checked before anything else)
 * @param maxPages                 most PDF pages (from the page tree, before any text is extracted)
 * @param maxTextChars             extracted text is cut here
 * @param maxDocxEntries           most entries in a DOCX zip
 * @param maxDocxUncompressedBytes most bytes all DOCX entries may inflate to (declared and actual)
 * @param maxPdfDecodedBytes       most bytes all filtered PDF streams may decode to, added up
 * @param timeout                  the whole parse, from type sniffing to the parsed record
 */
public record ResumeLimits(long maxBytes, int maxPages, int maxTextChars, int maxDocxEntries,
                           long maxDocxUncompressedBytes, long maxPdfDecodedBytes, Duration timeout) {

  private static final long MIB = 1024L * 1024L;

  public static final ResumeLimits DEFAULTS =
      new ResumeLimits(10 * MIB, 50, 200_000, 1000, 50 * MIB, 100 * MIB, Duration.ofSeconds(10));

  public ResumeLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (maxBytes <= 0 || maxPages <= 0 || maxTextChars <= 0 || maxDocxEntries <= 0
        || maxDocxUncompressedBytes <= 0 || maxPdfDecodedBytes <= 0) {
      throw new IllegalArgumentException("resume limits must be positive");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("resume parse timeout must be positive");
    }
  }

  /** The six bounds of the feature brief; the PDF stream budget keeps its default of 100 MiB. */
  public ResumeLimits(long maxBytes, int maxPages, int maxTextChars, int maxDocxEntries,
                      long maxDocxUncompressedBytes, Duration timeout) {
    this(maxBytes, maxPages, maxTextChars, maxDocxEntries, maxDocxUncompressedBytes, DEFAULTS.maxPdfDecodedBytes(),
        timeout);
  }

  public static ResumeLimits defaults() {
    return DEFAULTS;
  }

  public ResumeLimits withTimeout(Duration timeout) {
    return new ResumeLimits(maxBytes, maxPages, maxTextChars, maxDocxEntries, maxDocxUncompressedBytes,
        maxPdfDecodedBytes, timeout);
  }
}
