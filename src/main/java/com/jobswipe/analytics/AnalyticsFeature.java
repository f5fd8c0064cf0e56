package com.jobswipe.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Analytics on the api role: the job seeker's stats and outcomes, the operators' reports, the rollup job that
 * keeps the reports fast, and business gauges. Mounting also starts the periodic work on the calling verticle's
 * context, so it stops with that verticle; every api instance runs the job on its timer, and the advisory lock
 * lets one of them (on one node) work at a time.
 */
public final class AnalyticsFeature {

  /** How often the rollup job looks for changed days; a report is at most this far behind on closed days. */
  static final long ROLLUP_EVERY_MS = 60_000;
  static final long GAUGES_EVERY_MS = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsFeature.class);

  private final Vertx vertx;
  private final OutcomeRoutes outcomes;
  private final StatsRoutes stats;
  private final ReportRoutes reports;
  private final RollupJob rollup;
  private final BusinessGauges gauges;
  private boolean rolling;

  public AnalyticsFeature(Vertx vertx, Pool pool, MeterRegistry metrics) {
    this.vertx = vertx;
    Clock clock = Clock.systemUTC();
    this.outcomes = new OutcomeRoutes(pool, vertx.eventBus());
    this.stats = new StatsRoutes(pool, clock);
    this.reports = new ReportRoutes(pool, clock);
    this.rollup = new RollupJob(pool);
    this.gauges = new BusinessGauges(pool, metrics);
  }

  public void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    outcomes.mount(router, signedIn, userLimit);
    stats.mount(router, signedIn, userLimit);
    reports.mount(router, signedIn, userLimit);
    vertx.setPeriodic(1_000, ROLLUP_EVERY_MS, id -> rollUp());
    vertx.setPeriodic(1_000, GAUGES_EVERY_MS, id -> gauges.refresh());
  }

  private void rollUp() {
    if (rolling) {
      return;
    }
    rolling = true;
    rollup.run()
        .onSuccess(done -> {
          if (done.ran() && done.days() > 0) {
            LOG.info("analytics rollup: {} day(s) recomputed in {} ms", done.days(), done.millis());
          }
        })
        .onFailure(e -> LOG.warn("analytics rollup failed: {}", e.toString()))
        .onComplete(done -> rolling = false);
  }
}
