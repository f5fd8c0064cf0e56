package com.jobswipe.automation;

import com.jobswipe.config.AutomationQueueConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The backlog of the embedded single-node default (no RabbitMQ): the same contract as {@link RabbitTaskQueue}
 * where it matters — bounded parallelism ({@code prefetch}), retries after the configured backoff with the attempt
 * counted, the exhausted callback after {@code maxAttempts} — but held in memory. What a process crash loses is
 * found again by the {@link Reconciler} in PostgreSQL, which is the record either way.
 *
 * <p>All state is touched on one context, so no locks. A task id already waiting is not queued twice.
 */
public final class LocalTaskQueue implements TaskQueue {

  private static final Logger log = LoggerFactory.getLogger(LocalTaskQueue.class);

  private final Vertx vertx;
  private final Context context;
  private final AutomationQueueConfig config;
  private final Deque<TaskDelivery> ready = new ArrayDeque<>();
  private final Set<UUID> waiting = new HashSet<>();
  private final Set<Long> timers = new HashSet<>();
  private TaskHandler handler;
  private Exhausted exhausted;
  private int inFlight;
  private boolean closed;

  public LocalTaskQueue(Vertx vertx, AutomationQueueConfig config) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.config = config;
  }

  @Override
  public Future<Void> publish(UUID taskId) {
    return onContext(() -> {
      if (closed) {
        throw new IllegalStateException("the task queue is closed");
      }
      offer(new TaskDelivery(taskId, 1));
    });
  }

  @Override
  public Future<Void> consume(TaskHandler handler, Exhausted exhausted) {
    return onContext(() -> {
      if (this.handler != null) {
        throw new IllegalStateException("already consuming");
      }
      this.handler = handler;
      this.exhausted = exhausted;
      drain();
    });
  }

  @Override
  public boolean connected() {
    return !closed;
  }

  @Override
  public Future<Void> close() {
    return onContext(() -> {
      closed = true;
      timers.forEach(vertx::cancelTimer);
      timers.clear();
      ready.clear();
      waiting.clear();
    });
  }

  /** Messages waiting (not in flight, not in backoff); for tests and metrics. */
  public Future<Integer> waitingCount() {
    Promise<Integer> count = Promise.promise();
    context.runOnContext(v -> count.complete(ready.size()));
    return count.future();
  }

  private void offer(TaskDelivery delivery) {
    if (waiting.add(delivery.taskId())) {
      ready.add(delivery);
      drain();
    }
  }

  private void drain() {
    while (handler != null && !closed && inFlight < config.prefetch() && !ready.isEmpty()) {
      TaskDelivery next = ready.poll();
      waiting.remove(next.taskId());
      inFlight++;
      Future<?> outcome;
      try {
        outcome = handler.handle(next);
      } catch (RuntimeException e) {
        outcome = Future.failedFuture(e);
      }
      outcome.onComplete(done -> context.runOnContext(v -> settle(next, done.failed() ? done.cause() : null)));
    }
  }

  private void settle(TaskDelivery delivery, Throwable failure) {
    inFlight--;
    if (failure != null && !closed) {
      if (delivery.attempt() < config.maxAttempts()) {
        long delay = Math.max(1, config.backoffBefore(delivery.attempt()).toMillis());
        log.debug("task {} failed delivery {} ({}); again in {} ms", delivery.taskId(), delivery.attempt(),
            failure.toString(), delay);
        long[] id = new long[1];
        id[0] = vertx.setTimer(delay, t -> {
          timers.remove(id[0]);
          offer(new TaskDelivery(delivery.taskId(), delivery.attempt() + 1));
        });
        timers.add(id[0]);
      } else {
        log.warn("task {} failed {} deliveries; giving up ({})", delivery.taskId(), delivery.attempt(),
            failure.toString());
        try {
          exhausted.exhausted(delivery, failure)
              .onFailure(e -> log.error("marking task {} exhausted failed", delivery.taskId(), e));
        } catch (RuntimeException e) {
          log.error("marking task {} exhausted failed", delivery.taskId(), e);
        }
      }
    }
    drain();
  }

  private Future<Void> onContext(Runnable action) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      try {
        action.run();
        done.complete();
      } catch (RuntimeException e) {
        done.fail(e);
      }
    });
    return done.future();
  }
}
