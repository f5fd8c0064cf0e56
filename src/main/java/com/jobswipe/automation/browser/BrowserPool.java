package com.jobswipe.automation.browser;

import com.jobswipe.config.AutomationConfig;
import com.jobswipe.config.FetchConfig;
import com.jobswipe.net.AddressPolicy;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bounded pool of headless Chromium browsers. Each browser has its own Playwright driver and its own thread
 * (Playwright is not thread-safe); a {@link FormRun} borrows one browser for one application in a fresh
 * {@link BrowserContext} (no cookies, storage or cache from the previous application) and gives it back on close.
 * Browsers launch on first use and are reused. Every browser reaches the network only through the pool's
 * {@link EgressProxy}, which holds all of its traffic to the {@link AddressPolicy}.
 *
 * <p>Thread safety: the pool and its runs may be called from any thread (a worker verticle's blocking code);
 * calls on one run must not overlap — each step waits for the previous one.
 */
public final class BrowserPool implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BrowserPool.class);
  /** Playwright's driver start (first time: unpacking it) and Chromium's launch, on a loaded 2-core machine. */
  private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(60);

  /**
   * @param chromium the browser executable ({@code JOBSWIPE_CHROMIUM})
   * @param size browsers, i.e. applications at once on this node ({@code JOBSWIPE_BROWSER_POOL_SIZE})
   * @param stepTimeout how long one step may take ({@code JOBSWIPE_BROWSER_STEP_TIMEOUT_SECONDS})
   * @param acquireTimeout how long {@link #newRun()} waits for a free browser
   * @param policy which addresses pages may reach ({@code JOBSWIPE_FETCH_ALLOW_PRIVATE} lets them reach loopback and
   *     private hosts: tests only)
   * @param extraArgs more Chromium flags
   */
  public record Options(Path chromium, int size, Duration stepTimeout, Duration acquireTimeout,
                        AddressPolicy policy, List<String> extraArgs) {

    public Options {
      Objects.requireNonNull(chromium);
      Objects.requireNonNull(policy);
      if (size < 1) {
        throw new IllegalArgumentException("a pool needs at least one browser");
      }
      if (stepTimeout.isNegative() || stepTimeout.isZero()) {
        throw new IllegalArgumentException("the step timeout must be positive");
      }
      extraArgs = List.copyOf(extraArgs);
    }

    public static Options from(AutomationConfig automation, FetchConfig fetch) {
      return new Options(automation.chromium(), automation.browserPoolSize(), automation.stepTimeout(),
          automation.stepTimeout(), AddressPolicy.from(fetch), List.of());
    }

    public Options withStepTimeout(Duration timeout) {
      return new Options(chromium, size, timeout, acquireTimeout, policy, extraArgs);
    }
  }

  private final Options options;
  private final Vertx vertx;
  private final String proxyDeployment;
  private final EgressProxy proxy;
  private final List<BrowserSlot> slots = new ArrayList<>();
  private final BlockingQueue<BrowserSlot> free;
  private volatile boolean closed;
  /** Why the last browser start failed; null once one started (or before any was tried). */
  private volatile String launchFailure;

  private BrowserPool(Options options, Vertx vertx, String proxyDeployment, EgressProxy proxy) {
    this.options = options;
    this.vertx = vertx;
    this.proxyDeployment = proxyDeployment;
    this.proxy = proxy;
    this.free = new ArrayBlockingQueue<>(options.size());
    for (int i = 0; i < options.size(); i++) {
      BrowserSlot slot = new BrowserSlot(i, options, proxy.port());
      slots.add(slot);
      free.add(slot);
    }
  }

  /**
   * A pool behind a freshly deployed egress proxy (counting its refusals in {@code metrics}); no browser is
   * launched until the first run.
   */
  public static io.vertx.core.Future<BrowserPool> start(Vertx vertx, Options options, MeterRegistry metrics) {
    return start(vertx, options, metrics, EgressProxy.Resolver.SYSTEM);
  }

  /** As {@link #start(Vertx, Options, MeterRegistry)}, with the proxy resolving names through {@code resolver}. */
  static io.vertx.core.Future<BrowserPool> start(Vertx vertx, Options options, MeterRegistry metrics,
                                                 EgressProxy.Resolver resolver) {
    EgressProxy proxy = new EgressProxy(options.policy(), resolver, metrics);
    return vertx.deployVerticle(proxy).map(id -> new BrowserPool(options, vertx, id, proxy));
  }

  /** The proxy every browser of this pool goes through. */
  EgressProxy proxy() {
    return proxy;
  }

  public Options options() {
    return options;
  }

  /** Whether the configured Chromium exists; without it every run fails with BROWSER_UNAVAILABLE. */
  public boolean available() {
    return Files.isExecutable(options.chromium());
  }

  /** Why the last attempt to start a browser failed, while no later one has started. */
  public java.util.Optional<String> launchFailure() {
    return java.util.Optional.ofNullable(launchFailure);
  }

  /** A run with the pool's step timeout. */
  public StepOutcome<FormRun> newRun() {
    return newRun(options.stepTimeout());
  }

  /**
   * Borrows a browser (waiting up to the acquire timeout), launching it if needed, and opens a fresh context in it.
   * Close the run to give the browser back.
   */
  public StepOutcome<FormRun> newRun(Duration stepTimeout) {
    if (closed) {
      return StepOutcome.failed(StepFailure.Kind.CLOSED, "the browser pool is closed");
    }
    if (!available()) {
      return StepOutcome.failed(StepFailure.Kind.BROWSER_UNAVAILABLE, "no executable Chromium at " + options.chromium());
    }
    BrowserSlot slot;
    try {
      slot = free.poll(options.acquireTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return StepOutcome.failed(StepFailure.Kind.INTERRUPTED, "interrupted waiting for a browser");
    }
    if (slot == null) {
      return StepOutcome.failed(StepFailure.Kind.POOL_EXHAUSTED,
          "all " + options.size() + " browsers stayed busy for " + options.acquireTimeout().toSeconds() + " s");
    }
    NavigationGuard guard = new NavigationGuard(options.policy());
    Future<FormRun> opening = slot.submit(() -> {
      Browser browser = slot.browser();
      BrowserContext context = browser.newContext(new Browser.NewContextOptions()
          .setViewportSize(1280, 900)
          .setLocale("en-US")
          .setAcceptDownloads(false)
          .setServiceWorkers(ServiceWorkerPolicy.BLOCK));
      if (!guard.allowsPrivate()) {
        context.route("**/*", route -> {
          if (guard.allowsRequest(route.request().url())) {
            route.resume();
          } else {
            route.abort("blockedbyclient");
          }
        });
      }
      Page page = context.newPage();
      return new FormRun(() -> release(slot), slot, context, page, guard, stepTimeout);
    });
    try {
      FormRun run = opening.get(LAUNCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      launchFailure = null;
      return StepOutcome.ok(run);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      log.warn("browser {} could not open a context: {}", slot.index, PlaywrightErrors.firstLine(cause));
      launchFailure = PlaywrightErrors.firstLine(cause);
      release(slot);
      return StepOutcome.failed(StepFailure.Kind.BROWSER_FAILED, "could not start the browser: " + PlaywrightErrors.firstLine(cause));
    } catch (TimeoutException e) {
      abandon(slot, opening);
      return StepOutcome.failed(StepFailure.Kind.TIMEOUT, "the browser did not start within " + LAUNCH_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon(slot, opening);
      return StepOutcome.failed(StepFailure.Kind.INTERRUPTED, "interrupted while the browser started");
    }
  }

  /**
   * Nobody waits for {@code opening} any more. The slot's thread runs one task at a time, so a task queued now runs
   * after it: it closes the context that may have been opened late, then gives the browser back.
   */
  private void abandon(BrowserSlot slot, Future<FormRun> opening) {
    slot.submit(() -> {
      try {
        opening.get().closeContextHere();
      } catch (ExecutionException | InterruptedException | java.util.concurrent.CancellationException e) {
        // Nothing was opened.
      }
      release(slot);
      return null;
    });
  }

  /** A run's release callback: called on the slot's thread after the run's context is closed. */
  void release(BrowserSlot slot) {
    if (!closed) {
      free.offer(slot);
    }
  }

  /** Memory of every launched browser with whatever contexts are open right now. */
  public MemoryUsage memory() {
    MemoryUsage total = MemoryUsage.NONE;
    for (BrowserSlot slot : slots) {
      total = total.plus(slot.memory());
    }
    return total;
  }

  /** Memory of each browser, by slot. */
  public List<MemoryUsage> memoryBySlot() {
    return slots.stream().map(BrowserSlot::memory).toList();
  }

  /** Browsers not lent out right now. */
  public int idle() {
    return free.size();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (BrowserSlot slot : slots) {
      slot.shutdown(10);
    }
    vertx.undeploy(proxyDeployment).onFailure(err -> log.debug("egress proxy undeploy: {}", err.getMessage()));
  }
}
