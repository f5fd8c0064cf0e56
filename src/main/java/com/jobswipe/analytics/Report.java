package com.jobswipe.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The operators' reports: each one statement over the daily rollups plus the days not rolled up yet, with its
 * columns in order (the CSV header and the JSON rows' keys; docs/analytics.md explains each).
 */
enum Report {
  FUNNEL("funnel", AnalyticsQueries.FUNNEL_REPORT, List.of("period", "dimension", "value", "impressions",
      "right_swipes", "queued", "submitted", "interview", "offer", "rejected", "no_response", "withdrawn")),
  MATCHING("matching", AnalyticsQueries.MATCHING_REPORT, List.of("period", "ranking_version", "rankings", "judged",
      "impressions", "relevant", "ctr", "ctr_rank_1", "ctr_rank_2", "ctr_rank_3", "ctr_rank_4", "ctr_rank_5",
      "ctr_rank_6", "ctr_rank_7", "ctr_rank_8", "ctr_rank_9", "ctr_rank_10", "precision_at_5", "precision_at_10",
      "ndcg_at_5", "ndcg_at_10")),
  AUTOMATION("automation", AnalyticsQueries.AUTOMATION_REPORT, List.of("period", "ats", "domain", "queued",
      "submitted", "failed", "needs_human", "unknown", "success_rate", "submit_p50_seconds", "submit_p95_seconds",
      "needs_human_reasons", "failed_reasons", "circuit_openings")),
  SOURCES("sources", AnalyticsQueries.SOURCES_REPORT, List.of("period", "source_id", "source", "kind", "polls",
      "failures", "fetched", "new_postings", "duplicates", "duplicate_of", "closed", "poll_p50_ms", "poll_max_ms",
      "newest_posting_age_hours")),
  USERS("users", AnalyticsQueries.USERS_REPORT, List.of("period", "signups", "verified", "active", "retained_week_1",
      "retained_week_4"));

  private final String id;
  private final String sql;
  private final List<String> columns;

  Report(String id, String sql, List<String> columns) {
    this.id = id;
    this.sql = sql;
    this.columns = columns;
  }

  static Optional<Report> named(String name) {
    return Arrays.stream(values()).filter(r -> r.id.equals(name)).findFirst();
  }

  static List<String> names() {
    return Arrays.stream(values()).map(r -> r.id).toList();
  }

  String id() {
    return id;
  }

  /** $1 from, $2 to (dates), $3 grouping ('day' or 'week'). */
  String sql() {
    return sql;
  }

  List<String> columns() {
    return columns;
  }
}
