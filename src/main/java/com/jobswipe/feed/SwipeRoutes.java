package com.jobswipe.feed;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** {@code POST /v1/swipes}, {@code GET /v1/saved}, {@code GET /v1/jobs/{id}}. */
final class SwipeRoutes {

  private final Vertx vertx;
  private final Pool pool;

  SwipeRoutes(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
  }
}
