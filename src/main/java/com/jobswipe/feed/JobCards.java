package com.jobswipe.feed;

import com.jobswipe.bus.JobCard;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A {@code jobs} row as the job card saved jobs and the job page show ({@link JobCard} writes it, as it does
 * matching's feed cards), and the extra fields only the job page has.
 */
final class JobCards {

  /** The {@code jobs} columns a card reads, qualified by the query's alias for {@code jobs}. */
  static String columns(String alias) {
    String a = alias + ".";
    return a + "id, " + a + "title, " + a + "company, " + a + "locations, " + a + "remote, " + a + "apply_url, "
        + a + "employment_type, " + a + "salary_min, " + a + "salary_max, " + a + "salary_currency, "
        + a + "salary_period, " + a + "posted_at, " + a + "family, " + a + "seniority, " + a + "skills";
  }

  /** The card columns plus what only the job page shows. */
  static String detailColumns(String alias) {
    String a = alias + ".";
    return columns(alias) + ", " + a + "description_html, " + a + "description_text, " + a + "status, "
        + a + "closed_at, " + a + "ats_kind";
  }

  private JobCards() {
  }

  static JsonObject card(Row row) {
    return new JobCard(row.getUUID("id"), row.getString("title"), row.getString("company"),
        strings(row.getArrayOfStrings("locations")), row.getString("remote"), row.getString("apply_url"),
        Optional.ofNullable(row.getString("employment_type")), salary(row),
        Optional.ofNullable(row.getOffsetDateTime("posted_at")).map(OffsetDateTime::toInstant),
        Optional.ofNullable(row.getString("family")), Optional.ofNullable(row.getString("seniority")),
        strings(row.getArrayOfStrings("skills"))).toJson();
  }

  /** The card with the job page's extra fields; the row must carry {@link #detailColumns}. */
  static JsonObject detail(Row row) {
    return card(row)
        .put("descriptionHtml", row.getString("description_html"))
        .put("descriptionText", row.getString("description_text"))
        .put("status", row.getString("status"))
        .put("closedAt", instant(row.getOffsetDateTime("closed_at")))
        .put("atsKind", row.getString("ats_kind"));
  }

  /** A range when either bound is known; none when the posting stated no pay. */
  private static Optional<JobCard.Salary> salary(Row row) {
    BigDecimal min = row.getBigDecimal("salary_min");
    BigDecimal max = row.getBigDecimal("salary_max");
    if (min == null && max == null) {
      return Optional.empty();
    }
    return Optional.of(new JobCard.Salary(amount(min), amount(max), row.getString("salary_currency"),
        Optional.ofNullable(row.getString("salary_period"))));
  }

  private static OptionalDouble amount(BigDecimal value) {
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value.doubleValue());
  }

  private static List<String> strings(String[] values) {
    return values == null ? List.of() : Arrays.asList(values);
  }

  static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
