package com.jobswipe.edge;

import com.jobswipe.config.NodeContext;
import com.jobswipe.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/**
 * Health and metrics without the API: on the public port of nodes that run no API role (the {@code worker}
 * process group), so the platform can probe them too, and on {@code JOBSWIPE_OPS_PORT}, the operations
 * listener every node opens when it is set.
 */
public final class OpsVerticle extends VerticleBase {

  private final NodeContext node;
  private final int port;
  private final boolean operations;
  private HttpServer server;
  private Readiness readiness;

  private OpsVerticle(NodeContext node, int port, boolean operations) {
    this.node = node;
    this.port = port;
    this.operations = operations;
  }

  /** The public port's operations endpoints (brief readiness; metrics only with the ops token). */
  public static OpsVerticle publicPort(NodeContext node) {
    return new OpsVerticle(node, node.config().http().port(), false);
  }

  /** The operations listener: detailed readiness and metrics, for the private network. */
  public static OpsVerticle operationsPort(NodeContext node, int port) {
    return new OpsVerticle(node, port, true);
  }

  @Override
  public Future<?> start() {
    Pool pool = Pools.shared(vertx, node.database(), "ops", 1);
    readiness = new Readiness(vertx, node, pool);
    Router router = operations
        ? EdgeRouter.operations(vertx, node, readiness)
        : EdgeRouter.create(vertx, node, readiness);
    server = vertx.createHttpServer()
        .requestHandler(router)
        .invalidRequestHandler(InvalidRequests::handle);
    return server.listen(port, node.config().http().host());
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(node.config().http().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
        .eventually(readiness::close);
  }
}
