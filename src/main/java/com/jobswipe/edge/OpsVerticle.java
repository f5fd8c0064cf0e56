package com.jobswipe.edge;

import com.jobswipe.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/**
 * Health and metrics on nodes that run no API role (the {@code worker} process group), so the platform
 * can probe them too.
 */
public final class OpsVerticle extends VerticleBase {

  private final NodeContext node;
  private HttpServer server;
  private Readiness readiness;

  public OpsVerticle(NodeContext node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    Pool pool = Pools.shared(vertx, node.database(), "ops", 1);
    readiness = new Readiness(vertx, node, pool);
    server = vertx.createHttpServer()
        .requestHandler(EdgeRouter.create(vertx, node, readiness))
        .invalidRequestHandler(InvalidRequests::handle);
    return server.listen(node.config().http().port(), node.config().http().host());
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(node.config().http().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
        .eventually(readiness::close);
  }
}
