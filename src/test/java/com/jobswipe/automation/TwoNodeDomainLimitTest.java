package com.jobswipe.automation;

import com.jobswipe.automation.DomainPermits.Decision;
import com.jobswipe.automation.DomainPermits.Outcome;
import com.jobswipe.automation.TaskQueue.TaskDelivery;
import com.jobswipe.config.AutomationQueueConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static com.jobswipe.automation.AutomationFixtures.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two independent nodes (a Vert.x instance each, with their own pools, permits, RabbitMQ consumer and
 * reconciler) work through 20 tasks for one domain: together they never run more sessions than the domain allows.
 */
class TwoNodeDomainLimitTest {

  private static final String DOMAIN = "boards.greenhouse.io";
  private static final int MAX_CONCURRENCY = 3;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  /**
   * Completed when the domain's limit is first reached: sessions are held until then, so the limit is reached on
   * any machine, however slowly a busy one claims the next task.
   */
  private final Promise<Void> limitReached = Promise.promise();

  /** One node: everything it needs of its own, and the flow a runner follows minus the browser. */
  private final class Node {
    final String id;
    final Vertx vertx = Vertx.vertx();
    final TaskStore store;
    final DomainPermits permits;
    final RabbitTaskQueue queue;
    final Reconciler reconciler;
    final AtomicInteger ran = new AtomicInteger();

    Node(String id, AutomationFixtures db, AutomationQueueConfig config, String queueName) {
      this.id = id;
      store = new TaskStore(db.pool(vertx, id), db.keys);
      permits = new DomainPermits(vertx, db.settings.pgConnectOptions(), db.pool(vertx, id + "-permits"), config);
      queue = new RabbitTaskQueue(vertx, RabbitTaskQueueTest.BROKER, config, queueName, Duration.ofSeconds(1));
      queue.start().await();
      reconciler = new Reconciler(vertx, store, queue, permits, config);
      queue.consume(this::handle, (d, e) -> Future.succeededFuture()).await();
      vertx.runOnContext(v -> reconciler.start());
    }

    Future<?> handle(TaskDelivery delivery) {
      return store.claim(delivery.taskId(), id, Duration.ofSeconds(30)).compose(claimed -> {
        if (claimed.isEmpty()) {
          return Future.succeededFuture(); // a duplicate: someone else has it, or it is done
        }
        ClaimedTask task = claimed.get();
        return permits.acquire(task.domain(), task.taskId()).compose(decision -> {
          if (decision instanceof Decision.Denied denied) {
            return store.transition(task.taskId(), TaskState.RUNNING, TaskState.RATE_LIMITED, Optional.of(id),
                Change.none().withNextAttemptAt(denied.retryAt())
                    .withAudit(AuditEntry.of("permit", denied.reason())));
          }
          DomainPermits.Permit permit = ((Decision.Granted) decision).permit();
          int now = inFlight.incrementAndGet();
          maxInFlight.accumulateAndGet(now, Math::max);
          if (now == MAX_CONCURRENCY) {
            limitReached.tryComplete();
          }
          ran.incrementAndGet();
          return browse()
              .compose(v -> store.transition(task.taskId(), TaskState.RUNNING, TaskState.FILLING, Optional.of(id),
                  Change.none()))
              .compose(v -> store.markSubmitting(task.taskId(), id, Optional.of("submit")))
              .compose(v -> store.transition(task.taskId(), TaskState.SUBMITTING, TaskState.SUBMITTED,
                  Optional.of(id), Change.audited(AuditEntry.of("submit", "ok"))))
              .eventually(() -> {
                inFlight.decrementAndGet();
                return permit.release(Outcome.SITE_OK);
              });
        });
      });
    }

    /**
     * The browser session's time (simulated work inside the permit, not a wait in the test), begun once the limit
     * has been reached; it ends on this node's own event loop.
     */
    Future<Void> browse() {
      Promise<Void> done = Promise.promise();
      limitReached.future().onComplete(reached ->
          vertx.setTimer(ThreadLocalRandom.current().nextLong(40, 120), t -> done.complete()));
      return done.future();
    }

    void close() {
      reconciler.stop();
      queue.close().await();
      vertx.close().await();
    }
  }

  @Test
  void twoNodesNeverExceedTheDomainsConcurrency() {
    AutomationQueueConfig config = AutomationFixtures.config();
    String queueName = "test.automation.twonodes." + UUID.randomUUID();
    try (AutomationFixtures db = new AutomationFixtures()) {
      db.exec("INSERT INTO domains (domain, max_concurrency, per_minute, per_hour, per_day) VALUES (?, ?, 1000, 1000, 1000)",
          DOMAIN, MAX_CONCURRENCY);
      List<UUID> tasks = db.tasks(20, "Company", DOMAIN);
      Node a = new Node("node-a", db, config, queueName);
      Node b = new Node("node-b", db, config, queueName);
      try {
        a.queue.publishAll(tasks.subList(0, 10)).await();
        b.queue.publishAll(tasks.subList(10, 20)).await();

        try {
          awaitCondition("all 20 submitted", Duration.ofSeconds(40), () -> db.queryLong(
              "SELECT count(*) FROM applications WHERE status = 'SUBMITTED'") == 20);
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "; tasks: " + db.queryValue("SELECT string_agg(state || ' lease '"
              + " || coalesce((lease_until - now())::text, '-') || ' next ' || (next_attempt_at - now())::text"
              + " || ' enq ' || (enqueued_at - now())::text, '; ') FROM application_tasks WHERE state <> 'SUBMITTED'"));
        }

        assertThat(maxInFlight.get()).as("sessions at once on the domain").isLessThanOrEqualTo(MAX_CONCURRENCY);
        assertThat(maxInFlight.get()).as("the limit was reached, so it was tested").isEqualTo(MAX_CONCURRENCY);
        assertThat(a.ran.get() + b.ran.get()).as("each task ran exactly once").isEqualTo(20);
        assertThat(a.ran.get()).isPositive();
        assertThat(b.ran.get()).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM domain_runs WHERE domain = ?", DOMAIN)).isEqualTo(20);
        assertThat(db.queryLong("SELECT count(*) FROM application_tasks WHERE submit_started_at IS NOT NULL")).isEqualTo(20);
      } finally {
        a.close();
        b.close();
        Vertx cleanup = Vertx.vertx();
        RabbitTaskQueue cleaner = new RabbitTaskQueue(cleanup, RabbitTaskQueueTest.BROKER, config, queueName,
            Duration.ofSeconds(1));
        cleaner.start().await();
        cleaner.deleteQueues().await();
        cleaner.close().await();
        cleanup.close().await();
      }
    }
  }
}
