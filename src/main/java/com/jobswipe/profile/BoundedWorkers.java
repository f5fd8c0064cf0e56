package com.jobswipe.profile;

import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named worker pool whose wait is bounded: at most {@code threads + queue} jobs are admitted at once on this
 * node, and with {@link #executeFor} one per user. Anything beyond fails at once with a 429 problem carrying
 * {@code Retry-After}, so a burst costs the sender a retry instead of every other caller a long wait. Every api
 * instance builds its own handle, but the threads (a shared executor, by name) and the admission (Vert.x local
 * shared data, by name) are the node's.
 */
final class BoundedWorkers {

  private static final String ADMISSIONS = "jobswipe.bounded-workers";

  private final WorkerExecutor executor;
  private final Admission admission;
  private final Duration retryAfter;
  private final Counter refusedFull;
  private final Counter refusedUser;

  /** Who is in, node-wide. Shareable: it is its own lock-free state, safe to hand to every instance. */
  private static final class Admission implements Shareable {
    private final int capacity;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Set<UUID> users = ConcurrentHashMap.newKeySet();

    Admission(int capacity) {
      this.capacity = capacity;
    }
  }

  /**
   * @param maxRun     how long one job may hold a thread before Vert.x warns of a blocked thread
   * @param retryAfter what a refused caller is told to wait: about the time a running job takes to free a thread
   */
  BoundedWorkers(Vertx vertx, MeterRegistry metrics, String name, int threads, int queue, Duration maxRun,
                 Duration retryAfter) {
    this.executor = vertx.createSharedWorkerExecutor(name, threads, maxRun.toMillis(), TimeUnit.MILLISECONDS);
    LocalMap<String, Admission> admissions = vertx.sharedData().getLocalMap(ADMISSIONS);
    admissions.putIfAbsent(name, new Admission(threads + queue));
    this.admission = admissions.get(name);
    this.retryAfter = retryAfter;
    // Registered by every instance; Micrometer keeps the first, which watches the same node-wide admission.
    Gauge.builder("jobswipe.workers.admitted", admission, a -> a.admitted.get())
        .description("jobs running or waiting in a bounded worker pool").tag("pool", name).register(metrics);
    this.refusedFull = Counter.builder("jobswipe.workers.refused").tag("pool", name).tag("reason", "full")
        .register(metrics);
    this.refusedUser = Counter.builder("jobswipe.workers.refused").tag("pool", name).tag("reason", "user_busy")
        .register(metrics);
  }

  /** Runs {@code work} if the pool has room. */
  <T> Future<T> execute(Callable<T> work, String busyDetail) {
    if (admission.admitted.incrementAndGet() > admission.capacity) {
      admission.admitted.decrementAndGet();
      refusedFull.increment();
      return Future.failedFuture(new Problem(ProblemType.RATE_LIMITED, busyDetail).retryAfter(retryAfter));
    }
    return executor.executeBlocking(work, false).andThen(done -> admission.admitted.decrementAndGet());
  }

  /** Runs {@code work} if the pool has room and nothing else of this user's runs or waits in it. */
  <T> Future<T> executeFor(UUID user, Callable<T> work, String userBusyDetail, String busyDetail) {
    if (!admission.users.add(user)) {
      refusedUser.increment();
      return Future.failedFuture(new Problem(ProblemType.RATE_LIMITED, userBusyDetail).retryAfter(retryAfter));
    }
    return execute(work, busyDetail).andThen(done -> admission.users.remove(user));
  }

  void close() {
    executor.close();
  }
}
