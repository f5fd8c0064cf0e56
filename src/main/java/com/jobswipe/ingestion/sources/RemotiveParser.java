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
 * Remotive, {@code GET https://remotive.com/api/remote-jobs}: {@code {"0-legal-notice", "job-count", "jobs":[{id, url,
 * title, company_name, company_logo, category, tags, job_type, publication_date, candidate_required_location, salary,
 * description}]}}, one page.
 *
 * <p>Every Remotive job is remote by the board's own definition, so {@code remote} is "remote";
 * {@code candidate_required_location} ("Worldwide", "USA", "Europe") is where the candidate must be. {@code salary} is
 * free text, read only when it is one unambiguous amount or range. {@code publication_date} has no zone and is UTC.
 * The apply URL is the Remotive page ({@code url}), the only link the API gives.
 */
final class RemotiveParser implements SourceParser {

  @Override
  public Page parse(byte[] body, String contentType, URI sourceUrl) {
    JsonObject root = JsonFields.decodeObject(body, "remotive");
    if (!(root.getValue("jobs") instanceof JsonArray jobs)) {
      throw new SourceFormatException("remotive: no jobs array");
    }
    List<JobPosting> postings = new ArrayList<>();
    for (JsonObject job : JsonFields.objects(jobs)) {
      new PostingDraft(SourceKind.REMOTIVE)
          .externalId(JsonFields.text(job, "id"))
          .title(JsonFields.text(job, "title").orElse(""))
          .company(JsonFields.text(job, "company_name").orElse(""))
          .location(JsonFields.text(job, "candidate_required_location").orElse(""))
          .remote("remote")
          .employmentType(JsonFields.text(job, "job_type").flatMap(PostingVocabulary::employmentType))
          .salary(SalaryRanges.parse(JsonFields.text(job, "salary").orElse("")))
          .descriptionHtml(JsonFields.text(job, "description").orElse(""))
          .applyUrl(JsonFields.text(job, "url"))
          .postedAt(JsonFields.text(job, "publication_date").flatMap(Timestamps::parse))
          .build()
          .ifPresent(postings::add);
    }
    return new Page(postings, Optional.empty());
  }
}
