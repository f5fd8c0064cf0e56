package com.jobswipe.automation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The per-domain arithmetic, pure: when the rate windows allow the next start, and what the circuit breaker says.
 * {@link DomainPermits} feeds it from PostgreSQL under the domain's lock.
 */
public final class DomainRules {

  private DomainRules() {
  }

  /** A domain's limits ({@code domains} row, whose column defaults are the defaults). */
  public record Limits(int maxConcurrency, int perMinute, int perHour, int perDay, Duration minInterval) {
  }

  /**
   * The most recent starts the windows need: the {@code perMinute}-th, {@code perHour}-th and {@code perDay}-th
   * most recent start (empty when there were fewer), and the latest start.
   */
  public record RecentStarts(Optional<Instant> nthInMinute, Optional<Instant> nthInHour, Optional<Instant> nthInDay,
                             Optional<Instant> latest) {
  }

  /**
   * Empty when a run may start at {@code now}; otherwise the earliest instant it may. A window of length w with
   * limit L is full when the L-th most recent start is within w; it frees up when that start leaves the window.
   */
  public static Optional<Instant> rateRetryAt(Instant now, Limits limits, RecentStarts starts) {
    Instant retry = null;
    retry = later(retry, blockedUntil(now, starts.nthInMinute(), Duration.ofMinutes(1)));
    retry = later(retry, blockedUntil(now, starts.nthInHour(), Duration.ofHours(1)));
    retry = later(retry, blockedUntil(now, starts.nthInDay(), Duration.ofDays(1)));
    if (!limits.minInterval().isZero()) {
      retry = later(retry, blockedUntil(now, starts.latest(), limits.minInterval()));
    }
    return Optional.ofNullable(retry);
  }

  private static Instant blockedUntil(Instant now, Optional<Instant> start, Duration window) {
    if (start.isEmpty()) {
      return null;
    }
    Instant free = start.get().plus(window);
    return free.isAfter(now) ? free : null;
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  /** The breaker's states, as {@code domains.circuit_state} spells them. */
  public enum Circuit {
    CLOSED("closed"), OPEN("open"), HALF_OPEN("half_open");

    private final String db;

    Circuit(String db) {
      this.db = db;
    }

    public String db() {
      return db;
    }

    public static Circuit fromDb(String value) {
      for (Circuit c : values()) {
        if (c.db.equals(value)) {
          return c;
        }
      }
      throw new IllegalArgumentException("circuit state " + value);
    }
  }

  /** What the breaker (and an operator's pause) says about a new run. */
  public sealed interface Gate {
    /** Closed: runs go ahead. */
    record Open() implements Gate {
    }

    /** The cool-down passed: this run is the one trial of the half-open circuit. */
    record Trial() implements Gate {
    }

    record Shut(String reason, Instant until) implements Gate {
    }
  }

  /**
   * Paused by an operator → shut until then. Open → shut until the cool-down ends, then one trial run (half-open).
   * Half-open → shut while the trial runs; a trial that never reported (its worker died) is replaced by a new
   * one after another cool-down, so a crash cannot leave the domain half-open for ever.
   */
  public static Gate gate(Instant now, Circuit circuit, Optional<Instant> changedAt, Optional<Instant> pausedUntil,
                          Duration cooldown) {
    if (pausedUntil.isPresent() && pausedUntil.get().isAfter(now)) {
      return new Gate.Shut("paused", pausedUntil.get());
    }
    if (circuit == Circuit.CLOSED) {
      return new Gate.Open();
    }
    Instant coolUntil = changedAt.orElse(Instant.EPOCH).plus(cooldown);
    if (coolUntil.isAfter(now)) {
      return new Gate.Shut(circuit == Circuit.OPEN ? "circuit_open" : "circuit_half_open", coolUntil);
    }
    return new Gate.Trial();
  }

  /** Whether a failure opens the circuit: the threshold reached, or the half-open trial failed. */
  public static boolean opensOn(Circuit circuit, int consecutiveFailuresAfter, int threshold) {
    return circuit == Circuit.HALF_OPEN || consecutiveFailuresAfter >= threshold;
  }
}
