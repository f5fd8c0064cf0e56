package com.jobswipe.notification;

import java.time.Duration;

/**
 * When a failed delivery is tried again: {@code base × 2^(attempt-1)}, capped at {@code max}, of which a random
 * half is kept ("equal jitter"), so many deliveries that failed together (a provider outage) do not all come
 * back in the same second, yet none comes back sooner than half its step.
 */
record Backoff(Duration base, Duration max) {

  /**
   * @param attempts sends made so far (1 after the first)
   * @param jitter   a uniform random number in [0, 1)
   * @param floor    the provider's Retry-After, never undercut
   */
  Duration next(int attempts, double jitter, Duration floor) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    long step = Math.min(max.toMillis(), base.toMillis() << doublings);
    long half = step / 2;
    Duration delay = Duration.ofMillis(half + (long) (half * Math.min(Math.max(jitter, 0), 1)));
    return delay.compareTo(floor) < 0 ? floor : delay;
  }
}
