package com.jobswipe.applications;

/**
 * How many messages a socket may still send: a bucket of {@code perMinute} that refills at {@code perMinute} a
 * minute, so a client may burst a minute's worth and then keep that pace. Read on the socket's event loop only;
 * the caller passes the time ({@link System#nanoTime()}), so tests set it.
 */
final class MessageBudget {

  private static final double NANOS_PER_MINUTE = 60e9;

  private final int perMinute;
  private double left;
  private long checkedAt;

  MessageBudget(int perMinute, long nowNanos) {
    this.perMinute = perMinute;
    this.left = perMinute;
    this.checkedAt = nowNanos;
  }

  /** Takes one message from the budget: false when none is left (the socket is flooding). */
  boolean spend(long nowNanos) {
    left = Math.min(perMinute, left + (nowNanos - checkedAt) * perMinute / NANOS_PER_MINUTE);
    checkedAt = nowNanos;
    if (left < 1) {
      return false;
    }
    left -= 1;
    return true;
  }
}
