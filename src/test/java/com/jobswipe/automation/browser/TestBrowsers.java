package com.jobswipe.automation.browser;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One pool of Debian's Chromium and one replica server for the whole test run (launching costs seconds; each test
 * still gets a fresh context), closed when the run ends. Pages may reach 127.0.0.1 (the replicas); every other host
 * name fails at once inside Chromium, so the replicas' captcha scripts never leave the machine.
 */
final class TestBrowsers implements BeforeAllCallback {

  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("JOBSWIPE_CHROMIUM", "/usr/bin/chromium"));
  static final List<String> OFFLINE = List.of("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
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
      pool = BrowserPool.create(options(1, Duration.ofSeconds(20)));
      ExtensionContext.Store.CloseableResource closing = () -> {
        pool.close();
        replicas.close();
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

  static BrowserPool.Options options(int size, Duration stepTimeout) {
    return new BrowserPool.Options(CHROMIUM, size, stepTimeout, Duration.ofSeconds(60), true, OFFLINE);
  }
}
