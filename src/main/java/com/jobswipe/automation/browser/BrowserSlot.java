package com.jobswipe.automation.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One Chromium and the one thread that talks to it. Playwright objects are not thread-safe, so every call on this
 * slot's Playwright, browser, contexts and pages runs on {@link #thread}; callers submit work and wait. The browser
 * is launched on first use, reused for one application after another (a fresh context each), and relaunched after
 * a crash or {@link #RECYCLE_AFTER_RUNS} runs (Chromium's memory creeps over hundreds of pages).
 */
final class BrowserSlot {

  private static final Logger log = LoggerFactory.getLogger(BrowserSlot.class);
  static final int RECYCLE_AFTER_RUNS = 200;
  /** Playwright's Node.js driver is found as the JVM's newest child process, so drivers start one at a time. */
  private static final Object DRIVER_START = new Object();

  final int index;
  private final ExecutorService thread;
  private final BrowserPool.Options options;
  private final int proxyPort;
  private Playwright playwright;
  private Browser browser;
  private volatile ProcessHandle driver;
  private int runs;

  BrowserSlot(int index, BrowserPool.Options options, int proxyPort) {
    this.index = index;
    this.options = options;
    this.proxyPort = proxyPort;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "jobswipe-browser-" + index);
      t.setDaemon(true);
      return t;
    });
  }

  <T> Future<T> submit(Callable<T> work) {
    return thread.submit(work);
  }

  /** On the slot's thread: the running browser, launched or relaunched as needed. */
  Browser browser() {
    if (browser != null && (!browser.isConnected() || runs >= RECYCLE_AFTER_RUNS)) {
      log.info("browser {} relaunches ({})", index, browser.isConnected() ? runs + " runs" : "disconnected");
      closeBrowser();
    }
    if (playwright == null) {
      synchronized (DRIVER_START) {
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        playwright = Playwright.create(new Playwright.CreateOptions()
            .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        driver = ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).findFirst().orElse(null);
      }
    }
    if (browser == null) {
      long started = System.nanoTime();
      browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(options.chromium())
          .setHeadless(true)
          .setChromiumSandbox(!runningAsRoot())
          .setArgs(launchArgs(proxyPort, options.extraArgs())));
      runs = 0;
      log.info("browser {} launched: Chromium {} in {} ms", index, browser.version(),
          (System.nanoTime() - started) / 1_000_000);
    }
    runs++;
    return browser;
  }

  /**
   * Chromium flags. Background networking, component updates and sync are off: a robot never needs them, and
   * on a closed network they keep retrying. {@code --disable-dev-shm-usage}: containers give /dev/shm 64 MB,
   * which a large page exhausts. The sandbox stays on unless we run as root (Chromium refuses to sandbox root).
   *
   * <p>The network flags put the {@link EgressProxy} between the page and everything: every scheme goes to the
   * proxy, loopback included ({@code <-loopback>} removes Chromium's built-in bypass for localhost and 127/8), the
   * host resolver answers "not found" for every name but the proxy's address (so nothing — DNS prefetch, a STUN
   * server's name — is resolved by Chromium itself), and WebRTC may use only proxied connections (no UDP, no host
   * candidates), so it cannot reach a peer the proxy did not check.
   */
  static List<String> launchArgs(int proxyPort, List<String> extra) {
    List<String> args = new ArrayList<>(List.of("--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--disable-default-apps", "--mute-audio",
        "--proxy-server=http://127.0.0.1:" + proxyPort,
        "--proxy-bypass-list=<-loopback>",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--webrtc-ip-handling-policy=disable_non_proxied_udp"));
    args.addAll(extra);
    return args;
  }

  static boolean runningAsRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[1].equals("0");
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: assume not root.
    }
    return "root".equals(System.getProperty("user.name"));
  }

  /** Memory of this slot's Chromium processes (browser plus its open context); readable from any thread. */
  MemoryUsage memory() {
    ProcessHandle d = driver;
    return d == null ? MemoryUsage.NONE : MemoryUsage.ofChromium(d.descendants());
  }

  Optional<ProcessHandle> driverProcess() {
    return Optional.ofNullable(driver);
  }

  boolean launched() {
    return driver != null;
  }

  /** On the slot's thread. */
  private void closeBrowser() {
    try {
      if (browser != null) {
        browser.close();
      }
    } catch (PlaywrightException e) {
      log.debug("browser {} close: {}", index, e.getMessage());
    }
    browser = null;
  }

  /** Closes browser and driver, then the thread; waits at most {@code seconds}. */
  void shutdown(long seconds) {
    Future<?> closing = thread.submit(() -> {
      closeBrowser();
      try {
        if (playwright != null) {
          playwright.close();
        }
      } catch (PlaywrightException e) {
        log.debug("playwright {} close: {}", index, e.getMessage());
      }
      playwright = null;
      return null;
    });
    thread.shutdown();
    try {
      closing.get(seconds, TimeUnit.SECONDS);
      thread.awaitTermination(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      thread.shutdownNow();
    }
    ProcessHandle d = driver;
    if (d != null && d.isAlive()) {
      d.descendants().forEach(ProcessHandle::destroy);
      d.destroy();
    }
    driver = null;
  }
}
