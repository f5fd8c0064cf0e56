package com.jobswipe.edge;

import io.vertx.core.Future;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The same GCRA as {@link RedisRateLimiter}, in this process's memory: for the embedded single-node setup
 * only (every node would have its own budget otherwise). One {@code Long} per active key, the theoretical
 * arrival time in microseconds of a monotonic clock; a key whose TAT has passed means the same as no key
 * and is swept away.
 *
 * <p>Bounded: at most {@code maxEntries} keys are tracked. When full even after sweeping, checks for new
 * keys fail (the handler then fails closed or open as configured) rather than evicting live entries:
 * evicting would let someone who floods new keys reset a victim's budget, e.g. the per-account login limit.
 */
public final class LocalRateLimiter implements RateLimiter {

  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  /** Sweep expired keys at least this often, so memory follows the active key count. */
  private static final long SWEEP_EVERY_MICROS = 10_000_000;
  /** When full, sweep at most this often: a sweep is O(n), and a flood of new keys must not make every check O(n). */
  private static final long FULL_SWEEP_EVERY_MICROS = 100_000;

  private final ConcurrentHashMap<Bucket, Long> tats = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final LongSupplier clockMicros;
  private final AtomicLong lastSweep;

  private record Bucket(String policy, String key) {
  }

  public LocalRateLimiter() {
    this(DEFAULT_MAX_ENTRIES);
  }

  public LocalRateLimiter(int maxEntries) {
    this(maxEntries, () -> System.nanoTime() / 1_000);
  }

  /** @param clockMicros a monotonic clock in microseconds (tests pass a fake one) */
  LocalRateLimiter(int maxEntries, LongSupplier clockMicros) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.clockMicros = clockMicros;
    this.lastSweep = new AtomicLong(clockMicros.getAsLong());
  }

  @Override
  public Future<RateLimit.Decision> check(String key, RateLimit limit) {
    Bucket bucket = new Bucket(limit.policy(), RateLimit.boundedKey(key));
    long now = clockMicros.getAsLong();
    sweepIfDue(now);
    if (tats.size() >= maxEntries && !tats.containsKey(bucket)) {
      return Future.failedFuture(new IllegalStateException(
          "local rate limiter is tracking " + maxEntries + " keys, its maximum"));
    }
    long interval = limit.intervalMicros();
    long capacity = limit.capacityMicros();
    RateLimit.Decision[] decision = new RateLimit.Decision[1];
    tats.compute(bucket, (b, stored) -> {
      long tat = stored == null ? now : Math.max(stored, now);
      long used = tat + interval - now;
      if (used > capacity) {
        // Denied requests store nothing, so hammering a closed bucket does not push its opening further out.
        decision[0] = RateLimit.Decision.of(false, 0, used - capacity);
        return stored;
      }
      long free = capacity - used;
      decision[0] = RateLimit.Decision.of(true, free / interval, interval - free % interval);
      return tat + interval;
    });
    return Future.succeededFuture(decision[0]);
  }

  int size() {
    return tats.size();
  }

  private void sweepIfDue(long now) {
    long last = lastSweep.get();
    long every = tats.size() >= maxEntries ? FULL_SWEEP_EVERY_MICROS : SWEEP_EVERY_MICROS;
    if (now - last >= every && lastSweep.compareAndSet(last, now)) {
      // removeIf on the values view removes an entry only if it still holds the value seen, so a
      // concurrent check that just renewed a key keeps it.
      tats.values().removeIf(tat -> tat <= now);
    }
  }

  @Override
  public Future<Void> close() {
    tats.clear();
    return Future.succeededFuture();
  }
}
