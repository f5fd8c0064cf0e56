package com.jobswipe.automation;

import com.jobswipe.config.AutomationQueueConfig;
import com.jobswipe.config.RabbitConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;

/** Picks the backlog: RabbitMQ when {@code RABBITMQ_URI} is set, the in-process queue otherwise. */
public final class TaskQueues {

  /** The work queue's name on RabbitMQ (retry and dead-letter queues are named after it). */
  public static final String QUEUE = "jobswipe.automation.tasks";
  private static final Duration RECOVERY = Duration.ofSeconds(2);

  private TaskQueues() {
  }

  /** Started and ready to publish; fails when RabbitMQ is configured but unreachable (startup is retried by the caller). */
  public static Future<TaskQueue> start(Vertx vertx, RabbitConfig rabbit, AutomationQueueConfig config) {
    if (rabbit.uri().isEmpty()) {
      return Future.succeededFuture(new LocalTaskQueue(vertx, config));
    }
    RabbitTaskQueue queue = new RabbitTaskQueue(vertx, rabbit.uri().get(), config, QUEUE, RECOVERY);
    return queue.start().map(v -> queue);
  }
}
