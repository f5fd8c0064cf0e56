package com.jobswipe.ingestion;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One job as any source describes it, after parsing and cleaning: the single shape every source kind is
 * normalised into before deduplication and storage.
 *
 * @param externalId the source's own id for the posting (stable across polls)
 * @param company never empty when the source names it
 * @param remote {@code remote}, {@code hybrid}, {@code onsite} or {@code unknown}
 * @param employmentType {@code full_time}, {@code part_time}, {@code contract}, {@code temporary},
 *                       {@code internship}, {@code other}, or empty when not stated
 * @param descriptionText plain text (paragraphs separated by blank lines)
 * @param descriptionHtml sanitised HTML (jsoup allow-list), entity-unescaped first where the source escapes it
 * @param applyUrl where a candidate applies (the ATS form when known)
 * @param postingUrl the posting's own page at the source, if different
 */
public record JobPosting(
    SourceKind source,
    String externalId,
    String title,
    String company,
    List<String> locations,
    String remote,
    Optional<String> employmentType,
    Optional<Salary> salary,
    String descriptionText,
    String descriptionHtml,
    String applyUrl,
    Optional<String> postingUrl,
    Optional<Instant> postedAt) {

  public JobPosting {
    Objects.requireNonNull(source);
    Objects.requireNonNull(externalId);
    Objects.requireNonNull(title);
    Objects.requireNonNull(company);
    Objects.requireNonNull(applyUrl);
    locations = List.copyOf(locations);
    remote = remote == null ? "unknown" : remote;
    descriptionText = descriptionText == null ? "" : descriptionText;
    descriptionHtml = descriptionHtml == null ? "" : descriptionHtml;
  }

  /** A stated pay range; {@code period} is hour, day, week, month or year. */
  public record Salary(Optional<BigDecimal> min, Optional<BigDecimal> max, String currency, String period) {
  }
}
