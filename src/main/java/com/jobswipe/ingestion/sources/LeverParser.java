package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.SourceKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jsoup.nodes.Entities;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Lever Postings API, {@code GET https://api.lever.co/v0/postings/{company}?mode=json} (EU:
 * {@code api.eu.lever.co}): a JSON array of {@code {id, text, categories{location, commitment, team, department,
 * allLocations}, workplaceType, hostedUrl, applyUrl, createdAt (ms), description, descriptionPlain, lists[{text,
 * content}], additional, salaryRange{min, max, currency, interval}, country, …}}.
 *
 * <p>The description is {@code description} followed by each list (its {@code content} is bare {@code <li>}s, so it
 * is wrapped in a {@code <ul>} under its {@code text} as a heading) and {@code additional}. The payload names no
 * company: configured, else the site token in the URL. Pagination: when the URL asks for {@code limit=N} and a full
 * page comes back, the next page is the same URL with {@code skip} advanced by N.
 */
final class LeverParser implements SourceParser {

  private final Optional<String> configuredCompany;

  LeverParser(Optional<String> configuredCompany) {
    this.configuredCompany = configuredCompany;
  }

  @Override
  public Page parse(byte[] body, String contentType, URI sourceUrl) {
    JsonArray items = JsonFields.decodeArray(body, "lever");
    String company = BoardNames.company(configuredCompany, Optional.empty(), sourceUrl, "postings");
    List<JobPosting> postings = new ArrayList<>();
    for (JsonObject item : JsonFields.objects(items)) {
      toPosting(item, company).ifPresent(postings::add);
    }
    return new Page(postings, next(sourceUrl, items.size()));
  }

  private static Optional<JobPosting> toPosting(JsonObject item, String company) {
    JsonObject categories = JsonFields.object(item, "categories");
    JsonObject pay = JsonFields.object(item, "salaryRange");
    PostingDraft draft = new PostingDraft(SourceKind.LEVER)
        .externalId(JsonFields.text(item, "id"))
        .title(JsonFields.text(item, "text").orElse(""))
        .company(company)
        .remote(PostingVocabulary.workplace(JsonFields.text(item, "workplaceType").orElse("")))
        .employmentType(JsonFields.text(categories, "commitment").flatMap(PostingVocabulary::employmentType))
        .salary(SalaryRanges.of(JsonFields.number(pay, "min"), JsonFields.number(pay, "max"),
            JsonFields.text(pay, "currency").orElse(""),
            JsonFields.text(pay, "interval").flatMap(PostingVocabulary::period)))
        .descriptionHtml(descriptionHtml(item))
        .applyUrl(JsonFields.text(item, "applyUrl"))
        .postingUrl(JsonFields.text(item, "hostedUrl"))
        .postedAt(JsonFields.number(item, "createdAt").flatMap(ms -> Timestamps.ofEpochMillis(ms.longValue())));
    draft.location(JsonFields.text(categories, "location").orElse(""));
    JsonFields.texts(JsonFields.array(categories, "allLocations")).forEach(draft::location);
    return draft.build();
  }

  private static String descriptionHtml(JsonObject item) {
    StringBuilder html = new StringBuilder();
    Optional<String> description = JsonFields.text(item, "description");
    if (description.isPresent()) {
      html.append(description.get());
    } else {
      html.append(HtmlCleaner.fromPlainText(JsonFields.text(item, "descriptionPlain").orElse("")));
    }
    for (JsonObject list : JsonFields.objects(JsonFields.array(item, "lists"))) {
      CleanText.nonEmpty(JsonFields.text(list, "text").orElse(""))
          .ifPresent(heading -> html.append("<h3>").append(Entities.escape(heading)).append("</h3>"));
      JsonFields.text(list, "content").ifPresent(content -> html.append("<ul>").append(content).append("</ul>"));
    }
    JsonFields.text(item, "additional").ifPresent(html::append);
    return html.toString();
  }

  private static Optional<URI> next(URI sourceUrl, int received) {
    OptionalLong limit = PageLinks.longParam(sourceUrl, "limit");
    if (limit.isEmpty() || limit.getAsLong() <= 0 || received < limit.getAsLong()) {
      return Optional.empty();
    }
    long skip = PageLinks.longParam(sourceUrl, "skip").orElse(0);
    return Optional.of(PageLinks.withParams(sourceUrl, Map.of("skip", Long.toString(skip + limit.getAsLong()))));
  }
}
