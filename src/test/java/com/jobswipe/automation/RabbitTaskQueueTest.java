package com.jobswipe.automation;

import com.jobswipe.automation.TaskQueue.TaskDelivery;
import com.jobswipe.config.AutomationQueueConfig;
import com.jobswipe.testing.TcpProxy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static com.jobswipe.automation.AutomationFixtures.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

/** The RabbitMQ backlog against the real broker: confirms, manual acks, prefetch, retries, dead letters, recovery. */
class RabbitTaskQueueTest {

  static final URI BROKER = URI.create(System.getenv().getOrDefault("JOBSWIPE_TEST_RABBITMQ",
      "amqp://guest:guest@127.0.0.1:5672"));
  private static final Duration WAIT = Duration.ofSeconds(15);

  private Vertx vertx;
  private String name;
  private final List<RabbitTaskQueue> opened = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    name = "test.automation.tasks." + UUID.randomUUID();
  }

  @AfterEach
  void stop() {
    opened.forEach(q -> q.close().await());
    RabbitTaskQueue cleaner = queue(BROKER, AutomationFixtures.config());
    cleaner.deleteQueues().await();
    cleaner.close().await();
    vertx.close().await();
  }

  private RabbitTaskQueue queue(URI uri, AutomationQueueConfig config) {
    RabbitTaskQueue queue = new RabbitTaskQueue(vertx, uri, config, name, Duration.ofMillis(300));
    queue.start().await();
    opened.add(queue);
    return queue;
  }

  @Test
  void publishedIdsAreConfirmedConsumedOnceAndAcknowledged() {
    RabbitTaskQueue queue = queue(BROKER, AutomationFixtures.config());
    List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    queue.publishAll(ids).await();
    queue.publish(UUID.randomUUID()).await();
    assertThat(queue.ready().await()).as("persisted and confirmed before consuming").isEqualTo(4);

    List<TaskDelivery> seen = new CopyOnWriteArrayList<>();
    queue.consume(d -> {
      seen.add(d);
      return Future.succeededFuture();
    }, (d, e) -> Future.succeededFuture()).await();

    awaitCondition("four deliveries", WAIT, () -> seen.size() == 4);
    assertThat(seen).extracting(TaskDelivery::attempt).containsOnly(1);
    assertThat(seen).extracting(TaskDelivery::taskId).containsAll(ids);
    awaitCondition("nothing left", WAIT, () -> queue.ready().await() == 0);
  }

  @Test
  void anUnacknowledgedMessageGoesBackWhenItsConsumerDies() {
    RabbitTaskQueue dying = queue(BROKER, AutomationFixtures.config());
    UUID id = UUID.randomUUID();
    dying.publish(id).await();
    AtomicInteger held = new AtomicInteger();
    dying.consume(d -> {
      held.incrementAndGet();
      return Promise.promise().future(); // works forever, never acknowledges
    }, (d, e) -> Future.succeededFuture()).await();
    awaitCondition("the message is held", WAIT, () -> held.get() == 1);
    assertThat(dying.ready().await()).isZero();

    dying.close().await();

    RabbitTaskQueue survivor = queue(BROKER, AutomationFixtures.config());
    List<TaskDelivery> seen = new CopyOnWriteArrayList<>();
    survivor.consume(d -> {
      seen.add(d);
      return Future.succeededFuture();
    }, (d, e) -> Future.succeededFuture()).await();
    awaitCondition("redelivered to the survivor", WAIT, () -> seen.size() == 1);
    assertThat(seen.get(0).taskId()).isEqualTo(id);
  }

  @Test
  void aConsumerHoldsAtMostPrefetchUnsettledMessages() {
    AutomationQueueConfig config = AutomationFixtures.config(); // prefetch 4
    RabbitTaskQueue queue = queue(BROKER, config);
    for (int i = 0; i < 10; i++) {
      queue.publish(UUID.randomUUID()).await();
    }
    List<Promise<Void>> inFlight = new CopyOnWriteArrayList<>();
    queue.consume(d -> {
      Promise<Void> work = Promise.promise();
      inFlight.add(work);
      return work.future();
    }, (d, e) -> Future.succeededFuture()).await();

    awaitCondition("prefetch reached with the rest left on the broker", WAIT,
        () -> inFlight.size() == config.prefetch() && queue.ready().await() == 10 - config.prefetch());

    // Settling one lets exactly one more in.
    inFlight.get(0).complete();
    awaitCondition("one more delivered", WAIT, () -> inFlight.size() == config.prefetch() + 1);
    assertThat(queue.ready().await()).isEqualTo(10 - config.prefetch() - 1);
    inFlight.forEach(p -> p.tryComplete());
  }

  @Test
  void aFailingTaskIsRetriedAfterItsBackoffThenDeadLettered() {
    AutomationQueueConfig config = AutomationFixtures.config(); // 3 attempts, backoff 200 ms, 400 ms
    RabbitTaskQueue queue = queue(BROKER, config);
    UUID id = UUID.randomUUID();
    Map<Integer, Long> attemptsAt = new ConcurrentHashMap<>();
    List<TaskDelivery> exhausted = Collections.synchronizedList(new ArrayList<>());
    queue.consume(d -> {
      attemptsAt.put(d.attempt(), System.nanoTime());
      return Future.failedFuture(new IllegalStateException("the ATS answered 503"));
    }, (d, e) -> {
      assertThat(e).hasMessageContaining("503");
      exhausted.add(d);
      return Future.succeededFuture();
    }).await();

    queue.publish(id).await();

    awaitCondition("the task given up on", WAIT, () -> exhausted.size() == 1);
    assertThat(exhausted.get(0)).isEqualTo(new TaskDelivery(id, 3));
    assertThat(attemptsAt.keySet()).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(Duration.ofNanos(attemptsAt.get(2) - attemptsAt.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(180));
    assertThat(Duration.ofNanos(attemptsAt.get(3) - attemptsAt.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(380));
    awaitCondition("kept in the dead-letter queue", WAIT, () -> queue.dead().await() == 1);
    assertThat(queue.ready().await()).isZero();
  }

  @Test
  void anUnreadableMessageIsDeadLetteredNotRetried() {
    RabbitTaskQueue queue = queue(BROKER, AutomationFixtures.config());
    AtomicInteger handled = new AtomicInteger();
    queue.consume(d -> {
      handled.incrementAndGet();
      return Future.succeededFuture();
    }, (d, e) -> Future.succeededFuture()).await();
    io.vertx.rabbitmq.RabbitMQClient raw = io.vertx.rabbitmq.RabbitMQClient.create(vertx,
        new io.vertx.rabbitmq.RabbitMQOptions().setUri(BROKER.toString()));
    raw.start().await();
    raw.basicPublish("", name, io.vertx.core.buffer.Buffer.buffer("not a task id")).await();
    raw.stop().await();

    awaitCondition("dead-lettered", WAIT, () -> queue.dead().await() == 1);
    assertThat(handled.get()).isZero();
  }

  @Test
  void theQueueReconnectsWhenTheBrokerComesBack() {
    TcpProxy proxy = new TcpProxy(vertx, BROKER.getHost(), BROKER.getPort());
    proxy.restore().await();
    URI viaProxy = URI.create("amqp://guest:guest@127.0.0.1:" + proxy.port());
    RabbitTaskQueue queue = queue(viaProxy, AutomationFixtures.config());
    List<UUID> seen = new CopyOnWriteArrayList<>();
    queue.consume(d -> {
      seen.add(d.taskId());
      return Future.succeededFuture();
    }, (d, e) -> Future.succeededFuture()).await();
    UUID before = UUID.randomUUID();
    queue.publish(before).await();
    awaitCondition("delivered before the outage", WAIT, () -> seen.contains(before));

    proxy.cut().await();
    awaitCondition("the outage noticed", WAIT, () -> !queue.connected());
    assertThat(queue.publish(UUID.randomUUID()).otherwise(e -> null).await()).isNull();
    proxy.restore().await();

    UUID after = UUID.randomUUID();
    awaitCondition("publishing again after recovery", WAIT,
        () -> queue.publish(after).map(v -> true).otherwise(false).await());
    awaitCondition("the consumer came back by itself", WAIT, () -> seen.contains(after));
    assertThat(queue.connected()).isTrue();
    proxy.cut().await();
  }
}
