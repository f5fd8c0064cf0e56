package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.SourceKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * SmartRecruiters Posting API list, {@code GET https://api.smartrecruiters.com/v1/companies/{companyId}/postings}:
 * {@code {offset, limit, totalFound, content:[{id, name, uuid, refNumber, releasedDate, company{identifier, name},
 * location{city, region, country, remote, hybrid?, fullLocation?}, industry, department, function,
 * typeOfEmployment{id, label}, experienceLevel{id, label}, ref, …}]}}.
 *
 * <p>The list carries no description and no apply link; the postings keep what the list gives, with the public job
 * page {@code https://jobs.smartrecruiters.com/{identifier}/{id}} (where the candidate applies) as the apply URL.
 * The full ad is at {@code ref} (the detail API), which a later enrichment step can fetch. Next page: the same URL
 * with {@code offset} advanced by the number received, while {@code offset + received < totalFound}.
 */
final class SmartRecruitersParser implements SourceParser {

  private final Optional<String> configuredCompany;

  SmartRecruitersParser(Optional<String> configuredCompany) {
    this.configuredCompany = configuredCompany;
  }

  @Override
  public Page parse(byte[] body, String contentType, URI sourceUrl) {
    JsonObject root = JsonFields.decodeObject(body, "smartrecruiters");
    if (!(root.getValue("content") instanceof JsonArray content)) {
      throw new SourceFormatException("smartrecruiters: no content array");
    }
    List<JobPosting> postings = new ArrayList<>();
    for (JsonObject item : JsonFields.objects(content)) {
      toPosting(item, sourceUrl).ifPresent(postings::add);
    }
    return new Page(postings, next(root, content.size(), sourceUrl));
  }

  private Optional<JobPosting> toPosting(JsonObject item, URI sourceUrl) {
    JsonObject company = JsonFields.object(item, "company");
    JsonObject location = JsonFields.object(item, "location");
    Optional<String> id = JsonFields.text(item, "id");
    Optional<String> identifier = JsonFields.text(company, "identifier")
        .or(() -> BoardNames.tokenAfter(sourceUrl, "companies"));
    Optional<String> jobPage = id.flatMap(i -> identifier.map(c -> "https://jobs.smartrecruiters.com/"
        + URLEncoder.encode(c, StandardCharsets.UTF_8) + "/" + URLEncoder.encode(i, StandardCharsets.UTF_8)));
    return new PostingDraft(SourceKind.SMARTRECRUITERS)
        .externalId(id)
        .title(JsonFields.text(item, "name").orElse(""))
        .company(BoardNames.company(configuredCompany, JsonFields.text(company, "name"), sourceUrl, "companies"))
        .location(place(location))
        .remote(remote(location))
        .employmentType(JsonFields.text(JsonFields.object(item, "typeOfEmployment"), "label")
            .or(() -> JsonFields.text(JsonFields.object(item, "typeOfEmployment"), "id"))
            .flatMap(PostingVocabulary::employmentType))
        .applyUrl(jobPage)
        .postedAt(JsonFields.text(item, "releasedDate").flatMap(Timestamps::parse))
        .build();
  }

  private static String place(JsonObject location) {
    Optional<String> full = JsonFields.text(location, "fullLocation");
    if (full.isPresent()) {
      return full.get();
    }
    return Stream.of("city", "region", "country")
        .map(key -> JsonFields.text(location, key).map(CleanText::line).orElse(""))
        .map(s -> s.length() == 2 ? s.toUpperCase(Locale.ROOT) : s)
        .filter(s -> !s.isEmpty())
        .distinct()
        .collect(Collectors.joining(", "));
  }

  /** {@code remote: true} → remote, {@code hybrid: true} → hybrid, both explicitly false → onsite, else unknown. */
  private static String remote(JsonObject location) {
    Optional<Boolean> remote = JsonFields.bool(location, "remote");
    Optional<Boolean> hybrid = JsonFields.bool(location, "hybrid");
    if (remote.orElse(false)) {
      return "remote";
    }
    if (hybrid.orElse(false)) {
      return "hybrid";
    }
    return remote.isPresent() && hybrid.isPresent() ? "onsite" : "unknown";
  }

  private static Optional<URI> next(JsonObject root, int received, URI sourceUrl) {
    long offset = JsonFields.number(root, "offset").map(Number::longValue)
        .orElse(PageLinks.longParam(sourceUrl, "offset").orElse(0));
    Optional<Long> total = JsonFields.number(root, "totalFound").map(Number::longValue);
    if (received == 0 || total.isEmpty() || offset + received >= total.get()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("offset", Long.toString(offset + received));
    JsonFields.number(root, "limit").map(Number::longValue)
        .ifPresent(limit -> params.put("limit", Long.toString(limit)));
    return Optional.of(PageLinks.withParams(sourceUrl, params));
  }
}
