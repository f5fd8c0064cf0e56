package com.jobswipe.applications;

import com.jobswipe.auth.Authn;
import com.jobswipe.config.NodeContext;
import com.jobswipe.config.SocketConfig;
import com.jobswipe.crypto.DataKeyRing;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.Set;

/**
 * Applications as their owner sees them on the api role: the list, one application with its trail and
 * screenshots, answers to pending questions, cancel and settle; and their live events on {@code /v1/ws}, with the
 * socket tickets and the cluster-wide cap on sockets per user. The automation role owns the applications
 * themselves; this feature reads them and asks that role over the bus.
 */
public final class ApplicationsFeature {

  private final ApplicationRoutes applications;
  private final LiveEvents live;

  public ApplicationsFeature(Vertx vertx, Pool pool, DataKeyRing keys, Authn authn, NodeContext node) {
    ApplicationStore store = new ApplicationStore(pool);
    this.applications = new ApplicationRoutes(vertx, store, keys);
    SocketConfig sockets = node.config().sockets();
    this.live = new LiveEvents(vertx, store, authn, new SocketTickets(pool),
        new SocketLeases(pool, Clock.systemUTC(), sockets.leaseTtl(), node.nodeId()), sockets,
        node.config().http().corsOrigins(), SocketMeters.of(node.metrics()));
  }

  public void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    applications.mount(router, signedIn, userLimit);
    live.mount(router, signedIn, userLimit);
  }

  /** The server's WebSocket limits: no client frame or message longer than the largest the app sends. */
  public static HttpServerOptions withSocketLimits(HttpServerOptions options) {
    return options.setMaxWebSocketFrameSize(LiveEvents.MAX_CLIENT_MESSAGE_BYTES)
        .setMaxWebSocketMessageSize(LiveEvents.MAX_CLIENT_MESSAGE_BYTES);
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
