package com.jobswipe.automation;

import com.jobswipe.config.AutomationQueueConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the backlog honest against PostgreSQL: every {@code reconcileEvery} it re-enqueues tasks whose message may
 * have been lost — QUEUED for longer than {@code staleAfter} (a bus message or publish lost between the swipe's
 * commit and the queue), RATE_LIMITED and due, or leased with an expired lease (a crashed worker's task, which the
 * next claim resumes or verifies). Duplicates are harmless (the claim is a compare-and-set), so the only cost of
 * sending one too many is a no-op claim. One node reconciles per tick (a transaction advisory lock); the others
 * skip. Also deletes run starts older than the rate windows.
 */
public final class Reconciler {

  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
  static final int BATCH = 500;

  private final Vertx vertx;
  private final TaskStore store;
  private final TaskQueue queue;
  private final DomainPermits permits;
  private final AutomationQueueConfig config;
  private long timer = -1;
  private boolean running;

  public Reconciler(Vertx vertx, TaskStore store, TaskQueue queue, DomainPermits permits,
                    AutomationQueueConfig config) {
    this.vertx = vertx;
    this.store = store;
    this.queue = queue;
    this.permits = permits;
    this.config = config;
  }

  /** Runs a pass now and then every {@code reconcileEvery}; a pass still running when the next is due is not doubled. */
  public void start() {
    tick();
    timer = vertx.setPeriodic(config.reconcileEvery().toMillis(), id -> tick());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** One pass; answers how many tasks were sent again. */
  public Future<Integer> runOnce() {
    return store.reenqueueDue(queue, config.staleAfter(), BATCH)
        .onSuccess(sent -> {
          if (sent > 0) {
            log.info("reconciler re-enqueued {} task(s)", sent);
          }
        })
        .compose(sent -> permits.purgeOldRuns().map(purged -> sent));
  }

  private void tick() {
    if (running) {
      return;
    }
    running = true;
    runOnce().onComplete(done -> {
      running = false;
      if (done.failed()) {
        log.warn("reconciler pass failed: {}", done.cause().toString());
      }
    });
  }
}
