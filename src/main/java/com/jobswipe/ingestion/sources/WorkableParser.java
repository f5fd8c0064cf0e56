package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.SourceKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Workable widget API, {@code GET https://apply.workable.com/api/v1/widget/accounts/{account}} (add
 * {@code ?details=true} for descriptions): {@code {"name", "description", "jobs":[{title, shortcode, code,
 * employment_type, telecommuting, department, url, shortlink, application_url, published_on, created_at, country,
 * city, state, education, experience, function, industry, locations[{country, countryCode, city, region, hidden}],
 * description?}]}}, one page per account.
 *
 * <p>The id is the {@code shortcode}. Locations come from {@code locations[]} (hidden ones skipped), else the
 * top-level city/state/country. {@code telecommuting: true} is remote; false does not say onsite or hybrid, so it
 * stays unknown. The widget carries no pay.
 */
final class WorkableParser implements SourceParser {

  private final Optional<String> configuredCompany;

  WorkableParser(Optional<String> configuredCompany) {
    this.configuredCompany = configuredCompany;
  }

  @Override
  public Page parse(byte[] body, String contentType, URI sourceUrl) {
    JsonObject root = JsonFields.decodeObject(body, "workable");
    if (!(root.getValue("jobs") instanceof JsonArray jobs)) {
      throw new SourceFormatException("workable: no jobs array");
    }
    String company = BoardNames.company(configuredCompany, JsonFields.text(root, "name"), sourceUrl, "accounts");
    List<JobPosting> postings = new ArrayList<>();
    for (JsonObject job : JsonFields.objects(jobs)) {
      toPosting(job, company).ifPresent(postings::add);
    }
    return new Page(postings, Optional.empty());
  }

  private static Optional<JobPosting> toPosting(JsonObject job, String company) {
    PostingDraft draft = new PostingDraft(SourceKind.WORKABLE)
        .externalId(JsonFields.text(job, "shortcode").or(() -> JsonFields.text(job, "url")))
        .title(JsonFields.text(job, "title").orElse(""))
        .company(company)
        .remote(JsonFields.bool(job, "telecommuting").orElse(false) ? "remote" : "unknown")
        .employmentType(JsonFields.text(job, "employment_type").flatMap(PostingVocabulary::employmentType))
        .descriptionHtml(JsonFields.text(job, "description").orElse(""))
        .applyUrl(JsonFields.text(job, "application_url"))
        .postingUrl(JsonFields.text(job, "url").or(() -> JsonFields.text(job, "shortlink")))
        .postedAt(JsonFields.text(job, "published_on").or(() -> JsonFields.text(job, "created_at"))
            .flatMap(Timestamps::parse));
    List<JsonObject> locations = JsonFields.objects(JsonFields.array(job, "locations"));
    for (JsonObject location : locations) {
      if (!JsonFields.bool(location, "hidden").orElse(false)) {
        draft.location(place(location, "region"));
      }
    }
    if (locations.isEmpty()) {
      draft.location(place(job, "state"));
    }
    return draft.build();
  }

  private static String place(JsonObject object, String regionKey) {
    return Stream.of("city", regionKey, "country")
        .map(key -> JsonFields.text(object, key).map(CleanText::line).orElse(""))
        .filter(s -> !s.isEmpty())
        .distinct()
        .collect(Collectors.joining(", "));
  }
}
