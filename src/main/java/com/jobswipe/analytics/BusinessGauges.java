package com.jobswipe.analytics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business numbers for Prometheus: applications by status, how long the oldest waiting task has waited per
 * waiting state, and sources failing. Gauges answer from values refreshed by {@link #refresh()} (a scrape never
 * waits for the database). One per node ({@link AnalyticsJobs}).
 */
final class BusinessGauges {

  static final List<String> WAITING = List.of("QUEUED", "RATE_LIMITED", "NEEDS_HUMAN", "UNKNOWN");
  private static final Logger LOG = LoggerFactory.getLogger(BusinessGauges.class);

  private record Values(Map<String, Double> byStatus, Map<String, Double> waiting, Map<String, Double> sources) {
  }

  private final Pool pool;
  private final Values values;

  BusinessGauges(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    this.values = register(registry);
  }

  private static Values register(MeterRegistry registry) {
    Values values = new Values(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    StatsRoutes.STATUSES.forEach(status -> {
      values.byStatus.put(status, 0.0);
      Gauge.builder("jobswipe_applications", () -> values.byStatus.getOrDefault(status, 0.0))
          .description("Applications by status").tag("status", status).register(registry);
    });
    WAITING.forEach(state -> {
      values.waiting.put(state, 0.0);
      Gauge.builder("jobswipe_tasks_oldest_waiting_seconds", () -> values.waiting.getOrDefault(state, 0.0))
          .description("How long the oldest application task in this state has waited (0 when none waits)")
          .tag("state", state).baseUnit("seconds").register(registry);
    });
    values.sources.put("failing", 0.0);
    values.sources.put("enabled", 0.0);
    Gauge.builder("jobswipe_sources_failing", () -> values.sources.get("failing"))
        .description("Enabled sources whose last poll failed").register(registry);
    Gauge.builder("jobswipe_sources_enabled", () -> values.sources.get("enabled"))
        .description("Enabled sources").register(registry);
    return values;
  }

  Future<Void> refresh() {
    Future<Void> statuses = pool.query(AnalyticsQueries.GAUGE_STATUSES).execute().map(rows -> {
      StatsRoutes.STATUSES.forEach(status -> values.byStatus.put(status, 0.0));
      rows.forEach(row -> values.byStatus.put(row.getString("status"), row.getLong("n").doubleValue()));
      return null;
    });
    Future<Void> waiting = pool.query(AnalyticsQueries.GAUGE_WAITING).execute().map(rows -> {
      WAITING.forEach(state -> values.waiting.put(state, 0.0));
      rows.forEach(row -> values.waiting.put(row.getString("state"), row.getDouble("age")));
      return null;
    });
    Future<Void> sources = pool.query(AnalyticsQueries.GAUGE_SOURCES_FAILING).execute().map(rows -> {
      var row = rows.iterator().next();
      values.sources.put("failing", row.getLong("failing").doubleValue());
      values.sources.put("enabled", row.getLong("enabled").doubleValue());
      return null;
    });
    return Future.all(statuses, waiting, sources).<Void>mapEmpty()
        .onFailure(e -> LOG.warn("refreshing business gauges failed: {}", e.toString()));
  }
}
