package com.jobswipe.admin;

import com.jobswipe.auth.Authn;
import com.jobswipe.auth.Scopes;
import com.jobswipe.bus.ApplicationMessages.DomainList;
import com.jobswipe.bus.ApplicationMessages.DomainSettings;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.EmptyRequest;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.edge.Replies;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/**
 * {@code /v1/admin/domains}: per-ATS-domain politeness (concurrency, rate windows, least interval), an operator's
 * pause and the circuit breaker, held cluster-wide by the automation role that owns them.
 */
final class DomainAdminRoutes {

  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

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
    // The contract answers a name longer than any host's with a 404; the form of a host name is checked here.
    String domain = Contract.parameters(ctx).text("domain").orElseThrow().toLowerCase(java.util.Locale.ROOT);
    if (!HOST.matcher(domain).matches()) {
      throw new Problem(ProblemType.NOT_FOUND, "Not a host name");
    }
    JsonObject settings = Contract.body(ctx);
    if (settings.getInteger("perMinute") > settings.getInteger("perHour")
        || settings.getInteger("perHour") > settings.getInteger("perDay")) {
      throw new Problem(ProblemType.VALIDATION, "perMinute ≤ perHour ≤ perDay");
    }
    Replies.json(ctx, 200, Bus.DOMAINS_PUT.request(bus, new DomainSettings(settings.put("domain", domain)))
        .map(DomainSettings::domain));
  }
}
