package com.jobswipe.http;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.db.Pools;
import com.jobswipe.edge.EdgeRouter;
import com.jobswipe.edge.InvalidRequests;
import com.jobswipe.edge.NodeContext;
import com.jobswipe.edge.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP and WebSocket edge of the api role. One instance runs per event loop; they share the listening
 * socket and one database pool.
 */
public final class ApiVerticle extends VerticleBase {

  private final NodeContext node;
  private HttpServer server;
  private Readiness readiness;

  public ApiVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    Pool pool = Pools.shared(vertx, node.database(), "api", node.config().database().poolSize());
    readiness = new Readiness(vertx, node, pool);
    Router router = EdgeRouter.create(vertx, node, readiness);
    server = vertx.createHttpServer().requestHandler(router).invalidRequestHandler(InvalidRequests::handle);
    return Future.join(
            Bus.answerPings(vertx.eventBus(), Role.API, node.nodeId(), JsonObject::new).completion(),
            OpenApiRoute.mount(vertx, router))
        .compose(ready -> server.listen(node.config().http().port(), node.config().http().host()));
  }

  /** Stops accepting, lets in-flight requests finish within the grace period, then closes. */
  @Override
  public Future<?> stop() {
    return server.shutdown(node.config().http().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
        .eventually(readiness::close);
  }
}
