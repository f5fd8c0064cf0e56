package com.jobswipe.auth;

import com.jobswipe.config.AuthConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed sign-ins: after {@code threshold} consecutive failures the account locks for base × 2^(level-1)
 * (1, 2, 4 … minutes by default), capped at {@code max}. Each lock raises the level; a success resets both.
 */
public final class LockoutPolicy {

  /** The counters after a failure, and the end of the lock it caused, if any. */
  public record AfterFailure(int failedCount, int level, Optional<Instant> lockedUntil) {
  }

  private final AuthConfig.Lockout config;

  public LockoutPolicy(AuthConfig.Lockout config) {
    this.config = config;
  }

  public AfterFailure afterFailure(int failedCount, int level, Instant now) {
    int failures = failedCount + 1;
    if (failures < config.threshold()) {
      return new AfterFailure(failures, level, Optional.empty());
    }
    int nextLevel = level + 1;
    return new AfterFailure(0, nextLevel, Optional.of(now.plus(lockDuration(nextLevel))));
  }

  public Duration lockDuration(int level) {
    // Doubling past 2^20 overflows long before the cap matters; the cap is reached far earlier anyway.
    long factor = 1L << Math.min(Math.max(level - 1, 0), 20);
    Duration duration = config.base().multipliedBy(factor);
    return duration.compareTo(config.max()) > 0 ? config.max() : duration;
  }
}
