package com.jobswipe.edge;

import io.vertx.core.Future;

/**
 * Counts requests against {@link RateLimit} quotas. Implementations: {@link RedisRateLimiter} (shared by every
 * node) and {@link LocalRateLimiter} (one process only, the embedded default).
 */
public interface RateLimiter {

  /**
   * Spends one unit of {@code limit} for {@code key} when one is available. A denied check spends nothing.
   * The future fails when the limiter cannot answer (store down, timeout, full); callers decide whether that
   * lets the request through.
   *
   * @param key who is being limited, e.g. a client IP or an account; any string, bounded before storage
   */
  Future<RateLimit.Decision> check(String key, RateLimit limit);

  Future<Void> close();
}
