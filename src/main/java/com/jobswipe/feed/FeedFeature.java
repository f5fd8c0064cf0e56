package com.jobswipe.feed;

import com.jobswipe.profile.ProfileSignals;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/**
 * The swipe loop on the api role: the ranked feed (from the matching role), swipes, saved jobs, job pages. The
 * applications right swipes make are the {@code applications} feature's.
 */
public final class FeedFeature {

  private final FeedRoutes feed;
  private final SwipeRoutes swipes;

  public FeedFeature(Vertx vertx, Pool pool, ProfileSignals signals) {
    this.feed = new FeedRoutes(vertx, pool, signals);
    this.swipes = new SwipeRoutes(vertx, pool);
  }

  public void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    feed.mount(router, signedIn, userLimit);
    swipes.mount(router, signedIn, userLimit);
  }
}
