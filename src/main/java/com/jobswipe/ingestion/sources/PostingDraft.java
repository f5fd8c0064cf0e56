package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.JobPosting.Salary;
import com.jobswipe.ingestion.SourceKind;
import org.jsoup.parser.Parser;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A posting being assembled from one item. Cleans what it is given and decides, in {@link #build()}, whether the item
 * is a usable posting: it needs an external id, a title and an http(s) apply URL (a {@code javascript:} "link" in a
 * hostile feed never becomes an apply URL).
 */
final class PostingDraft {

  private final SourceKind source;
  private String externalId = "";
  private String title = "";
  private String company = "";
  private final Set<String> locations = new LinkedHashSet<>();
  private String remote = "unknown";
  private Optional<String> employmentType = Optional.empty();
  private Optional<Salary> salary = Optional.empty();
  private HtmlCleaner.Cleaned description = new HtmlCleaner.Cleaned("", "");
  private Optional<String> applyUrl = Optional.empty();
  private Optional<String> postingUrl = Optional.empty();
  private Optional<Instant> postedAt = Optional.empty();

  PostingDraft(SourceKind source) {
    this.source = source;
  }

  PostingDraft externalId(Optional<String> id) {
    this.externalId = id.map(String::trim).orElse("");
    return this;
  }

  PostingDraft title(String raw) {
    this.title = CleanText.line(raw);
    return this;
  }

  PostingDraft company(String raw) {
    this.company = CleanText.line(raw);
    return this;
  }

  PostingDraft location(String raw) {
    CleanText.nonEmpty(raw).ifPresent(locations::add);
    return this;
  }

  PostingDraft remote(String remote) {
    this.remote = remote;
    return this;
  }

  PostingDraft employmentType(Optional<String> type) {
    this.employmentType = type;
    return this;
  }

  PostingDraft salary(Optional<Salary> salary) {
    this.salary = salary;
    return this;
  }

  /** Untrusted HTML; sanitised here (relative links dropped). */
  PostingDraft descriptionHtml(String html) {
    return descriptionHtml(html, "");
  }

  /** Untrusted HTML whose relative links are resolved against {@code baseUri} before sanitising. */
  PostingDraft descriptionHtml(String html, String baseUri) {
    this.description = HtmlCleaner.sanitiseWithText(html, baseUri);
    return this;
  }

  /** HTML that arrives entity-escaped (Greenhouse). */
  PostingDraft escapedDescriptionHtml(String escaped) {
    // Unescape once, then sanitise: see HtmlCleaner.unescapeThenSanitise.
    return descriptionHtml(escaped == null ? "" : Parser.unescapeEntities(escaped, false));
  }

  PostingDraft applyUrl(Optional<String> url) {
    this.applyUrl = url.flatMap(PostingDraft::httpUrl);
    return this;
  }

  PostingDraft postingUrl(Optional<String> url) {
    this.postingUrl = url.flatMap(PostingDraft::httpUrl);
    return this;
  }

  /** A date outside {@link Timestamps#plausible} (a feed's year 99999) is dropped, as a missing one would be. */
  PostingDraft postedAt(Optional<Instant> when) {
    this.postedAt = when.filter(Timestamps::plausible);
    return this;
  }

  /** Falls back to the posting page when the source gives no separate apply URL. */
  Optional<JobPosting> build() {
    Optional<String> apply = applyUrl.or(() -> postingUrl);
    if (externalId.isEmpty() || title.isEmpty() || apply.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> page = postingUrl.filter(p -> !p.equals(apply.get()));
    return Optional.of(new JobPosting(source, externalId, title, company, new ArrayList<>(locations), remote,
        employmentType, salary, description.text(), description.html(), apply.get(), page, postedAt));
  }

  /** Absolute http(s) URLs only, whitespace trimmed. */
  static Optional<String> httpUrl(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String trimmed = raw.trim();
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(trimmed);
      }
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
