package com.jobswipe.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code jobswipe_notification_*}: deliveries by channel and outcome, event-to-delivery latency, and the outbox
 * as the database sees it (shared by every node, so each node reports the same queue).
 */
final class DeliveryMetrics {

  private final MeterRegistry registry;
  private final AtomicLong due = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong oldestDueMillis = new AtomicLong();

  DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("jobswipe_notification_queue_due", due, AtomicLong::get)
        .description("Outbox deliveries due now and not yet sent").register(registry);
    Gauge.builder("jobswipe_notification_queue_pending", pending, AtomicLong::get)
        .description("Outbox deliveries waiting, due or held (backoff, quiet hours)").register(registry);
    Gauge.builder("jobswipe_notification_oldest_due_seconds", oldestDueMillis, v -> v.get() / 1000.0)
        .description("How long the oldest due delivery has been waiting").register(registry);
  }

  /** outcome: sent, retry, failed, skipped, gone. */
  void delivered(String channel, String outcome) {
    Counter.builder("jobswipe_notification_deliveries").description("Delivery attempts by channel and outcome")
        .tags("channel", channel, "outcome", outcome).register(registry).increment();
  }

  void latency(String channel, Duration sinceCreated) {
    Timer.builder("jobswipe_notification_delivery_latency").description("From the event to the provider's accept")
        .tags("channel", channel).publishPercentileHistogram().register(registry).record(sinceCreated);
  }

  void queue(NotificationStore.Queue queue) {
    due.set(queue.due());
    pending.set(queue.pending());
    oldestDueMillis.set((long) (queue.oldestDueSeconds() * 1000));
  }
}
