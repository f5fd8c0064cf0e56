package com.jobswipe.http;

import com.jobswipe.auth.Authn;
import com.jobswipe.auth.Scopes;
import com.jobswipe.bus.ApplicationMessages.DomainList;
import com.jobswipe.bus.ApplicationMessages.DomainSettings;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.EmptyRequest;
import com.jobswipe.edge.BodySchema;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.edge.Replies;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /v1/admin/domains}: per-ATS-domain politeness (concurrency, rate windows, least interval), an operator's
 * pause and the circuit breaker, held cluster-wide by the automation role that owns them.
 */
final class DomainAdminRoutes {

  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern INSTANT = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
  private static final BodySchema SETTINGS = BodySchema.object()
      .string("atsKind", false, 1, 40)
      .integer("maxConcurrency", true, 1, 100)
      .integer("perMinute", true, 1, 10_000)
      .integer("perHour", true, 1, 100_000)
      .integer("perDay", true, 1, 1_000_000)
      .integer("minIntervalMs", false, 0, 86_400_000)
      .oneOf("circuitState", false, Set.of("closed", "open", "half_open"))
      .string("pausedUntil", false, 20, 40, INSTANT, "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z");

  private final EventBus bus;

  DomainAdminRoutes(EventBus bus) {
    this.bus = bus;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    router.get("/v1/admin/domains").handler(signedIn).handler(userLimit).handler(Authn.adminOr(Scopes.DOMAINS_READ))
        .handler(ctx ->
        Replies.json(ctx, 200, Bus.DOMAINS_LIST.request(bus, new EmptyRequest())
            .map(list -> new JsonObject().put("items", list.domains()))));
    router.put("/v1/admin/domains/:domain").handler(signedIn).handler(userLimit)
        .handler(Authn.adminOr(Scopes.DOMAINS_WRITE)).handler(this::put);
  }

  private void put(RoutingContext ctx) {
    String domain = ctx.pathParam("domain").toLowerCase(java.util.Locale.ROOT);
    if (domain.length() > 253 || !HOST.matcher(domain).matches()) {
      throw new Problem(ProblemType.NOT_FOUND, "Not a host name");
    }
    JsonObject settings = SETTINGS.validate(ctx);
    if (settings.getInteger("perMinute") > settings.getInteger("perHour")
        || settings.getInteger("perHour") > settings.getInteger("perDay")) {
      throw new Problem(ProblemType.VALIDATION, "perMinute ≤ perHour ≤ perDay");
    }
    Replies.json(ctx, 200, Bus.DOMAINS_PUT.request(bus, new DomainSettings(settings.put("domain", domain)))
        .map(DomainSettings::domain));
  }
}
