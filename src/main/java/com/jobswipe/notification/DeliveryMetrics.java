package com.jobswipe.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
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

  /** Every channel and outcome starts at 0 on /metrics, so a rate or an alert has a series before the first send. */
  private static final List<String> CHANNELS = List.of("email", "apns", "fcm");
  private static final List<String> OUTCOMES = List.of("sent", "retry", "failed", "gone", "skipped");

  DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String channel : CHANNELS) {
      OUTCOMES.forEach(outcome -> counter(channel, outcome));
      timer(channel);
    }
    Gauge.builder("jobswipe_notification_queue_due", due, AtomicLong::get)
        .description("Outbox deliveries due now and not yet sent").register(registry);
    Gauge.builder("jobswipe_notification_queue_pending", pending, AtomicLong::get)
        .description("Outbox deliveries waiting, due or held (backoff, quiet hours)").register(registry);
    Gauge.builder("jobswipe_notification_oldest_due_seconds", oldestDueMillis, v -> v.get() / 1000.0)
        .description("How long the oldest due delivery has been waiting").register(registry);
  }

  /** outcome: sent, retry, failed, skipped, gone. */
  void delivered(String channel, String outcome) {
    counter(channel, outcome).increment();
  }

  /** From the notification's creation to the provider's accept, quiet-hour holds and retries included. */
  void latency(String channel, Duration sinceCreated) {
    timer(channel).record(sinceCreated);
  }

  private Counter counter(String channel, String outcome) {
    return Counter.builder("jobswipe_notification_deliveries").description("Delivery attempts by channel and outcome")
        .tags("channel", channel, "outcome", outcome).register(registry);
  }

  /** Buckets from 5 ms to 12 h: a push held through quiet hours is still a delivery, not an overflow. */
  private Timer timer(String channel) {
    return Timer.builder("jobswipe_notification_delivery_latency").description("From the event to the provider's accept")
        .tags("channel", channel).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
        .maximumExpectedValue(Duration.ofHours(12)).register(registry);
  }

  void queue(NotificationStore.Queue queue) {
    due.set(queue.due());
    pending.set(queue.pending());
    oldestDueMillis.set((long) (queue.oldestDueSeconds() * 1000));
  }
}
