package com.jobswipe.automation;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.UUID;

/**
 * The durable backlog of application tasks. A message carries only the task id: the task's state lives in
 * PostgreSQL and every change to it is a compare-and-set ({@link TaskStore}), so a message delivered twice, or
 * re-sent by the {@link Reconciler} while the first copy was still queued, is harmless.
 *
 * <p>Delivery is at least once. A handler's future decides the message's fate: success acknowledges it; failure
 * sends it back after {@code backoff} (the attempt number travels with it), and after {@code maxAttempts} failed
 * deliveries the {@link Exhausted} callback runs (the runner marks the task FAILED) and the message is dead-lettered.
 */
public interface TaskQueue {

  /** Succeeds once the message is safe (RabbitMQ: confirmed by the broker as persisted). */
  Future<Void> publish(UUID taskId);

  /** Several ids, confirmed together. */
  default Future<Void> publishAll(Collection<UUID> taskIds) {
    return Future.all(taskIds.stream().map(this::publish).toList()).mapEmpty();
  }

  /**
   * Starts handing messages to {@code handler}, at most {@code prefetch} unsettled at once on this node. Call once.
   */
  Future<Void> consume(TaskHandler handler, Exhausted exhausted);

  /** Whether the backlog is reachable now (for readiness). */
  boolean connected();

  /** Stops consuming and disconnects; unsettled messages go back to the queue. */
  Future<Void> close();

  /** One delivery of a task's message; {@code attempt} counts deliveries of this message, from 1. */
  record TaskDelivery(UUID taskId, int attempt) {
  }

  /** Works on one delivery; the future's outcome acknowledges (success) or retries (failure) the message. */
  @FunctionalInterface
  interface TaskHandler {
    Future<?> handle(TaskDelivery delivery);
  }

  /** Called once when a message failed {@code maxAttempts} times, before it is dead-lettered. */
  @FunctionalInterface
  interface Exhausted {
    Future<?> exhausted(TaskDelivery delivery, Throwable lastFailure);
  }
}
