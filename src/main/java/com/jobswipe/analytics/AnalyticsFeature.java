package com.jobswipe.analytics;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * Analytics on the api role: the job seeker's stats and outcomes and the operators' reports, mounted by each api
 * instance. The periodic work behind them (the rollup job, business gauges) runs once per node: {@link AnalyticsJobs}.
 */
public final class AnalyticsFeature {

  private final OutcomeRoutes outcomes;
  private final StatsRoutes stats;
  private final ReportRoutes reports;

  public AnalyticsFeature(Vertx vertx, Pool pool) {
    Clock clock = Clock.systemUTC();
    this.outcomes = new OutcomeRoutes(pool, vertx.eventBus());
    this.stats = new StatsRoutes(pool, clock);
    this.reports = new ReportRoutes(pool, clock);
  }

  public void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    outcomes.mount(router, signedIn, userLimit);
    stats.mount(router, signedIn, userLimit);
    reports.mount(router, signedIn, userLimit);
  }
}
