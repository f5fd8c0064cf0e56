package com.jobswipe.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic work behind the reports, started once per api node: the rollup job (one node at a time works, under
 * its advisory lock) and the business gauges this node's {@code /metrics} shows.
 */
public final class AnalyticsJobs {

  /** How often the rollup job looks for changed days; a report is at most this far behind on closed days. */
  static final long ROLLUP_EVERY_MS = 60_000;
  static final long GAUGES_EVERY_MS = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsJobs.class);

  private final RollupJob rollup;
  private final BusinessGauges gauges;
  private boolean rolling;

  public AnalyticsJobs(Pool pool, MeterRegistry metrics) {
    this.rollup = new RollupJob(pool);
    this.gauges = new BusinessGauges(pool, metrics);
  }

  public void start(Vertx vertx) {
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
