package com.jobswipe.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a real server, for cutting the link and restoring it while the system under
 * test keeps running: {@link #cut()} closes the listener and every relayed connection, {@link #restore()}
 * listens again on the same port.
 */
public final class TcpProxy {

  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  /** 0 until the first {@link #restore()} binds an ephemeral port; then that port, kept for every restore. */
  private int port;
  private final NetClient client;
  private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
  private NetServer server;

  public TcpProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient();
  }

  /** The port clients connect to; known once the proxy has first listened. */
  public int port() {
    if (port == 0) {
      throw new IllegalStateException("restore() the proxy before asking for its port");
    }
    return port;
  }

  /**
   * Listens (again). The first time on a port the system picks while binding, so no other process can take it
   * between choosing and binding; later on that same port.
   */
  public Future<Void> restore() {
    server = vertx.createNetServer().connectHandler(this::relay);
    return server.listen(port, "127.0.0.1").map(bound -> {
      port = bound.actualPort();
      return null;
    });
  }

  public Future<Void> cut() {
    Future<Void> closed = server.close();
    sockets.forEach(NetSocket::close);
    sockets.clear();
    return closed;
  }

  private void relay(NetSocket downstream) {
    downstream.pause();
    sockets.add(downstream);
    client.connect(targetPort, targetHost).onSuccess(upstream -> {
      sockets.add(upstream);
      downstream.pipeTo(upstream);
      upstream.pipeTo(downstream);
      downstream.resume();
    }).onFailure(e -> downstream.close());
  }
}
