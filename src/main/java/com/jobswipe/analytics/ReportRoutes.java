package com.jobswipe.analytics;

import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Parameters;
import com.jobswipe.edge.QueryParams;
import com.jobswipe.auth.Authn;
import com.jobswipe.auth.Scopes;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.LocalDate;

/** {@code GET /v1/admin/reports/{name}}: operators' reports, for admins or API keys with {@code reports:read}. */
final class ReportRoutes {

  private final Pool pool;
  private final Clock clock;

  ReportRoutes(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    router.get("/v1/admin/reports/:name").handler(signedIn).handler(userLimit).handler(Authn.adminOr(Scopes.REPORTS_READ))
        .handler(this::report);
  }

  /** The report's name, window, grouping and format are the contract's to judge; their enums name what is here. */
  private void report(RoutingContext ctx) {
    Parameters parameters = Contract.parameters(ctx);
    String name = parameters.text("name").orElseThrow();
    Report report = Report.named(name)
        .orElseThrow(() -> new IllegalStateException("openapi.yaml lists a report there is none of: " + name));
    ReportWindow window = ReportWindow.parse(QueryParams.all(ctx), LocalDate.now(clock));
    ReportStream.Format format = parameters.text("format").orElseThrow().equals("csv")
        ? ReportStream.Format.CSV : ReportStream.Format.JSON;
    ReportStream.send(pool, ctx, report, window, format).onFailure(ctx::fail);
  }
}
