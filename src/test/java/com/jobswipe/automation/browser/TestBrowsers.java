package com.jobswipe.automation.browser;

import com.jobswipe.net.AddressPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One pool of Debian's Chromium and one replica server for the whole test run (launching costs seconds; each test
 * still gets a fresh context), closed when the run ends. The pool runs behind its egress proxy like in production,
 * with private targets allowed so pages reach 127.0.0.1 (the replicas); the proxy resolves IP literals only, so every
 * host name fails at once and the replicas' captcha scripts never leave the machine.
 */
final class TestBrowsers implements BeforeAllCallback {

  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("JOBSWIPE_CHROMIUM", "/usr/bin/chromium"));
  /** IP literals only: a name gets "unknown host" without asking DNS. */
  static final EgressProxy.Resolver OFFLINE = host -> {
    if (!host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      throw new UnknownHostException(host + " (tests resolve IP literals only)");
    }
    return List.of(InetAddress.getByName(host));
  };
  private static Vertx vertx;
  private static BrowserPool pool;
  private static AtsReplicas replicas;

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(TestBrowsers.class, key -> {
      if (!Files.isExecutable(CHROMIUM)) {
        throw new IllegalStateException("these tests drive a real Chromium: install it (apt-get install -y chromium)"
            + " or set JOBSWIPE_CHROMIUM; looked at " + CHROMIUM);
      }
      replicas = AtsReplicas.start();
      vertx = Vertx.vertx();
      pool = start(vertx, options(1, Duration.ofSeconds(20)));
      ExtensionContext.Store.CloseableResource closing = () -> {
        pool.close();
        replicas.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
      };
      return closing;
    }, ExtensionContext.Store.CloseableResource.class);
  }

  static BrowserPool pool() {
    return pool;
  }

  static AtsReplicas replicas() {
    return replicas;
  }

  static Vertx vertx() {
    return vertx;
  }

  static BrowserPool.Options options(int size, Duration stepTimeout) {
    return new BrowserPool.Options(CHROMIUM, size, stepTimeout, Duration.ofSeconds(60), new AddressPolicy(true),
        List.of());
  }

  /** A pool behind its proxy resolving {@link #OFFLINE}, started from a test thread. */
  static BrowserPool start(Vertx vertx, BrowserPool.Options options) {
    try {
      return BrowserPool.start(vertx, options, new SimpleMeterRegistry(), OFFLINE).toCompletionStage()
          .toCompletableFuture().get();
    } catch (Exception e) {
      throw new IllegalStateException("the browser pool's egress proxy did not start", e);
    }
  }
}
