package com.jobswipe.admin;

import com.jobswipe.auth.AuthFeature;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The operators' routes under {@code /v1/admin} that act on other roles or on accounts: job sources and categories
 * (the ingestion role's, over the bus), ATS domains (the automation role's, over the bus) and service API keys.
 * Operator reads of a feature's own tables stay with that feature: reports in {@code analytics}, the trail in
 * {@code audit}.
 */
public final class AdminFeature {

  private final SourceAdminRoutes sources;
  private final DomainAdminRoutes domains;
  private final ApiKeyRoutes apiKeys;

  public AdminFeature(EventBus bus, AuthFeature auth) {
    this.sources = new SourceAdminRoutes(bus);
    this.domains = new DomainAdminRoutes(bus);
    this.apiKeys = new ApiKeyRoutes(auth.apiKeys(), auth::requestInfo);
  }

  public void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    sources.mount(router, signedIn, userLimit);
    domains.mount(router, signedIn, userLimit);
    apiKeys.mount(router, signedIn, userLimit);
  }
}
