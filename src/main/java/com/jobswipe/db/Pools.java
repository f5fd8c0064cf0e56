package com.jobswipe.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.concurrent.TimeUnit;

/** Reactive pools. Each role names its own, so pool metrics say who holds which connections. */
public final class Pools {

  private Pools() {
  }

  /**
   * A pool shared by every verticle instance that asks for the same name (the API verticle runs one
   * instance per event loop but needs one set of connections), closed with the last of them.
   */
  public static Pool shared(Vertx vertx, ConnectionSettings db, String name, int maxSize) {
    PoolOptions options = new PoolOptions()
        .setName(name)
        .setShared(true)
        .setMaxSize(maxSize)
        .setMaxWaitQueueSize(maxSize * 64)
        .setConnectionTimeout(5)
        .setConnectionTimeoutUnit(TimeUnit.SECONDS)
        .setIdleTimeout(5)
        .setIdleTimeoutUnit(TimeUnit.MINUTES);
    return PgBuilder.pool()
        .with(options)
        .connectingTo(db.pgConnectOptions().setReconnectAttempts(0))
        .using(vertx)
        .build();
  }
}
