package com.jobswipe.feed;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * The job card every swipe-loop answer shows (feed items, saved jobs, the job page): one mapping from a
 * {@code jobs} row, so the clients see the same names everywhere. The names are part of the API contract;
 * add fields, never rename.
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
    JsonArray locations = strings(row.getArrayOfStrings("locations"));
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("title", row.getString("title"))
        .put("company", row.getString("company"))
        .put("location", locations.isEmpty() ? null : locations.getString(0))
        .put("locations", locations)
        .put("remote", row.getString("remote"))
        .put("applyUrl", row.getString("apply_url"))
        .put("employmentType", row.getString("employment_type"))
        .put("salary", salary(row))
        .put("postedAt", instant(row.getOffsetDateTime("posted_at")))
        .put("family", row.getString("family"))
        .put("seniority", row.getString("seniority"))
        .put("skills", strings(row.getArrayOfStrings("skills")));
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

  /** A range when either bound is known; {@code null} when the posting stated no pay. */
  private static JsonObject salary(Row row) {
    BigDecimal min = row.getBigDecimal("salary_min");
    BigDecimal max = row.getBigDecimal("salary_max");
    if (min == null && max == null) {
      return null;
    }
    return new JsonObject()
        .put("min", amount(min))
        .put("max", amount(max))
        .put("currency", row.getString("salary_currency"))
        .put("period", row.getString("salary_period"));
  }

  /** numeric(14,2) as a plain JSON number: 120000, not 120000.00. */
  private static Number amount(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal plain = value.stripTrailingZeros();
    return plain.scale() <= 0 ? plain.longValueExact() : plain.doubleValue();
  }

  private static JsonArray strings(String[] values) {
    JsonArray array = new JsonArray();
    if (values != null) {
      for (String value : values) {
        array.add(value);
      }
    }
    return array;
  }

  static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
