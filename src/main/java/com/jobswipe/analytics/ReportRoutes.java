package com.jobswipe.analytics;

import com.jobswipe.edge.QueryParams;
import com.jobswipe.auth.Authn;
import com.jobswipe.auth.Scopes;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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

  private void report(RoutingContext ctx) {
    Map<String, List<String>> query = QueryParams.all(ctx);
    Report report = Report.named(ctx.pathParam("name")).orElseThrow(() -> QueryParams.invalid("name",
        "must be one of " + String.join(", ", Report.names())));
    ReportWindow window = ReportWindow.parse(query, LocalDate.now(clock));
    ReportStream.Format format = QueryParams.single(query, "format").map(value -> switch (value) {
      case "json" -> ReportStream.Format.JSON;
      case "csv" -> ReportStream.Format.CSV;
      default -> throw QueryParams.invalid("format", "must be json or csv");
    }).orElse(ReportStream.Format.JSON);
    ReportStream.send(pool, ctx, report, window, format).onFailure(ctx::fail);
  }
}
