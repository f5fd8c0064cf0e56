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
import java.util.Optional;

/**
 * Ashby public job board, {@code GET https://api.ashbyhq.com/posting-api/job-board/{org}?includeCompensation=true}:
 * {@code {"apiVersion":"1","jobs":[{id, title, department, team, employmentType, location, secondaryLocations
 * [{location, address}], address, isRemote, workplaceType, publishedAt, isListed, jobUrl, applyUrl, descriptionHtml,
 * descriptionPlain, compensation{compensationTierSummary, summaryComponents[], compensationTiers[{components[]}]}}]}}.
 *
 * <p>Workplace: {@code workplaceType} ("OnSite", "Remote", "Hybrid") when set, else {@code isRemote: true} means
 * remote; {@code isRemote: false} alone does not say onsite or hybrid, so it stays unknown. Salary: the
 * {@code compensationType: "Salary"} component ({@code minValue}, {@code maxValue}, {@code currencyCode},
 * {@code interval} "1 YEAR"); equity and bonus components are not pay. Jobs with {@code isListed: false} are skipped.
 * The payload names no company: configured, else the board name in the URL.
 */
final class AshbyParser implements SourceParser {

  private final Optional<String> configuredCompany;

  AshbyParser(Optional<String> configuredCompany) {
    this.configuredCompany = configuredCompany;
  }

  @Override
  public Page parse(byte[] body, String contentType, URI sourceUrl) {
    JsonObject root = JsonFields.decodeObject(body, "ashby");
    if (!(root.getValue("jobs") instanceof JsonArray jobs)) {
      throw new SourceFormatException("ashby: no jobs array");
    }
    String company = BoardNames.company(configuredCompany, Optional.empty(), sourceUrl, "job-board");
    List<JobPosting> postings = new ArrayList<>();
    for (JsonObject job : JsonFields.objects(jobs)) {
      if (JsonFields.bool(job, "isListed").orElse(true)) {
        toPosting(job, company).ifPresent(postings::add);
      }
    }
    return new Page(postings, Optional.empty());
  }

  private static Optional<JobPosting> toPosting(JsonObject job, String company) {
    Optional<String> html = JsonFields.text(job, "descriptionHtml");
    PostingDraft draft = new PostingDraft(SourceKind.ASHBY)
        .externalId(JsonFields.text(job, "id"))
        .title(JsonFields.text(job, "title").orElse(""))
        .company(company)
        .remote(remote(job))
        .employmentType(JsonFields.text(job, "employmentType").flatMap(PostingVocabulary::employmentType))
        .salary(salary(JsonFields.object(job, "compensation")))
        .descriptionHtml(html.orElseGet(
            () -> HtmlCleaner.fromPlainText(JsonFields.text(job, "descriptionPlain").orElse(""))))
        .applyUrl(JsonFields.text(job, "applyUrl"))
        .postingUrl(JsonFields.text(job, "jobUrl"))
        .postedAt(JsonFields.text(job, "publishedAt").flatMap(Timestamps::parse));
    draft.location(JsonFields.text(job, "location").orElse(""));
    JsonFields.objects(JsonFields.array(job, "secondaryLocations"))
        .forEach(secondary -> draft.location(JsonFields.text(secondary, "location").orElse("")));
    return draft.build();
  }

  private static String remote(JsonObject job) {
    String stated = PostingVocabulary.workplace(JsonFields.text(job, "workplaceType").orElse(""));
    if (!stated.equals("unknown")) {
      return stated;
    }
    return JsonFields.bool(job, "isRemote").orElse(false) ? "remote" : "unknown";
  }

  /**
   * {@code summaryComponents} first (one range across tiers); else, from the tiers, the widest range when every tier
   * agrees on currency and interval.
   */
  private static Optional<Salary> salary(JsonObject compensation) {
    Optional<Salary> summary = salaryOf(JsonFields.objects(JsonFields.array(compensation, "summaryComponents")));
    if (summary.isPresent()) {
      return summary;
    }
    List<JsonObject> components = new ArrayList<>();
    JsonFields.objects(JsonFields.array(compensation, "compensationTiers"))
        .forEach(tier -> components.addAll(JsonFields.objects(JsonFields.array(tier, "components"))));
    return salaryOf(components);
  }

  private static Optional<Salary> salaryOf(List<JsonObject> components) {
    BigDecimal min = null;
    BigDecimal max = null;
    String currency = null;
    String interval = null;
    for (JsonObject component : components) {
      if (!"Salary".equalsIgnoreCase(JsonFields.text(component, "compensationType").orElse(""))) {
        continue;
      }
      String c = JsonFields.text(component, "currencyCode").orElse("");
      String i = JsonFields.text(component, "interval").orElse("");
      if ((currency != null && !currency.equals(c)) || (interval != null && !interval.equals(i))) {
        return Optional.empty();
      }
      currency = c;
      interval = i;
      BigDecimal lo = JsonFields.number(component, "minValue").orElse(null);
      BigDecimal hi = JsonFields.number(component, "maxValue").orElse(null);
      min = lo == null ? min : min == null ? lo : min.min(lo);
      max = hi == null ? max : max == null ? hi : max.max(hi);
    }
    if (currency == null) {
      return Optional.empty();
    }
    return SalaryRanges.of(Optional.ofNullable(min), Optional.ofNullable(max), currency,
        PostingVocabulary.period(interval));
  }
}
