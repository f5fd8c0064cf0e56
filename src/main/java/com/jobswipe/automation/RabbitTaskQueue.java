package com.jobswipe.automation;

import com.jobswipe.config.AutomationQueueConfig;
import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.QueueOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQConsumer;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.RabbitMQOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The backlog on RabbitMQ. Topology (all durable, on the default exchange, so a queue's name is its routing key):
 * <pre>
 *   {name}                 the work queue; a rejected (unreadable) message dead-letters to {name}.dead
 *   {name}.retry.{ms}ms    one per backoff step: x-message-ttl = the step, then dead-letters back to {name}
 *   {name}.dead            messages given up on, kept for operators (nobody consumes it)
 * </pre>
 * A failed delivery is re-published (confirmed) to the retry queue of its step with the attempt number in the
 * {@value #ATTEMPT_HEADER} header, then acknowledged: one TTL per queue, because RabbitMQ expires messages only
 * at a queue's head, so mixed per-message TTLs in one queue would hold short waits behind long ones. A crash
 * between the re-publish and the ack leaves two copies — harmless, the claim is a compare-and-set.
 *
 * <p>Messages are persistent and every publish waits for the broker's confirm. Consumers use manual acks and a
 * bounded prefetch ({@code basicQos}). Reconnection is the RabbitMQ Java client's automatic recovery: it reopens
 * the connection when the broker comes back, re-declares the queues, restores {@code basicQos} and confirm mode on
 * the channel and re-registers the consumer; acks of deliveries from before the outage are dropped by the client
 * (the broker has requeued those messages already). Publishes during an outage fail; the caller (or the
 * reconciler, which finds the task in PostgreSQL) sends them again.
 */
public final class RabbitTaskQueue implements TaskQueue {

  static final String ATTEMPT_HEADER = "x-jobswipe-attempt";
  private static final Logger log = LoggerFactory.getLogger(RabbitTaskQueue.class);
  private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

  private final AutomationQueueConfig config;
  private final Vertx vertx;
  private final String name;
  private final Duration recovery;
  /** Publishes and waits for confirms. */
  private final RabbitMQClient client;
  /**
   * Consumes and acks, on a connection of its own: a confirm that times out closes the publishing channel (the
   * Vert.x client waits "or die"), which must never take the consumer down with it.
   */
  private final RabbitMQClient consuming;
  private volatile RabbitMQConsumer consumer;
  private volatile boolean closed;
  private long watchdog = -1;

  /**
   * @param name     the work queue's name; the retry and dead queues are named after it
   * @param recovery how often to try reconnecting while the broker is unreachable
   */
  public RabbitTaskQueue(Vertx vertx, URI uri, AutomationQueueConfig config, String name, Duration recovery) {
    this.vertx = vertx;
    this.config = config;
    this.name = name;
    this.recovery = recovery;
    RabbitMQOptions options = new RabbitMQOptions()
        .setUri(uri.toString())
        .setConnectionName("jobswipe-automation")
        .setAutomaticRecoveryEnabled(true)
        .setNetworkRecoveryInterval(recovery.toMillis())
        // Recovery is the Java client's (above); Vert.x's own reconnect loop would race it with a second connection.
        .setReconnectAttempts(0)
        .setRequestedHeartbeat(30)
        .setConnectionTimeout(10_000);
    this.client = RabbitMQClient.create(vertx, options);
    this.consuming = RabbitMQClient.create(vertx, new RabbitMQOptions(options).setConnectionName("jobswipe-automation-consumer"));
    client.addConnectionEstablishedCallback(promise -> declareTopology().onComplete(promise));
  }

  /** Connects, declares the queues and turns on publisher confirms. Fails when the broker is unreachable. */
  public Future<Void> start() {
    return safely(client::start)
        .compose(v -> safely(client::confirmSelect))
        .compose(v -> safely(consuming::start))
        .onSuccess(v -> log.info("task backlog on RabbitMQ queue {}", name));
  }

  public String queueName() {
    return name;
  }

  String deadQueue() {
    return name + ".dead";
  }

  String retryQueue(Duration step) {
    return name + ".retry." + Math.max(1, step.toMillis()) + "ms";
  }

  @Override
  public Future<Void> publish(UUID taskId) {
    return publishTo(name, taskId, 1).compose(v -> confirmed());
  }

  @Override
  public Future<Void> publishAll(java.util.Collection<UUID> taskIds) {
    Future<Void> chain = Future.succeededFuture();
    for (UUID id : taskIds) {
      chain = chain.compose(v -> publishTo(name, id, 1));
    }
    return chain.compose(v -> confirmed());
  }

  @Override
  public Future<Void> consume(TaskHandler handler, Exhausted exhausted) {
    return subscribe(handler, exhausted).onSuccess(v -> {
      // The Java client re-subscribes after a lost connection; this covers a channel closed under an open one.
      watchdog = vertx.setPeriodic(Math.max(250, recovery.toMillis()), id -> {
        RabbitMQConsumer current = consumer;
        if (!closed && consuming.isConnected() && (!consuming.isOpenChannel() || current == null
            || current.isCancelled())) {
          log.warn("task consumer on {} lost its channel; subscribing again", name);
          consumer = null;
          subscribe(handler, exhausted).onFailure(e -> log.warn("subscribing to {} failed: {}", name, e.toString()));
        }
      });
    });
  }

  private Future<Void> subscribe(TaskHandler handler, Exhausted exhausted) {
    return safely(() -> consuming.basicQos(config.prefetch()))
        .compose(v -> safely(() -> consuming.basicConsumer(name, new QueueOptions().setAutoAck(false)
            // The client's own buffer in front of the handler; the broker never sends more than prefetch anyway.
            .setMaxInternalQueueSize(Math.max(16, config.prefetch() * 4)))))
        .map(started -> {
          consumer = started;
          started.exceptionHandler(e -> log.warn("task consumer on {}: {}", name, e.toString()));
          started.endHandler(v -> {
            if (!closed) {
              log.warn("the broker cancelled the task consumer on {}", name);
            }
          });
          started.handler(message -> deliver(message, handler, exhausted));
          return null;
        });
  }

  @Override
  public boolean connected() {
    return client.isConnected() && consuming.isConnected();
  }

  @Override
  public Future<Void> close() {
    closed = true;
    if (watchdog >= 0) {
      vertx.cancelTimer(watchdog);
    }
    RabbitMQConsumer running = consumer;
    Future<Void> cancelled = running == null ? Future.succeededFuture()
        : safely(running::cancel).recover(e -> Future.succeededFuture());
    return cancelled.compose(v -> safely(consuming::stop)).recover(e -> Future.succeededFuture())
        .compose(v -> safely(client::stop)).recover(e -> Future.succeededFuture());
  }

  /** Messages ready in the work queue (for tests and operators). */
  public Future<Long> ready() {
    return safely(() -> client.messageCount(name));
  }

  /** Messages in the dead-letter queue (for tests and operators). */
  public Future<Long> dead() {
    return safely(() -> client.messageCount(deadQueue()));
  }

  /** Deletes this backlog's queues (tests use a queue name of their own). */
  public Future<Void> deleteQueues() {
    Future<Void> chain = safely(() -> client.queueDelete(name)).mapEmpty();
    for (String queue : retryQueues()) {
      chain = chain.compose(v -> safely(() -> client.queueDelete(queue)).mapEmpty());
    }
    return chain.compose(v -> safely(() -> client.queueDelete(deadQueue())).mapEmpty());
  }

  private void deliver(RabbitMQMessage message, TaskHandler handler, Exhausted exhausted) {
    long tag = message.envelope().getDeliveryTag();
    UUID taskId;
    try {
      taskId = UUID.fromString(message.body().toString(StandardCharsets.US_ASCII).strip());
    } catch (IllegalArgumentException unreadable) {
      log.error("unreadable task message on {} dead-lettered", name);
      safely(() -> consuming.basicNack(tag, false, false));
      return;
    }
    TaskDelivery delivery = new TaskDelivery(taskId, attemptOf(message));
    Future<?> outcome;
    try {
      outcome = handler.handle(delivery);
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(done -> {
      if (done.succeeded()) {
        ack(tag);
      } else {
        retryOrGiveUp(tag, delivery, done.cause(), exhausted);
      }
    });
  }

  private void retryOrGiveUp(long tag, TaskDelivery delivery, Throwable failure, Exhausted exhausted) {
    Future<Void> settled;
    if (delivery.attempt() < config.maxAttempts()) {
      Duration wait = config.backoffBefore(delivery.attempt());
      log.warn("task {} failed delivery {} ({}); again in {}", delivery.taskId(), delivery.attempt(),
          failure.toString(), wait);
      settled = publishTo(retryQueue(wait), delivery.taskId(), delivery.attempt() + 1).compose(v -> confirmed());
    } else {
      log.warn("task {} failed {} deliveries; dead-lettered ({})", delivery.taskId(), delivery.attempt(),
          failure.toString());
      Future<?> marked;
      try {
        marked = exhausted.exhausted(delivery, failure);
      } catch (RuntimeException e) {
        marked = Future.failedFuture(e);
      }
      settled = marked.compose(v -> publishTo(deadQueue(), delivery.taskId(), delivery.attempt()))
          .compose(v -> confirmed());
    }
    settled.onComplete(done -> {
      if (done.succeeded()) {
        ack(tag);
      } else {
        // Not moved on: the broker delivers it again (the attempt count stays, so this is not lost either).
        log.warn("task {} could not be moved to retry ({}); requeued", delivery.taskId(), done.cause().toString());
        safely(() -> consuming.basicNack(tag, false, true));
      }
    });
  }

  private void ack(long tag) {
    safely(() -> consuming.basicAck(tag, false))
        .onFailure(e -> log.debug("ack {} not sent ({}); the broker will redeliver", tag, e.toString()));
  }

  private Future<Void> publishTo(String queue, UUID taskId, int attempt) {
    AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
        .deliveryMode(2)
        .contentType("text/plain")
        .messageId(taskId + "#" + attempt)
        .headers(Map.of(ATTEMPT_HEADER, attempt))
        .build();
    return safely(() -> client.basicPublish("", queue, properties,
        Buffer.buffer(taskId.toString(), StandardCharsets.US_ASCII.name())));
  }

  /** Waits until the broker has confirmed everything published on the channel so far (or nacked: a failure). */
  private Future<Void> confirmed() {
    return safely(() -> client.waitForConfirms(CONFIRM_TIMEOUT.toMillis()));
  }

  private Future<Void> declareTopology() {
    JsonObject work = new JsonObject().put("x-dead-letter-exchange", "").put("x-dead-letter-routing-key", deadQueue());
    Future<Void> chain = safely(() -> client.queueDeclare(deadQueue(), true, false, false)).mapEmpty();
    chain = chain.compose(v -> safely(() -> client.queueDeclare(name, true, false, false, work)).mapEmpty());
    for (String queue : retryQueues()) {
      long ttl = Long.parseLong(queue.substring(queue.lastIndexOf('.') + 1, queue.length() - 2));
      JsonObject retry = new JsonObject().put("x-message-ttl", ttl)
          .put("x-dead-letter-exchange", "").put("x-dead-letter-routing-key", name);
      chain = chain.compose(v -> safely(() -> client.queueDeclare(queue, true, false, false, retry)).mapEmpty());
    }
    return chain;
  }

  private Set<String> retryQueues() {
    Set<String> queues = new LinkedHashSet<>();
    config.backoff().forEach(step -> queues.add(retryQueue(step)));
    return queues;
  }

  private static int attemptOf(RabbitMQMessage message) {
    Map<String, Object> headers = message.properties() == null ? null : message.properties().getHeaders();
    Object attempt = headers == null ? null : headers.get(ATTEMPT_HEADER);
    return attempt instanceof Number n ? Math.max(1, n.intValue()) : 1;
  }

  /**
   * The Vert.x client throws (instead of failing the future) when the channel cannot be reopened during an
   * outage; every call goes through here so callers always get a future.
   */
  private static <T> Future<T> safely(Supplier<Future<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
