package com.jobswipe.automation;

import com.jobswipe.config.AutomationQueueConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.jobswipe.automation.AutomationFixtures.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

/** Tasks whose message was lost are found in PostgreSQL and sent again, once per loss (and again if that is lost). */
class ReconcilerTest {

  private static final Duration LEASE = Duration.ofSeconds(30);
  private AutomationFixtures db;
  private Vertx vertx;
  private TaskStore store;
  private DomainPermits permits;
  private final AutomationQueueConfig config = AutomationFixtures.config();

  @BeforeEach
  void start() {
    db = new AutomationFixtures();
    vertx = Vertx.vertx();
    store = new TaskStore(db.pool(vertx, "r"), db.keys);
    permits = new DomainPermits(vertx, db.settings.pgConnectOptions(), db.pool(vertx, "p"), config);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
    db.close();
  }

  @Test
  void aTaskWhoseMessageWasNeverPublishedReachesTheRabbitMqConsumer() {
    RabbitTaskQueue queue = new RabbitTaskQueue(vertx, RabbitTaskQueueTest.BROKER, config,
        "test.automation.reconcile." + UUID.randomUUID(), Duration.ofSeconds(1));
    queue.start().await();
    try {
      List<UUID> seen = new CopyOnWriteArrayList<>();
      queue.consume(d -> {
        seen.add(d.taskId());
        return Future.succeededFuture();
      }, (d, e) -> Future.succeededFuture()).await();
      UUID lost = db.task("Lost Message", "lost.example");
      UUID fresh = db.task("Fresh", "fresh.example");
      // The swipe committed the task, but its message never reached the backlog, longer ago than staleAfter.
      db.exec("UPDATE application_tasks SET enqueued_at = now() - interval '1 hour' WHERE id = ?", lost);

      Reconciler reconciler = new Reconciler(vertx, store, queue, permits, config);
      assertThat(reconciler.runOnce().await()).isEqualTo(1);

      awaitCondition("the lost task delivered", Duration.ofSeconds(10), () -> seen.contains(lost));
      assertThat(seen).doesNotContain(fresh);
      // Sent once: the next pass finds it enqueued recently.
      assertThat(reconciler.runOnce().await()).isZero();
    } finally {
      queue.deleteQueues().await();
      queue.close().await();
    }
  }

  @Test
  void dueRateLimitedTasksAndExpiredLeasesAreSentAgainOncePerOccasion() {
    LocalTaskQueue queue = new LocalTaskQueue(vertx, config);
    List<UUID> seen = new CopyOnWriteArrayList<>();
    UUID limited = db.task("Limited", "limited.example");
    UUID crashed = db.task("Crashed", "crashed.example");
    UUID notDue = db.task("Not Due", "notdue.example");
    for (UUID id : List.of(limited, crashed, notDue)) {
      store.claim(id, "w", LEASE).await().orElseThrow();
    }
    store.transition(limited, TaskState.RUNNING, TaskState.RATE_LIMITED, Optional.of("w"),
        Change.none().withNextAttemptAt(Instant.now().plusSeconds(3600))).await().orElseThrow();
    store.transition(notDue, TaskState.RUNNING, TaskState.RATE_LIMITED, Optional.of("w"),
        Change.none().withNextAttemptAt(Instant.now().plusSeconds(3600))).await().orElseThrow();
    db.exec("UPDATE application_tasks SET next_attempt_at = now() WHERE id = ?", limited);
    // Its worker claimed it a minute ago and died; the lease has run out since.
    db.exec("UPDATE application_tasks SET enqueued_at = now() - interval '1 minute',"
        + " lease_until = now() - interval '1 second' WHERE id = ?", crashed);
    Reconciler reconciler = new Reconciler(vertx, store, queue, permits, config);

    queue.consume(d -> {
      seen.add(d.taskId());
      return Future.succeededFuture();
    }, (d, e) -> Future.succeededFuture()).await();
    assertThat(reconciler.runOnce().await()).isEqualTo(2);

    awaitCondition("both delivered", Duration.ofSeconds(10), () -> seen.size() == 2);
    assertThat(seen).containsExactlyInAnyOrder(limited, crashed);
    assertThat(reconciler.runOnce().await()).isZero();
    // That message was lost as well (its worker died before claiming): once it is stale, it is sent again.
    db.exec("UPDATE application_tasks SET lease_until = now() - interval '2 hours',"
        + " enqueued_at = now() - interval '1 hour' WHERE id = ?", crashed);
    assertThat(reconciler.runOnce().await()).isEqualTo(1);
    awaitCondition("sent again", Duration.ofSeconds(10), () -> seen.size() == 3);
    assertThat(seen.get(2)).isEqualTo(crashed);
    // The crashed worker's task is claimable by whoever got the message; it resumes.
    assertThat(store.claim(crashed, "rescuer", LEASE).await().orElseThrow().resumed()).isTrue();
  }

  @Test
  void theInProcessQueueRetriesAfterBackoffAndGivesUpAfterMaxAttempts() {
    LocalTaskQueue queue = new LocalTaskQueue(vertx, config);
    UUID id = UUID.randomUUID();
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    List<Long> at = new CopyOnWriteArrayList<>();
    List<Integer> exhausted = new CopyOnWriteArrayList<>();
    queue.consume(d -> {
      attempts.add(d.attempt());
      at.add(System.nanoTime());
      return Future.failedFuture(new IllegalStateException("boom"));
    }, (d, e) -> {
      exhausted.add(d.attempt());
      return Future.succeededFuture();
    }).await();

    queue.publish(id).await();

    awaitCondition("given up", Duration.ofSeconds(10), () -> exhausted.size() == 1);
    assertThat(attempts).containsExactly(1, 2, 3);
    assertThat(exhausted).containsExactly(3);
    assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(180));
    assertThat(Duration.ofNanos(at.get(2) - at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(380));
  }
}
