package com.jobswipe.analytics;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every statement of the analytics feature. The day aggregates are written once, as fragments over a relation
 * {@code days(day)} of UTC dates: the rollup job runs them over the days that changed and stores the result, and
 * the reports run the very same fragments over the days not rolled up yet (today, usually), so a live day and a
 * stored day can never be counted two ways.
 */
final class AnalyticsQueries {

  private AnalyticsQueries() {
  }

  /**
   * These statements are long and the planner cannot see how few days a {@code days} relation holds, so their cost
   * estimates pass the JIT threshold: compiling them took about a second, for queries that run in milliseconds.
   */
  static final String NO_JIT = "SET LOCAL jit = off";

  /** Rollups are recomputed from the record in one transaction, by one node at a time. */
  static final String ROLLUP_TRY_LOCK =
      "SELECT pg_try_advisory_xact_lock(hashtext('jobswipe.analytics.rollup'), 0) AS mine";
  /** For callers that must run now (a rebuild): waits for the node that holds the lock to finish. */
  static final String ROLLUP_LOCK = "SELECT pg_advisory_xact_lock(hashtext('jobswipe.analytics.rollup'), 0), true AS mine";

  static final String ROLLUP_STATE = "SELECT watermark, complete_through, now() AS now,"
      + " (now() AT TIME ZONE 'UTC')::date AS today FROM analytics_rollup_state WHERE id = 1";

  static final String ROLLUP_RESET = "UPDATE analytics_rollup_state SET watermark = '-infinity' WHERE id = 1";

  /**
   * $1 the new watermark, $2 the last complete day, $3 run time in ms, $4 days recomputed. The watermark never
   * passes the start of the run's day: rows changed today are read again at every run until the day closes.
   */
  static final String ROLLUP_DONE = "UPDATE analytics_rollup_state SET watermark = $1, complete_through = $2,"
      + " last_run_at = now(), last_run_ms = $3, last_days = $4 WHERE id = 1";

  /** The UTC day of a timestamp column. */
  private static String dayOf(String column) {
    return "(" + column + " AT TIME ZONE 'UTC')::date";
  }

  /** {@code column} falls on day {@code d.day} (UTC), as a range an index on the column can serve. */
  private static String inDay(String column) {
    return column + " >= (d.day::timestamp AT TIME ZONE 'UTC') AND " + column
        + " < ((d.day + 1)::timestamp AT TIME ZONE 'UTC')";
  }

  /** Rows changed at or after this may not be rolled up yet: the watermark, less the overlap. */
  private static final String SINCE = "(SELECT watermark - make_interval(mins => " + RollupJob.OVERLAP_MINUTES + ")"
      + " FROM analytics_rollup_state WHERE id = 1)";

  /**
   * $1 the run's day: every closed day that a row changed since the watermark
   * touches. An impression's relevance depends on the swipe that followed it, so a changed swipe also marks the
   * day of the impression it is credited to.
   */
  static final String DIRTY_DAYS = "SELECT DISTINCT day FROM ("
      + " SELECT " + dayOf("created_at") + " AS day FROM feed_impressions WHERE created_at >= " + SINCE
      + " UNION SELECT " + dayOf("created_at") + " FROM user_job_interactions WHERE updated_at >= " + SINCE
      + " UNION SELECT " + dayOf("x.at") + " FROM user_job_interactions i CROSS JOIN LATERAL"
      + "   (SELECT max(f.created_at) AS at FROM feed_impressions f WHERE f.user_id = i.user_id AND f.job_id = i.job_id"
      + "    AND f.created_at <= i.created_at) x WHERE i.updated_at >= " + SINCE + " AND x.at IS NOT NULL"
      + " UNION SELECT " + dayOf("created_at") + " FROM applications WHERE updated_at >= " + SINCE
      + " UNION SELECT " + dayOf("submitted_at") + " FROM applications WHERE updated_at >= " + SINCE + " AND submitted_at IS NOT NULL"
      + " UNION SELECT " + dayOf("created_at") + " FROM application_audit_log WHERE created_at >= " + SINCE
      + " UNION SELECT " + dayOf("created_at") + " FROM application_outcomes WHERE created_at >= " + SINCE
      + " UNION SELECT " + dayOf("first_seen_at") + " FROM job_sources WHERE first_seen_at >= " + SINCE
      + " UNION SELECT " + dayOf("closed_at") + " FROM jobs WHERE closed_at >= " + SINCE
      + " UNION SELECT " + dayOf("started_at") + " FROM source_polls WHERE started_at >= " + SINCE
      + " UNION SELECT " + dayOf("created_at") + " FROM users WHERE created_at >= " + SINCE
      + " UNION SELECT " + dayOf("email_verified_at") + " FROM users WHERE email_verified_at >= " + SINCE
      + ") changed WHERE day < $1 ORDER BY day";

  /**
   * Clears the days about to be recomputed ($1, a date[]). Separate statements from the inserts: within one
   * statement PostgreSQL gives no order between a DELETE in a WITH and the INSERT beside it.
   */
  static final List<String> ROLLUP_CLEAR = Stream.of("analytics_funnel_daily", "analytics_rank_daily",
          "analytics_ranking_daily", "analytics_automation_daily", "analytics_automation_reasons_daily",
          "analytics_sources_daily", "analytics_users_daily", "analytics_active_daily")
      .map(table -> "DELETE FROM " + table + " WHERE day = ANY($1::date[])").toList();

  /** The days being recomputed ($1, a date[]). */
  private static final String DIRTY = "days(day) AS (SELECT unnest($1::date[]))";

  /**
   * The days a report reads live: after the last rolled-up day, within [$1, $2]. {@code state} is read in the
   * report's own snapshot, so rollup rows and live days never overlap or leave a gap.
   */
  private static final String LIVE = "state AS (SELECT complete_through AS through FROM analytics_rollup_state"
      + " WHERE id = 1),"
      + " days(day) AS (SELECT g::date FROM state, generate_series(GREATEST($1::date, COALESCE(state.through + 1,"
      + " $1::date))::timestamp, $2::date::timestamp, interval '1 day') g)";

  /** Rolled-up days of a report's window (none before the first run). */
  private static final String ROLLED = "day >= $1::date AND day <= $2::date AND day <= (SELECT through FROM state)";

  /** The period a day belongs to: itself, or the Monday of its ISO week ($3 = 'day' | 'week'). */
  private static final String PERIOD = "CASE WHEN $3::text = 'week' THEN date_trunc('week', day)::date ELSE day END";

  /** The ATS host of job {@code j}, as automation names domains. */
  private static final String DOMAIN = "lower(COALESCE(NULLIF(j.ats_domain, ''),"
      + " substring(j.apply_url from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]+)'), 'unknown'))";

  /** The source that brought job {@code j} first (the one its other sources are duplicates of). */
  private static final String FIRST_SOURCE = "SELECT f.source_id, f.external_id FROM job_sources f WHERE f.job_id = j.id"
      + " ORDER BY f.first_seen_at, f.source_id, f.external_id LIMIT 1";

  private static String ratio(String numerator, String denominator) {
    return "round((" + numerator + ")::numeric / NULLIF(" + denominator + ", 0), 6)";
  }

  // ---------------------------------------------------------------- funnel

  /** Funnel events per day and job, then per day and the job's category, first source and ATS. */
  private static final String FUNNEL_DAYS = " funnel_events AS ("
      + " SELECT d.day, fi.job_id, count(*) AS impressions, 0::bigint AS right_swipes, 0::bigint AS queued,"
      + "   0::bigint AS submitted, 0::bigint AS interview, 0::bigint AS offer, 0::bigint AS rejected,"
      + "   0::bigint AS no_response, 0::bigint AS withdrawn"
      + "   FROM days d JOIN feed_impressions fi ON " + inDay("fi.created_at") + " GROUP BY 1, 2"
      + " UNION ALL SELECT d.day, i.job_id, 0, count(*), 0, 0, 0, 0, 0, 0, 0"
      + "   FROM days d JOIN user_job_interactions i ON " + inDay("i.created_at") + " WHERE i.direction = 'right'"
      + "   GROUP BY 1, 2"
      + " UNION ALL SELECT d.day, a.job_id, 0, 0, count(*), 0, 0, 0, 0, 0, 0"
      + "   FROM days d JOIN applications a ON " + inDay("a.created_at") + " GROUP BY 1, 2"
      + " UNION ALL SELECT d.day, a.job_id, 0, 0, 0, count(*), 0, 0, 0, 0, 0"
      + "   FROM days d JOIN applications a ON " + inDay("a.submitted_at") + " GROUP BY 1, 2"
      // An outcome counts once per application, on the day it was first reported.
      + " UNION ALL SELECT d.day, a.job_id, 0, 0, 0, 0, count(*) FILTER (WHERE o.outcome = 'interview'),"
      + "   count(*) FILTER (WHERE o.outcome = 'offer'), count(*) FILTER (WHERE o.outcome = 'rejected'),"
      + "   count(*) FILTER (WHERE o.outcome = 'no_response'), count(*) FILTER (WHERE o.outcome = 'withdrawn')"
      + "   FROM days d JOIN application_outcomes o ON " + inDay("o.created_at")
      + "   JOIN applications a ON a.id = o.application_id"
      + "   WHERE NOT EXISTS (SELECT 1 FROM application_outcomes e WHERE e.application_id = o.application_id"
      + "     AND e.outcome = o.outcome AND (e.created_at, e.id) < (o.created_at, o.id))"
      + "   GROUP BY 1, 2),"
      + " funnel_jobs AS (SELECT j.id, COALESCE(j.family, 'unknown') AS category,"
      + "   COALESCE(s.name, 'unknown') AS source, COALESCE(j.ats_kind, 'unknown') AS ats"
      + "   FROM jobs j LEFT JOIN LATERAL (" + FIRST_SOURCE + ") first ON true"
      + "   LEFT JOIN sources s ON s.id = first.source_id"
      + "   WHERE j.id IN (SELECT job_id FROM funnel_events)),"
      + " funnel_days AS (SELECT e.day, fj.category, fj.source, fj.ats, sum(e.impressions)::bigint AS impressions,"
      + "   sum(e.right_swipes)::bigint AS right_swipes, sum(e.queued)::bigint AS queued,"
      + "   sum(e.submitted)::bigint AS submitted, sum(e.interview)::bigint AS interview, sum(e.offer)::bigint AS offer,"
      + "   sum(e.rejected)::bigint AS rejected, sum(e.no_response)::bigint AS no_response,"
      + "   sum(e.withdrawn)::bigint AS withdrawn"
      + "   FROM funnel_events e JOIN funnel_jobs fj ON fj.id = e.job_id GROUP BY 1, 2, 3, 4)";

  static final String FUNNEL_ROLLUP = "WITH " + DIRTY + ","
      + FUNNEL_DAYS
      + " INSERT INTO analytics_funnel_daily SELECT * FROM funnel_days";

  private static final String FUNNEL_SUMS = "sum(impressions)::bigint AS impressions,"
      + " sum(right_swipes)::bigint AS right_swipes, sum(queued)::bigint AS queued, sum(submitted)::bigint AS submitted,"
      + " sum(interview)::bigint AS interview, sum(offer)::bigint AS offer, sum(rejected)::bigint AS rejected,"
      + " sum(no_response)::bigint AS no_response, sum(withdrawn)::bigint AS withdrawn";

  /** $1 from, $2 to, $3 grouping: every period overall, then by category, source and ATS. */
  static final String FUNNEL_REPORT = "WITH " + LIVE + "," + FUNNEL_DAYS + ","
      + " all_days AS (SELECT day, category, source, ats, impressions, right_swipes, queued, submitted, interview,"
      + "   offer, rejected, no_response, withdrawn FROM analytics_funnel_daily WHERE " + ROLLED
      + "   UNION ALL SELECT * FROM funnel_days),"
      + " periods AS (SELECT " + PERIOD + " AS period, * FROM all_days)"
      + " SELECT to_char(period, 'YYYY-MM-DD') AS period,"
      + "  CASE WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(source) = 0 THEN 'source'"
      + "   WHEN GROUPING(ats) = 0 THEN 'ats' ELSE 'all' END AS dimension,"
      + "  COALESCE(category, source, ats, 'all') AS value, " + FUNNEL_SUMS
      + " FROM periods GROUP BY GROUPING SETS ((period), (period, category), (period, source), (period, ats))"
      + " ORDER BY period, GROUPING(category, source, ats) = 7 DESC, GROUPING(category) , GROUPING(source), value";

  // ---------------------------------------------------------------- matching

  /**
   * Each impression, and whether the swipe that followed it was a right swipe or a save. A swipe is credited to
   * the latest impression of its job shown to its user before it (the one the swipe was made from), so an
   * impression is relevant when such a swipe exists and no later impression of the job came before that swipe.
   */
  private static final String MATCHING_DAYS = " match_imp AS ("
      + " SELECT d.day, COALESCE(fi.ranking_version, 'unknown') AS ranking_version, fi.feed_request_id, fi.rank,"
      + "   EXISTS (SELECT 1 FROM user_job_interactions i WHERE i.user_id = fi.user_id AND i.job_id = fi.job_id"
      + "     AND i.direction IN ('right', 'save') AND i.created_at >= fi.created_at"
      + "     AND NOT EXISTS (SELECT 1 FROM feed_impressions later WHERE later.user_id = fi.user_id"
      + "       AND later.job_id = fi.job_id AND later.created_at > fi.created_at AND later.created_at <= i.created_at))"
      + "   AS relevant"
      + " FROM days d JOIN feed_impressions fi ON " + inDay("fi.created_at") + "),"
      + " match_rank_days AS (SELECT day, ranking_version, LEAST(rank + 1, 11) AS rank, count(*) AS impressions,"
      + "   count(*) FILTER (WHERE relevant) AS relevant FROM match_imp GROUP BY 1, 2, 3),"
      // Positions are 1-based: the item at rank r (0-based) gains 1 / log2(r + 2).
      + " match_rankings AS (SELECT day, ranking_version, feed_request_id, count(*) FILTER (WHERE relevant) AS r,"
      + "   count(*) FILTER (WHERE relevant AND rank < 5) AS hits_5, count(*) FILTER (WHERE relevant AND rank < 10) AS hits_10,"
      + "   COALESCE(sum(ln(2) / ln(rank + 2)) FILTER (WHERE relevant AND rank < 5), 0) AS dcg_5,"
      + "   COALESCE(sum(ln(2) / ln(rank + 2)) FILTER (WHERE relevant AND rank < 10), 0) AS dcg_10"
      + "   FROM match_imp GROUP BY 1, 2, 3),"
      // The ideal ranking puts the ranking's relevant items first: IDCG@k sums 1 / log2(i + 1) for i = 1 .. min(r, k).
      + " match_scored AS (SELECT m.*,"
      + "   CASE WHEN r > 0 THEN dcg_5 / (SELECT sum(ln(2) / ln(g + 1)) FROM generate_series(1, LEAST(r, 5)) g) END AS ndcg_5,"
      + "   CASE WHEN r > 0 THEN dcg_10 / (SELECT sum(ln(2) / ln(g + 1)) FROM generate_series(1, LEAST(r, 10)) g) END AS ndcg_10"
      + "   FROM match_rankings m),"
      + " match_ranking_days AS (SELECT day, ranking_version, count(*) AS rankings, count(*) FILTER (WHERE r > 0) AS judged,"
      + "   sum(hits_5 / 5.0)::float8 AS precision_5, sum(hits_10 / 10.0)::float8 AS precision_10,"
      + "   COALESCE(sum(ndcg_5), 0)::float8 AS ndcg_5, COALESCE(sum(ndcg_10), 0)::float8 AS ndcg_10"
      + "   FROM match_scored GROUP BY 1, 2)";

  static final String MATCHING_ROLLUP = "WITH " + DIRTY + ","
      + MATCHING_DAYS + ","
      + " ranks AS (INSERT INTO analytics_rank_daily SELECT * FROM match_rank_days)"
      + " INSERT INTO analytics_ranking_daily SELECT * FROM match_ranking_days";

  /** Columns ctr_rank_1 .. ctr_rank_10: relevant / impressions at each of the first ten positions. */
  private static String ctrByRank() {
    StringBuilder sql = new StringBuilder();
    for (int rank = 1; rank <= 10; rank++) {
      sql.append(", ").append(ratio("sum(relevant) FILTER (WHERE rank = " + rank + ")",
          "sum(impressions) FILTER (WHERE rank = " + rank + ")")).append(" AS ctr_rank_").append(rank);
    }
    return sql.toString();
  }

  static final String MATCHING_REPORT = "WITH " + LIVE + "," + MATCHING_DAYS + ","
      + " rank_rows AS (SELECT day, ranking_version, rank, impressions, relevant FROM analytics_rank_daily WHERE " + ROLLED
      + "   UNION ALL SELECT * FROM match_rank_days),"
      + " ranking_rows AS (SELECT day, ranking_version, rankings, judged, precision_5, precision_10, ndcg_5, ndcg_10"
      + "   FROM analytics_ranking_daily WHERE " + ROLLED + " UNION ALL SELECT * FROM match_ranking_days),"
      + " by_rank AS (SELECT " + PERIOD + " AS period, ranking_version, sum(impressions)::bigint AS impressions,"
      + "   sum(relevant)::bigint AS relevant, " + ratio("sum(relevant)", "sum(impressions)") + " AS ctr" + ctrByRank()
      + "   FROM rank_rows GROUP BY 1, 2),"
      + " by_ranking AS (SELECT " + PERIOD + " AS period, ranking_version, sum(rankings)::bigint AS rankings,"
      + "   sum(judged)::bigint AS judged, " + ratio("sum(precision_5)", "sum(rankings)") + " AS precision_at_5,"
      + "   " + ratio("sum(precision_10)", "sum(rankings)") + " AS precision_at_10,"
      + "   " + ratio("sum(ndcg_5)", "sum(judged)") + " AS ndcg_at_5, " + ratio("sum(ndcg_10)", "sum(judged)") + " AS ndcg_at_10"
      + "   FROM ranking_rows GROUP BY 1, 2)"
      + " SELECT to_char(period, 'YYYY-MM-DD') AS period, ranking_version, COALESCE(g.rankings, 0) AS rankings,"
      + "  COALESCE(g.judged, 0) AS judged, r.impressions, r.relevant, r.ctr,"
      + "  r.ctr_rank_1, r.ctr_rank_2, r.ctr_rank_3, r.ctr_rank_4, r.ctr_rank_5, r.ctr_rank_6, r.ctr_rank_7,"
      + "  r.ctr_rank_8, r.ctr_rank_9, r.ctr_rank_10,"
      + "  g.precision_at_5, g.precision_at_10, g.ndcg_at_5, g.ndcg_at_10"
      + " FROM by_rank r LEFT JOIN by_ranking g USING (period, ranking_version)"
      + " ORDER BY period, ranking_version";

  // ---------------------------------------------------------------- automation

  private static final String AUTOMATION_DAYS = " auto_events AS ("
      + " SELECT d.day, a.job_id, 1 AS queued, 0 AS submitted, 0 AS failed, 0 AS needs_human, 0 AS unknown,"
      + "   NULL::real AS seconds FROM days d JOIN applications a ON " + inDay("a.created_at")
      // Time to submit: from the right swipe (the application's own creation if the swipe row is gone).
      + " UNION ALL SELECT d.day, a.job_id, 0, 1, 0, 0, 0,"
      + "   extract(epoch FROM a.submitted_at - COALESCE(i.created_at, a.created_at))::real"
      + "   FROM days d JOIN applications a ON " + inDay("a.submitted_at")
      + "   LEFT JOIN user_job_interactions i ON i.id = a.interaction_id"
      // Each application once per day and state it entered, however many lines said so.
      + " UNION ALL SELECT x.day, a.job_id, 0, 0, (x.status = 'FAILED')::int, (x.status = 'NEEDS_HUMAN')::int,"
      + "   (x.status = 'UNKNOWN')::int, NULL FROM (SELECT DISTINCT d.day, l.application_id, l.detail ->> 'status' AS status"
      + "   FROM days d JOIN application_audit_log l ON " + inDay("l.created_at")
      + "   WHERE l.detail ->> 'status' IN ('FAILED', 'NEEDS_HUMAN', 'UNKNOWN')) x"
      + "   JOIN applications a ON a.id = x.application_id),"
      + " auto_days AS (SELECT e.day, COALESCE(j.ats_kind, 'unknown') AS ats, " + DOMAIN + " AS domain,"
      + "   sum(queued)::bigint AS queued, sum(submitted)::bigint AS submitted, sum(failed)::bigint AS failed,"
      + "   sum(needs_human)::bigint AS needs_human, sum(unknown)::bigint AS unknown,"
      + "   COALESCE(array_agg(seconds ORDER BY seconds) FILTER (WHERE seconds IS NOT NULL), '{}') AS submit_seconds"
      + "   FROM auto_events e JOIN jobs j ON j.id = e.job_id GROUP BY 1, 2, 3),"
      + " auto_reason_days AS (SELECT d.day, COALESCE(j.ats_kind, 'unknown') AS ats, " + DOMAIN + " AS domain,"
      + "   l.detail ->> 'status' AS status, l.outcome AS reason, count(DISTINCT l.application_id) AS n"
      + "   FROM days d JOIN application_audit_log l ON " + inDay("l.created_at")
      + "   JOIN applications a ON a.id = l.application_id JOIN jobs j ON j.id = a.job_id"
      + "   WHERE l.detail ->> 'status' IN ('NEEDS_HUMAN', 'FAILED') GROUP BY 1, 2, 3, 4, 5)";

  static final String AUTOMATION_ROLLUP = "WITH " + DIRTY + ","
      + AUTOMATION_DAYS + ","
      + " reasons AS (INSERT INTO analytics_automation_reasons_daily SELECT * FROM auto_reason_days)"
      + " INSERT INTO analytics_automation_daily SELECT * FROM auto_days";

  /**
   * Circuit openings: the domains table keeps each domain's latest opening only, so this counts domains whose
   * latest opening falls in the period (a lower bound when a circuit opened more than once).
   */
  static final String AUTOMATION_REPORT = "WITH " + LIVE + "," + AUTOMATION_DAYS + ","
      + " auto_rows AS (SELECT day, ats, domain, queued, submitted, failed, needs_human, unknown, submit_seconds"
      + "   FROM analytics_automation_daily WHERE " + ROLLED + " UNION ALL SELECT * FROM auto_days),"
      + " reason_rows AS (SELECT day, ats, domain, status, reason, n FROM analytics_automation_reasons_daily"
      + "   WHERE " + ROLLED + " UNION ALL SELECT * FROM auto_reason_days),"
      + " reason_sums AS (SELECT " + PERIOD + " AS period, ats, domain, status, reason, sum(n)::bigint AS n"
      + "   FROM reason_rows GROUP BY 1, 2, 3, 4, 5),"
      // Reasons of each kind as "reason=count; …", most frequent first, joined to the rows below (a lookup per row
      // was quadratic: 3 s over a year of 15 domains).
      + " reason_lists AS (SELECT period, ats, domain,"
      + "   string_agg(reason || '=' || n, '; ' ORDER BY n DESC, reason) FILTER (WHERE status = 'NEEDS_HUMAN') AS needs_human,"
      + "   string_agg(reason || '=' || n, '; ' ORDER BY n DESC, reason) FILTER (WHERE status = 'FAILED') AS failed"
      + "   FROM reason_sums GROUP BY 1, 2, 3),"
      + " times AS (SELECT " + PERIOD + " AS period, ats, domain, unnest(submit_seconds) AS s FROM auto_rows),"
      + " percentiles AS (SELECT period, ats, domain,"
      + "   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY s)::numeric, 1) AS p50,"
      + "   round(percentile_cont(0.95) WITHIN GROUP (ORDER BY s)::numeric, 1) AS p95 FROM times GROUP BY 1, 2, 3),"
      + " openings AS (SELECT CASE WHEN $3::text = 'week' THEN date_trunc('week', " + dayOf("circuit_opened_at") + ")::date"
      + "   ELSE " + dayOf("circuit_opened_at") + " END AS period, domain, count(*) AS n FROM domains"
      + "   WHERE " + dayOf("circuit_opened_at") + " BETWEEN $1::date AND $2::date GROUP BY 1, 2),"
      + " m AS (SELECT " + PERIOD + " AS period, ats, domain, sum(queued)::bigint AS queued,"
      + "   sum(submitted)::bigint AS submitted, sum(failed)::bigint AS failed, sum(needs_human)::bigint AS needs_human,"
      + "   sum(unknown)::bigint AS unknown FROM auto_rows GROUP BY 1, 2, 3)"
      + " SELECT to_char(m.period, 'YYYY-MM-DD') AS period, m.ats, m.domain, m.queued, m.submitted, m.failed,"
      + "  m.needs_human, m.unknown, " + ratio("m.submitted", "m.submitted + m.failed") + " AS success_rate,"
      + "  p.p50 AS submit_p50_seconds, p.p95 AS submit_p95_seconds,"
      + "  rl.needs_human AS needs_human_reasons, rl.failed AS failed_reasons,"
      + "  COALESCE(o.n, 0) AS circuit_openings"
      + " FROM m LEFT JOIN percentiles p USING (period, ats, domain)"
      + " LEFT JOIN reason_lists rl USING (period, ats, domain)"
      + " LEFT JOIN openings o ON o.period = m.period AND o.domain = m.domain"
      + " ORDER BY m.period, m.ats, m.domain";

  // ---------------------------------------------------------------- sources

  private static final String SOURCES_DAYS = " src_seen AS ("
      + " SELECT d.day, js.source_id, (first.source_id = js.source_id AND first.external_id = js.external_id) AS is_new,"
      + "   COALESCE(fs.name, 'unknown') AS first_name"
      + " FROM days d JOIN job_sources js ON " + inDay("js.first_seen_at")
      + " JOIN jobs j ON j.id = js.job_id CROSS JOIN LATERAL (" + FIRST_SOURCE + ") first"
      + " LEFT JOIN sources fs ON fs.id = first.source_id),"
      + " src_dups AS (SELECT day, source_id, jsonb_object_agg(first_name, n) AS duplicate_of FROM"
      + "   (SELECT day, source_id, first_name, count(*) AS n FROM src_seen WHERE NOT is_new GROUP BY 1, 2, 3) x"
      + "   GROUP BY 1, 2),"
      + " src_events AS ("
      + " SELECT day, source_id, count(*) FILTER (WHERE is_new) AS new_postings, count(*) FILTER (WHERE NOT is_new)"
      + "   AS duplicates, 0::bigint AS closed, 0::bigint AS polls, 0::bigint AS failures, 0::bigint AS fetched,"
      + "   NULL::integer[] AS poll_ms FROM src_seen GROUP BY 1, 2"
      + " UNION ALL SELECT d.day, first.source_id, 0, 0, count(*), 0, 0, 0, NULL"
      + "   FROM days d JOIN jobs j ON " + inDay("j.closed_at") + " CROSS JOIN LATERAL (" + FIRST_SOURCE + ") first"
      + "   GROUP BY 1, 2"
      + " UNION ALL SELECT d.day, p.source_id, 0, 0, 0, count(*), count(*) FILTER (WHERE NOT p.ok), sum(p.fetched),"
      + "   array_agg(p.duration_ms ORDER BY p.duration_ms) FROM days d JOIN source_polls p ON " + inDay("p.started_at")
      + "   GROUP BY 1, 2),"
      + " src_days AS (SELECT e.day, e.source_id, sum(new_postings)::bigint AS new_postings,"
      + "   sum(duplicates)::bigint AS duplicates, COALESCE(max(dup.duplicate_of::text)::jsonb, '{}') AS duplicate_of,"
      + "   sum(closed)::bigint AS closed, sum(polls)::bigint AS polls, sum(failures)::bigint AS failures,"
      + "   sum(fetched)::bigint AS fetched, COALESCE(max(poll_ms), '{}')"
      + "   AS poll_ms FROM src_events e LEFT JOIN src_dups dup ON dup.day = e.day AND dup.source_id = e.source_id"
      + "   GROUP BY 1, 2)";

  static final String SOURCES_ROLLUP = "WITH " + DIRTY + ","
      + SOURCES_DAYS
      + " INSERT INTO analytics_sources_daily SELECT * FROM src_days";

  /** Freshness is now, not a sum over the window: the age of the newest open posting the source still lists. */
  static final String SOURCES_REPORT = "WITH " + LIVE + "," + SOURCES_DAYS + ","
      + " src_rows AS (SELECT day, source_id, new_postings, duplicates, duplicate_of, closed, polls, failures, fetched,"
      + "   poll_ms FROM analytics_sources_daily WHERE " + ROLLED + " UNION ALL SELECT * FROM src_days),"
      + " periods AS (SELECT " + PERIOD + " AS period, * FROM src_rows),"
      + " dup_sums AS (SELECT period, source_id, string_agg(name || '=' || n, '; ' ORDER BY n DESC, name) AS list FROM"
      + "   (SELECT period, source_id, e.key AS name, sum(e.value::bigint) AS n FROM periods,"
      + "    jsonb_each_text(duplicate_of) e GROUP BY 1, 2, 3) x GROUP BY 1, 2),"
      + " poll_times AS (SELECT period, source_id, percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) AS p50,"
      + "   max(ms) AS max_ms FROM (SELECT period, source_id, unnest(poll_ms) AS ms FROM periods) t GROUP BY 1, 2),"
      + " fresh AS (SELECT js.source_id, round((extract(epoch FROM now() - max(COALESCE(j.posted_at, js.first_seen_at)))"
      + "   / 3600)::numeric, 1) AS hours FROM job_sources js JOIN jobs j ON j.id = js.job_id"
      + "   WHERE js.removed_at IS NULL AND j.status = 'open' GROUP BY 1),"
      + " m AS (SELECT period, source_id, sum(new_postings)::bigint AS new_postings, sum(duplicates)::bigint AS duplicates,"
      + "   sum(closed)::bigint AS closed, sum(polls)::bigint AS polls, sum(failures)::bigint AS failures,"
      + "   sum(fetched)::bigint AS fetched FROM periods GROUP BY 1, 2)"
      + " SELECT to_char(m.period, 'YYYY-MM-DD') AS period, m.source_id::text AS source_id,"
      + "  COALESCE(s.name, 'deleted') AS source, s.kind, m.polls, m.failures, m.fetched, m.new_postings, m.duplicates,"
      + "  dup.list AS duplicate_of, m.closed, t.p50 AS poll_p50_ms, t.max_ms AS poll_max_ms,"
      + "  f.hours AS newest_posting_age_hours"
      + " FROM m LEFT JOIN sources s ON s.id = m.source_id"
      + " LEFT JOIN dup_sums dup ON dup.period = m.period AND dup.source_id = m.source_id"
      + " LEFT JOIN poll_times t ON t.period = m.period AND t.source_id = m.source_id"
      + " LEFT JOIN fresh f ON f.source_id = m.source_id"
      + " ORDER BY m.period, source, m.source_id";

  // ---------------------------------------------------------------- users

  private static final String USERS_DAYS = " user_days AS (SELECT day, sum(signups)::bigint AS signups,"
      + "   sum(verified)::bigint AS verified FROM ("
      + "   SELECT d.day, 1 AS signups, 0 AS verified FROM days d JOIN users u ON " + inDay("u.created_at")
      + "   UNION ALL SELECT d.day, 0, 1 FROM days d JOIN users u ON " + inDay("u.email_verified_at") + ") x GROUP BY 1),"
      + " active_days AS (SELECT d.day, i.user_id, count(*) AS swipes"
      + "   FROM days d JOIN user_job_interactions i ON " + inDay("i.created_at") + " GROUP BY 1, 2)";

  static final String USERS_ROLLUP = "WITH " + DIRTY + ","
      + USERS_DAYS + ","
      + " active AS (INSERT INTO analytics_active_daily SELECT * FROM active_days)"
      + " INSERT INTO analytics_users_daily SELECT * FROM user_days";

  /**
   * Retention follows a cohort (users who signed up in the period) into the 1st and 4th week after their sign-up
   * week, whether or not those weeks are inside the window; weeks still to come count what is known so far. So
   * activity is read up to today: the live days here run to today, not to the end of the window.
   */
  static final String USERS_REPORT = "WITH state AS (SELECT complete_through AS through FROM analytics_rollup_state"
      + "   WHERE id = 1),"
      + " days(day) AS (SELECT g::date FROM state, generate_series(GREATEST($1::date, COALESCE(state.through + 1,"
      + "   $1::date))::timestamp,"
      + "   (now() AT TIME ZONE 'UTC')::date::timestamp, interval '1 day') g),"
      + USERS_DAYS + ","
      + " user_rows AS (SELECT day, signups, verified FROM analytics_users_daily WHERE " + ROLLED
      + "   UNION ALL SELECT * FROM user_days WHERE day <= $2::date),"
      + " activity AS (SELECT day, user_id FROM analytics_active_daily"
      + "   WHERE day >= $1::date AND day <= (SELECT through FROM state)"
      + "   UNION ALL SELECT day, user_id FROM active_days),"
      + " totals AS (SELECT " + PERIOD + " AS period, sum(signups)::bigint AS signups, sum(verified)::bigint AS verified"
      + "   FROM user_rows GROUP BY 1),"
      + " active AS (SELECT " + PERIOD + " AS period, count(DISTINCT user_id) AS active FROM activity"
      + "   WHERE day <= $2::date GROUP BY 1),"
      + " cohort AS (SELECT u.id, CASE WHEN $3::text = 'week' THEN date_trunc('week', " + dayOf("u.created_at") + ")::date"
      + "   ELSE " + dayOf("u.created_at") + " END AS period, date_trunc('week', " + dayOf("u.created_at") + ")::date AS week"
      + "   FROM users u WHERE u.created_at >= ($1::date::timestamp AT TIME ZONE 'UTC')"
      + "   AND u.created_at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC')),"
      // One join, not a probe per cohort member: which later weeks (1 to 4) each member was active in.
      + " cohort_weeks AS (SELECT DISTINCT c.id, c.period, (a.day - c.week) / 7 AS week_after FROM cohort c"
      + "   JOIN activity a ON a.user_id = c.id AND a.day >= c.week + 7 AND a.day < c.week + 35),"
      + " retained AS (SELECT period, count(*) FILTER (WHERE week_after = 1) AS week_1,"
      + "   count(*) FILTER (WHERE week_after = 4) AS week_4 FROM cohort_weeks GROUP BY 1),"
      + " periods AS (SELECT period FROM totals UNION SELECT period FROM active)"
      + " SELECT to_char(p.period, 'YYYY-MM-DD') AS period, COALESCE(t.signups, 0) AS signups,"
      + "  COALESCE(t.verified, 0) AS verified, COALESCE(a.active, 0) AS active,"
      + "  COALESCE(r.week_1, 0) AS retained_week_1, COALESCE(r.week_4, 0) AS retained_week_4"
      + " FROM periods p LEFT JOIN totals t USING (period) LEFT JOIN active a USING (period)"
      + " LEFT JOIN retained r USING (period) ORDER BY p.period";

  // ---------------------------------------------------------------- the job seeker's own numbers

  /** $1 user, $2 from, $3 to (dates). The window's bounds as timestamps, for the stats below. */
  private static final String USER_WINDOW = "w AS (SELECT ($2::date::timestamp AT TIME ZONE 'UTC') AS lo,"
      + " (($3::date + 1)::timestamp AT TIME ZONE 'UTC') AS hi)";

  static final String STATS_SWIPES = "WITH " + USER_WINDOW + " SELECT direction, count(*) AS n"
      + " FROM user_job_interactions, w WHERE user_id = $1 AND created_at >= w.lo AND created_at < w.hi GROUP BY 1";

  static final String STATS_APPLICATIONS = "WITH " + USER_WINDOW + " SELECT status, count(*) AS n"
      + " FROM applications, w WHERE user_id = $1 AND created_at >= w.lo AND created_at < w.hi GROUP BY 1";

  static final String STATS_SUBMITTED_WEEKLY = "WITH " + USER_WINDOW + " SELECT to_char(date_trunc('week', "
      + dayOf("submitted_at") + "), 'YYYY-MM-DD') AS week, count(*) AS n FROM applications, w"
      + " WHERE user_id = $1 AND submitted_at >= w.lo AND submitted_at < w.hi GROUP BY 1 ORDER BY 1";

  /** Right swipe to SUBMITTED for the user's applications submitted in the window. */
  static final String STATS_TIME_TO_SUBMIT = "WITH " + USER_WINDOW + " SELECT count(*) AS n,"
      + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.submitted_at"
      + "   - COALESCE(i.created_at, a.created_at))) AS median FROM applications a"
      + " LEFT JOIN user_job_interactions i ON i.id = a.interaction_id, w"
      + " WHERE a.user_id = $1 AND a.submitted_at >= w.lo AND a.submitted_at < w.hi";

  /** Waiting on the user now, whatever the window: oldest first. */
  static final String STATS_NEEDS_HUMAN = "SELECT a.id, a.updated_at, j.title, j.company FROM applications a"
      + " JOIN jobs j ON j.id = a.job_id WHERE a.user_id = $1 AND a.status = 'NEEDS_HUMAN' ORDER BY a.updated_at, a.id"
      + " LIMIT 100";

  static final String STATS_NEEDS_HUMAN_COUNT = "SELECT count(*) AS n FROM applications"
      + " WHERE user_id = $1 AND status = 'NEEDS_HUMAN'";

  /** Each application's current outcome (its latest report), for applications whose latest report is in the window. */
  static final String STATS_OUTCOMES = "WITH " + USER_WINDOW + ","
      + " latest AS (SELECT DISTINCT ON (application_id) application_id, outcome, created_at FROM application_outcomes"
      + "   WHERE user_id = $1 ORDER BY application_id, created_at DESC, id DESC)"
      + " SELECT outcome, count(*) AS n FROM latest, w WHERE created_at >= w.lo AND created_at < w.hi GROUP BY 1";

  // ---------------------------------------------------------------- outcomes and settling

  /** $1 application, $2 user: its status, if it is theirs. */
  static final String OWNED_APPLICATION = "SELECT status FROM applications WHERE id = $1 AND user_id = $2";

  static final String OUTCOME_HISTORY = "SELECT outcome, note, created_at FROM application_outcomes"
      + " WHERE application_id = $1 ORDER BY created_at, id";

  /**
   * $1 application, $2 user, $3 outcome, $4 note. Recorded only while the application is SUBMITTED (a
   * compare-and-set on the row, so a concurrent change cannot slip between the check and the insert), with a line
   * of the trail so the owner's other devices hear of it.
   */
  static final String RECORD_OUTCOME = "WITH a AS (SELECT id, user_id, status FROM applications"
      + "   WHERE id = $1 AND user_id = $2 AND status = 'SUBMITTED' FOR UPDATE),"
      + " o AS (INSERT INTO application_outcomes (application_id, user_id, outcome, note)"
      + "   SELECT id, user_id, $3::text, $4::text FROM a RETURNING id, created_at),"
      + " l AS (INSERT INTO application_audit_log (application_id, step, outcome, detail)"
      + "   SELECT a.id, 'outcome', $3::text, jsonb_build_object('status', a.status, 'outcome', $3::text) FROM a"
      + "   RETURNING id, step, outcome, started_at, detail)"
      + " SELECT a.id, a.status, l.id AS line_id, l.step AS line_step, l.outcome AS line_outcome,"
      + " l.started_at AS line_started_at, l.detail AS line_detail FROM a, l";

  // ---------------------------------------------------------------- gauges

  static final String GAUGE_STATUSES = "SELECT status, count(*) AS n FROM applications GROUP BY 1";

  /** How long the oldest task of each waiting state has waited. */
  static final String GAUGE_WAITING = "SELECT state, extract(epoch FROM now() - min(updated_at)) AS age"
      + " FROM application_tasks WHERE state IN ('QUEUED', 'RATE_LIMITED', 'NEEDS_HUMAN', 'UNKNOWN') GROUP BY 1";

  static final String GAUGE_SOURCES_FAILING = "SELECT count(*) FILTER (WHERE error_count > 0) AS failing,"
      + " count(*) AS enabled FROM sources WHERE enabled";
}
