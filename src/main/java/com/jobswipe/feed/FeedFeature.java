package com.jobswipe.feed;

import com.jobswipe.auth.Authn;
import com.jobswipe.config.SocketConfig;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.edge.NodeContext;
import com.jobswipe.profile.ProfileSignals;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.Set;

/**
 * The swipe loop on the api role: the ranked feed (from the matching role), swipes, saved jobs, job pages, the
 * applications right swipes made and their live events.
 */
public final class FeedFeature {

  private final FeedRoutes feed;
  private final SwipeRoutes swipes;
  private final ApplicationRoutes applications;
  private final LiveEvents live;

  public FeedFeature(Vertx vertx, Pool pool, ProfileSignals signals, DataKeyRing keys, Authn authn, NodeContext node) {
    this.feed = new FeedRoutes(vertx, pool, signals);
    this.swipes = new SwipeRoutes(vertx, pool);
    ApplicationStore store = new ApplicationStore(pool);
    this.applications = new ApplicationRoutes(vertx, store, keys);
    SocketConfig sockets = node.config().sockets();
    this.live = new LiveEvents(vertx, store, authn, new SocketTickets(pool),
        new SocketLeases(pool, Clock.systemUTC(), sockets.leaseTtl(), node.nodeId()), sockets.maxPerUser(),
        node.config().http().corsOrigins(), OpenSockets.of(node.metrics()));
  }

  public void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    feed.mount(router, signedIn, userLimit);
    swipes.mount(router, signedIn, userLimit);
    applications.mount(router, signedIn, userLimit);
    live.mount(router, signedIn, userLimit);
  }

  /** WebSocket handshakes: the general body handler must leave these requests unread. */
  public static Set<String> socketPaths() {
    return Set.of(LiveEvents.PATH);
  }

  /** Subscribes this api instance to application events for its WebSockets. */
  public Future<Void> start(EventBus bus) {
    return live.start(bus);
  }

  public Future<Void> close() {
    return live.close();
  }
}
