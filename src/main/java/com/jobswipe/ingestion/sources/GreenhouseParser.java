package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.JobPosting.Salary;
import com.jobswipe.ingestion.SourceKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Greenhouse Job Board API, {@code GET https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true}:
 * {@code {"jobs":[{id, title, updated_at, first_published, absolute_url, location{name}, content, departments,
 * offices, metadata, company_name, …}], "meta":{"total":n}}}, one page per board.
 *
 * <p>{@code content} is entity-escaped HTML. The company is the configured one, else the payload's
 * {@code company_name} (present on current boards, not on older ones), else the board token. Greenhouse has no
 * workplace or employment-type field of its own; boards that publish them do so as custom {@code metadata}
 * (e.g. "Workplace Type": "Hybrid", "Employment Type": "Full-Time"), and pay as a {@code currency_range} metadata
 * value ({@code {"unit":"USD","min_value":"172800.0","max_value":"297000.0"}}), which are read when present.
 */
final class GreenhouseParser implements SourceParser {

  private final Optional<String> configuredCompany;

  GreenhouseParser(Optional<String> configuredCompany) {
    this.configuredCompany = configuredCompany;
  }

  @Override
  public Page parse(byte[] body, String contentType, URI sourceUrl) {
    JsonObject root = JsonFields.decodeObject(body, "greenhouse");
    if (!(root.getValue("jobs") instanceof JsonArray jobs)) {
      throw new SourceFormatException("greenhouse: no jobs array");
    }
    List<JobPosting> postings = new ArrayList<>();
    for (JsonObject job : JsonFields.objects(jobs)) {
      toPosting(job, sourceUrl).ifPresent(postings::add);
    }
    return new Page(postings, Optional.empty());
  }

  private Optional<JobPosting> toPosting(JsonObject job, URI sourceUrl) {
    List<JsonObject> metadata = JsonFields.objects(JsonFields.array(job, "metadata"));
    PostingDraft draft = new PostingDraft(SourceKind.GREENHOUSE)
        .externalId(JsonFields.text(job, "id"))
        .title(JsonFields.text(job, "title").orElse(""))
        .company(BoardNames.company(configuredCompany, JsonFields.text(job, "company_name"), sourceUrl, "boards"))
        .remote(metadataText(metadata, "workplace", "remote", "location type", "work arrangement", "work model")
            .map(PostingVocabulary::workplace).orElse("unknown"))
        .employmentType(metadataText(metadata, "employment type", "job type", "time type", "commitment")
            .flatMap(PostingVocabulary::employmentType))
        .salary(salary(metadata))
        .escapedDescriptionHtml(JsonFields.text(job, "content").orElse(""))
        .applyUrl(JsonFields.text(job, "absolute_url"))
        .postedAt(JsonFields.text(job, "first_published").or(() -> JsonFields.text(job, "updated_at"))
            .flatMap(Timestamps::parse));
    String location = JsonFields.text(JsonFields.object(job, "location"), "name").orElse("");
    // Boards list several places in one name as "Zürich; Berlin".
    for (String place : location.split(";")) {
      draft.location(place);
    }
    if (location.isBlank()) {
      JsonFields.objects(JsonFields.array(job, "offices"))
          .forEach(office -> draft.location(JsonFields.text(office, "name").orElse("")));
    }
    return draft.build();
  }

  /** The first single-valued metadata entry whose name contains one of {@code names}. */
  private static Optional<String> metadataText(List<JsonObject> metadata, String... names) {
    for (JsonObject field : metadata) {
      String name = JsonFields.text(field, "name").orElse("").toLowerCase(Locale.ROOT);
      for (String wanted : names) {
        if (name.contains(wanted)) {
          Optional<String> value = JsonFields.text(field, "value");
          if (value.isPresent()) {
            return value;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The first {@code currency_range}; its period from a "Pay Frequency"-like field, else yearly-sized amounts. */
  private static Optional<Salary> salary(List<JsonObject> metadata) {
    Optional<String> frequency = metadataText(metadata, "frequency", "pay period", "pay interval")
        .flatMap(PostingVocabulary::period);
    for (JsonObject field : metadata) {
      if (!"currency_range".equals(JsonFields.text(field, "value_type").orElse(""))) {
        continue;
      }
      JsonObject range = JsonFields.object(field, "value");
      Optional<BigDecimal> min = JsonFields.number(range, "min_value");
      Optional<BigDecimal> max = JsonFields.number(range, "max_value");
      Optional<String> period = frequency.or(() -> min.or(() -> max)
          .filter(v -> v.compareTo(BigDecimal.valueOf(10_000)) >= 0)
          .map(v -> "year"));
      Optional<Salary> salary = SalaryRanges.of(min, max, JsonFields.text(range, "unit").orElse(""), period);
      if (salary.isPresent()) {
        return salary;
      }
    }
    return Optional.empty();
  }
}
