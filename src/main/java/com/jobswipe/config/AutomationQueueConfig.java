package com.jobswipe.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable machinery around application tasks: the backlog, leases, retries, the reconciler, the per-domain
 * circuit breaker and the per-user company cap.
 *
 * @param prefetch         deliveries one consumer holds unacknowledged at once (RabbitMQ {@code basicQos}); also
 *                         the in-process queue's parallelism
 * @param lease            how long a claimed task is its worker's; renewed while it works, claimable by anyone after
 * @param maxAttempts      deliveries of one message whose handling failed before the task goes FAILED (dead letter)
 * @param backoff          wait before the 1st, 2nd … retry of a failed delivery; the last step repeats
 * @param reconcileEvery   how often tasks whose message may be lost are enqueued again
 * @param staleAfter       how long a QUEUED task may wait for its message before the reconciler sends another
 * @param busyRetry        when a task whose domain had no free session slot is tried again
 * @param companyCap       applications one user may send to one company within {@code companyCapWindow}
 * @param companyCapWindow the company cap's window
 * @param circuitFailures  consecutive failed runs on one domain that open its circuit
 * @param circuitCooldown  how long an open circuit pauses its domain before one trial run (half-open)
 */
public record AutomationQueueConfig(
    int prefetch,
    Duration lease,
    int maxAttempts,
    List<Duration> backoff,
    Duration reconcileEvery,
    Duration staleAfter,
    Duration busyRetry,
    int companyCap,
    Duration companyCapWindow,
    int circuitFailures,
    Duration circuitCooldown) {

  public AutomationQueueConfig {
    if (backoff.isEmpty()) {
      throw new IllegalArgumentException("backoff needs at least one step");
    }
    backoff = List.copyOf(backoff);
  }

  /** The wait before retry number {@code retry} (1-based); past the list, its last step. */
  public Duration backoffBefore(int retry) {
    return backoff.get(Math.min(Math.max(retry, 1), backoff.size()) - 1);
  }

  static AutomationQueueConfig from(Settings s) {
    return new AutomationQueueConfig(
        s.integer("JOBSWIPE_AUTOMATION_PREFETCH", "automationQueue.prefetch", 1, 256),
        s.seconds("JOBSWIPE_AUTOMATION_LEASE_SECONDS", "automationQueue.leaseSeconds", 10, 3_600),
        s.integer("JOBSWIPE_AUTOMATION_MAX_ATTEMPTS", "automationQueue.maxAttempts", 1, 50),
        backoff(s),
        s.seconds("JOBSWIPE_AUTOMATION_RECONCILE_SECONDS", "automationQueue.reconcileSeconds", 1, 3_600),
        s.seconds("JOBSWIPE_AUTOMATION_STALE_SECONDS", "automationQueue.staleSeconds", 5, 86_400),
        s.seconds("JOBSWIPE_AUTOMATION_BUSY_RETRY_SECONDS", "automationQueue.busyRetrySeconds", 1, 3_600),
        s.integer("JOBSWIPE_AUTOMATION_COMPANY_CAP", "automationQueue.companyCap", 1, 1_000),
        Duration.ofDays(s.integer("JOBSWIPE_AUTOMATION_COMPANY_CAP_DAYS", "automationQueue.companyCapDays", 1, 365)),
        s.integer("JOBSWIPE_AUTOMATION_CIRCUIT_FAILURES", "automationQueue.circuitFailures", 1, 100),
        s.seconds("JOBSWIPE_AUTOMATION_CIRCUIT_COOLDOWN_SECONDS", "automationQueue.circuitCooldownSeconds", 1, 86_400));
  }

  private static List<Duration> backoff(Settings s) {
    String name = "JOBSWIPE_AUTOMATION_BACKOFF_SECONDS";
    List<String> raw = s.list(name, "automationQueue.backoffSeconds");
    if (raw.isEmpty() || raw.size() > 10) {
      throw new ConfigException(name, "expected 1 to 10 comma-separated seconds, got " + raw.size());
    }
    List<Duration> steps = new ArrayList<>();
    for (String step : raw) {
      int seconds;
      try {
        seconds = Integer.parseInt(step);
      } catch (NumberFormatException e) {
        throw new ConfigException(name, "expected whole seconds, got '" + step + "'");
      }
      if (seconds < 1 || seconds > 86_400) {
        throw new ConfigException(name, "each step must be between 1 and 86400 seconds, got " + seconds);
      }
      steps.add(Duration.ofSeconds(seconds));
    }
    return steps;
  }
}
