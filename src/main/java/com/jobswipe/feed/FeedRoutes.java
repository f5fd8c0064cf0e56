package com.jobswipe.feed;

import com.jobswipe.profile.ProfileSignals;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** {@code GET /v1/feed}. */
final class FeedRoutes {

  private final Vertx vertx;
  private final Pool pool;
  private final ProfileSignals signals;

  FeedRoutes(Vertx vertx, Pool pool, ProfileSignals signals) {
    this.vertx = vertx;
    this.pool = pool;
    this.signals = signals;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
  }
}
