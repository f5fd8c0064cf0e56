package com.jobswipe.bench;

import com.jobswipe.automation.browser.Applicant;
import com.jobswipe.automation.browser.AtsReplicas;
import com.jobswipe.automation.browser.BrowserPool;
import com.jobswipe.automation.browser.ConfirmationReport;
import com.jobswipe.automation.browser.FillReport;
import com.jobswipe.automation.browser.FormRun;
import com.jobswipe.automation.browser.MemoryUsage;
import com.jobswipe.net.AddressPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applications per minute through the browser side, on the local ATS replicas, with 1, 2 and 4 browsers working at
 * once (one context each), and the memory each costs.
 *
 * <p>An application is the runner's whole path: borrow a browser, fresh context, open, captcha check, fill (upload
 * first), screenshot, submit, wait for the thank-you page, close the context. The five replicas (Greenhouse legacy
 * and React, Lever, Ashby, a generic careers form) take turns. Each pool is warmed first (every browser launched and
 * used once), so launch cost is reported apart from throughput.
 *
 * <p>Memory is read from /proc for Chromium's processes only (not the JVM, not Playwright's Node driver): per
 * browser idle (launched, no context), and the peak while all contexts were busy, sampled every 100 ms. RSS counts
 * pages Chromium's processes share once per process; PSS splits them, so PSS adds up.
 *
 * <p>{@code bench/automation.sh [applications per level] [levels…]}, default 40 applications at 1, 2 and 4.
 */
public final class AutomationBench {

  private static final String[] PAGES = {
      "/greenhouse/acme/jobs/4012345",
      "/greenhouse-new/acmelogistics/jobs/4012346",
      AtsReplicas.LEVER_POSTING + "/apply",
      AtsReplicas.ASHBY_POSTING + "/application",
      "/careers/apply/backend-engineer"};

  private AutomationBench() {
  }

  public static void main(String[] args) throws Exception {
    int applications = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    List<Integer> levels = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      levels.add(Integer.parseInt(args[i]));
    }
    if (levels.isEmpty()) {
      levels = List.of(1, 2, 4);
    }
    Path chromium = Path.of(System.getenv().getOrDefault("JOBSWIPE_CHROMIUM", "/usr/bin/chromium"));
    Path resume = Files.createTempFile("bench-resume-", ".pdf");
    Files.write(resume, ("%PDF-1.4\n" + "x".repeat(40_000) + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII));
    Applicant applicant = Applicant.builder().name("Jane", "Doe").email("jane.doe@example.org")
        .phone("+49 30 1234567").location("Berlin")
        .links("https://www.linkedin.com/in/janedoe", "https://github.com/janedoe", "https://janedoe.dev", null)
        .resume(resume, "Jane-Doe-CV.pdf", "application/pdf")
        .coverLetter("Dear hiring team,\nI would love to work with you.\nJane")
        .workAuthorization(Set.of("US", "DE"), Optional.of(false))
        .answer("I have read the privacy policy and agree that Northwind Robotics processes my data for this"
            + " application.", "yes")
        .build();

    System.out.printf("%d cores, Chromium at %s, %d applications per level%n",
        Runtime.getRuntime().availableProcessors(), chromium, applications);
    System.out.println("| browsers at once | applications/min | p50 / p95 per application | per browser idle (PSS / RSS) |"
        + " peak with contexts busy (PSS / RSS) | per busy context (PSS) |");
    System.out.println("| --- | --- | --- | --- | --- | --- |");
    try (AtsReplicas replicas = AtsReplicas.start()) {
      for (int level : levels) {
        run(replicas, chromium, level, applications, applicant);
      }
    } finally {
      Files.deleteIfExists(resume);
    }
  }

  private static void run(AtsReplicas replicas, Path chromium, int level, int applications, Applicant applicant)
      throws Exception {
    BrowserPool.Options options = new BrowserPool.Options(chromium, level, Duration.ofSeconds(60),
        Duration.ofSeconds(120), new AddressPolicy(true), List.of());
    Vertx vertx = Vertx.vertx();
    try (BrowserPool pool = BrowserPool.start(vertx, options, new SimpleMeterRegistry()).toCompletionStage()
        .toCompletableFuture().get()) {
      ExecutorService workers = Executors.newFixedThreadPool(level);
      long launchStarted = System.nanoTime();
      List<Future<Long>> warm = new ArrayList<>();
      for (int i = 0; i < level; i++) {
        int page = i;
        warm.add(workers.submit(() -> apply(pool, replicas, PAGES[page % PAGES.length], applicant)));
      }
      for (Future<Long> f : warm) {
        f.get();
      }
      double warmSeconds = (System.nanoTime() - launchStarted) / 1e9;
      MemoryUsage idle = pool.memory();
      replicas.clear();

      AtomicInteger next = new AtomicInteger();
      AtomicLong peakPss = new AtomicLong();
      AtomicLong peakRss = new AtomicLong();
      List<Long> millis = Collections.synchronizedList(new ArrayList<>());
      // Chromium's memory, sampled every 100 ms while the applications run.
      ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
      sampler.scheduleAtFixedRate(() -> {
        MemoryUsage now = pool.memory();
        peakPss.accumulateAndGet(now.pssBytes(), Math::max);
        peakRss.accumulateAndGet(now.rssBytes(), Math::max);
      }, 0, 100, TimeUnit.MILLISECONDS);
      long started = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < level; w++) {
        done.add(workers.submit(() -> {
          for (int i = next.getAndIncrement(); i < applications; i = next.getAndIncrement()) {
            millis.add(apply(pool, replicas, PAGES[i % PAGES.length], applicant));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      sampler.shutdownNow();
      workers.shutdown();

      int received = replicas.submissionsTo("/greenhouse/acme").size() + replicas.submissionsTo("/greenhouse-new/")
          .size() + replicas.submissionsTo(AtsReplicas.LEVER_POSTING).size()
          + replicas.submissionsTo("/ashby/api/non-user-graphql?op=ApiSubmit").size()
          + replicas.submissionsTo("/careers/apply/").size();
      if (received != applications) {
        throw new IllegalStateException("the replicas received " + received + " applications, not " + applications);
      }
      List<Long> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      long perBrowserIdlePss = idle.pssBytes() / level;
      long perBrowserIdleRss = idle.rssBytes() / level;
      long perContextPss = Math.max(0, peakPss.get() - idle.pssBytes()) / level;
      System.out.printf("| %d | %.1f | %d / %d ms | %d / %d MiB | %d / %d MiB | %d MiB |%n", level,
          applications / seconds * 60, sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)),
          perBrowserIdlePss >> 20, perBrowserIdleRss >> 20, peakPss.get() >> 20, peakRss.get() >> 20,
          perContextPss >> 20);
      System.out.printf("  (launch + first application on %d browser(s): %.1f s; %d applications in %.1f s)%n",
          level, warmSeconds, applications, seconds);
    } finally {
      vertx.close();
    }
  }

  /** One whole application; its wall time in ms. */
  private static long apply(BrowserPool pool, AtsReplicas replicas, String page, Applicant applicant) {
    long started = System.nanoTime();
    try (FormRun run = pool.newRun().value()) {
      run.open(URI.create(replicas.url(page))).value();
      if (run.detectCaptcha().value().blocking()) {
        throw new IllegalStateException("captcha on " + page);
      }
      FillReport fill = run.fill(applicant).value();
      if (!fill.readyToSubmit()) {
        throw new IllegalStateException(page + " left questions: " + fill.pending());
      }
      run.submit().value();
      ConfirmationReport confirmation = run.confirmation().value();
      if (confirmation.status() != ConfirmationReport.Status.CONFIRMED) {
        throw new IllegalStateException(page + " not confirmed: " + confirmation.status() + " " + confirmation.evidence());
      }
    }
    return (System.nanoTime() - started) / 1_000_000;
  }
}
