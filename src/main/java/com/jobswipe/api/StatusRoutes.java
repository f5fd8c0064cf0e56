package com.jobswipe.api;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/status}: what the service can do for the signed-in user right now, so a client can explain a wait
 * instead of guessing. Today: whether applications get automated.
 */
final class StatusRoutes {

  private final AutomationAvailability automation;

  StatusRoutes(EventBus bus) {
    this.automation = new AutomationAvailability(bus, System::nanoTime);
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    router.get("/v1/status").handler(signedIn).handler(userLimit).handler(this::status);
  }

  private void status(RoutingContext ctx) {
    automation.current().onSuccess(answer -> ctx.response().setStatusCode(200)
            .putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "private, max-age=5")
            .end(new JsonObject().put("automation", answer.toJson()).encode()))
        .onFailure(ctx::fail);
  }
}
