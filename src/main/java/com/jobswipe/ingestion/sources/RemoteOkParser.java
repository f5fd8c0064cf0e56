package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.SourceKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RemoteOK, {@code GET https://remoteok.com/api}: a JSON array whose first element is the legal notice
 * ({@code {"last_updated", "legal"}}), then jobs {@code {slug, id, epoch, date, company, company_logo, position, tags,
 * logo, description, location, salary_min, salary_max, url, apply_url}}.
 *
 * <p>Elements without an {@code id} and {@code position} (the legal notice) are skipped, wherever they are. Every job
 * is remote by the board's definition. RemoteOK asks employers for annual pay in USD, so {@code salary_min/max} are a
 * USD yearly range; 0 means not stated.
 */
final class RemoteOkParser implements SourceParser {

  @Override
  public Page parse(byte[] body, String contentType, URI sourceUrl) {
    JsonArray items = JsonFields.decodeArray(body, "remoteok");
    List<JobPosting> postings = new ArrayList<>();
    for (JsonObject item : JsonFields.objects(items)) {
      if (JsonFields.text(item, "id").isEmpty() || JsonFields.text(item, "position").isEmpty()) {
        continue;
      }
      new PostingDraft(SourceKind.REMOTEOK)
          .externalId(JsonFields.text(item, "id"))
          .title(JsonFields.text(item, "position").orElse(""))
          .company(JsonFields.text(item, "company").orElse(""))
          .location(JsonFields.text(item, "location").orElse(""))
          .remote("remote")
          .salary(SalaryRanges.of(JsonFields.number(item, "salary_min"), JsonFields.number(item, "salary_max"),
              "USD", Optional.of("year")))
          .descriptionHtml(JsonFields.text(item, "description").orElse(""))
          .applyUrl(JsonFields.text(item, "apply_url"))
          .postingUrl(JsonFields.text(item, "url"))
          .postedAt(JsonFields.number(item, "epoch").flatMap(s -> Timestamps.ofEpochSeconds(s.longValue()))
              .or(() -> JsonFields.text(item, "date").flatMap(Timestamps::parse)))
          .build()
          .ifPresent(postings::add);
    }
    return new Page(postings, Optional.empty());
  }
}
